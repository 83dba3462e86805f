"""`manage.py seed_demo`: invented leaders, organizations, resources, events and campaigns, plus
demo logins.

Idempotent: rows are matched by slug, so a second run creates nothing and takes about a second.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from actlocal.models import Topic, User
from campaigns.demo import demo_campaigns_load
from campaigns.models import Campaign, Official
from directory.cache import public_cache_bump
from directory.demo import DEMO_SEED, DEMO_SIZE, demo_load, demo_plan
from directory.demo.accounts import ORGANIZER_EMAIL, STAFF_EMAIL, demo_logins_ensure
from directory.models import Leader, Organization, Resource
from events.demo import demo_events_load, demo_leader, demo_leader_login_ensure
from events.models import RSVP, Event
from surveys.demo import RESPONDENTS, demo_surveys_load
from toolkits.demo import demo_toolkits_load


class Command(BaseCommand):
    help = "Load invented demo data into the directory and create demo staff/organizer logins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--seed", type=int, default=DEMO_SEED, help="Random seed (default %(default)s)."
        )
        parser.add_argument(
            "--respondents",
            type=int,
            default=RESPONDENTS,
            help="Invented people answering the network surveys (default %(default)s; the "
            "pseudo-Spanish check loads fewer to build its world quickly).",
        )
        parser.add_argument(
            "--allow-without-debug",
            action="store_true",
            help="Run even though DEBUG is off (staging sites). Never use it in production: "
            "the demo logins have passwords printed on the console.",
        )

    def handle(
        self, *args, seed: int, respondents: int, allow_without_debug: bool, **options
    ) -> None:
        if not settings.DEBUG and not allow_without_debug:
            raise CommandError(
                "seed_demo adds invented people and demo logins, so it runs only with DEBUG=true. "
                "Pass --allow-without-debug to load it on a staging site anyway."
            )
        started = time.monotonic()
        created = demo_load(plan=demo_plan(size=DEMO_SIZE, seed=seed))
        logins = demo_logins_ensure()
        leader = demo_leader()
        if leader is not None:
            logins.append(demo_leader_login_ensure(leader=leader))
        organizer = User.objects.filter(email__iexact=ORGANIZER_EMAIL).first()
        events = demo_events_load(organizer=organizer, leader=leader)
        campaigns = demo_campaigns_load(organizer=organizer, leader=leader)
        surveys = demo_surveys_load(organizer=organizer, respondents=respondents)
        for scope in ("events", "campaigns"):
            public_cache_bump(scope)  # the demo loaders insert in bulk, without signals
        elapsed = time.monotonic() - started

        if created.total:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo data loaded in {elapsed:.1f}s: {created.leaders} leaders, "
                    f"{created.organizations} organizations, {created.resources} resources, "
                    f"{created.affiliations} affiliations."
                )
            )
        else:
            self.stdout.write(f"Demo data already loaded; nothing to create ({elapsed:.1f}s).")
        states = Leader.objects.exclude(state="").values("state").distinct().count()
        self.stdout.write(
            f"The directory now holds {Leader.objects.count()} leaders, "
            f"{Organization.objects.count()} organizations, {Resource.objects.count()} resources "
            f"and {Topic.objects.count()} topics across {states} states."
        )
        if events.total:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo events loaded: {events.events} events and {events.kits} event kits, "
                    f"{events.sessions} agenda sessions, {events.invitations} invitations, "
                    f"{events.rsvps} RSVPs ({events.waitlisted} waitlisted), "
                    f"{events.checked_in} check-ins."
                )
            )
        else:
            self.stdout.write("Demo events already loaded; nothing to create.")
        upcoming = Event.objects.events().upcoming().filter(status=Event.Status.PUBLISHED)
        self.stdout.write(
            f"Events: {upcoming.count()} upcoming ({upcoming.listed().count()} public), "
            f"{RSVP.objects.filter(status=RSVP.Status.GOING).count()} people going in all."
        )
        if campaigns.total:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo campaigns loaded: {campaigns.campaigns} campaigns, "
                    f"{campaigns.officials} officials in {campaigns.districts} districts, "
                    f"{campaigns.precincts} precinct rows, {campaigns.members} members, "
                    f"{campaigns.meetings} meetings, {campaigns.stance_reports} stance reports, "
                    f"{campaigns.steps} playbook steps."
                )
            )
        else:
            self.stdout.write("Demo campaigns already loaded; nothing to create.")
        self.stdout.write(
            f"Campaigns: {Campaign.objects.exclude(status=Campaign.Status.DRAFT).count()} public, "
            f"{Official.objects.current().count()} current officials."
        )
        staff = User.objects.filter(email__iexact=STAFF_EMAIL).first()
        self.stdout.write(demo_toolkits_load(actor=staff).summary)
        if surveys.total:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo surveys loaded: {surveys.surveys} surveys, {surveys.responses} "
                    f"responses ({surveys.respondents_created} invented respondents, seen only "
                    "by organizers)."
                )
            )
        else:
            self.stdout.write("Demo surveys already loaded; nothing to create.")
        self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING("Demo logins (development only):"))
        for login in logins:
            note = "" if login.created else "  (already existed; unchanged)"
            self.stdout.write(
                f"  {login.role:<10} email: {login.email:<30} password: {login.password}{note}"
            )
        self.stdout.write(
            f"  Sign in at {settings.SITE_URL}/accounts/login/ ; staff admin: /admin/"
        )
