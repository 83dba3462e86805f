"""The pages the pseudo-Spanish check reads: one of each kind, each by a role allowed to see it.

`UNREAD` names the URL patterns that are not pages a person reads in a browser (files, feeds,
POST-only actions, redirects); `test_every_url_pattern_is_read_or_named` keeps the two lists
honest as URLs are added.
"""

from __future__ import annotations

from django.urls import reverse

from actlocal.models import User
from campaigns.demo import DEMO_CAMPAIGN_SLUGS
from campaigns.models import Campaign, CampaignRole, Meeting, Official
from directory.demo.accounts import ORGANIZER_EMAIL, STAFF_EMAIL
from directory.models import DuplicateCandidate, Leader, Organization, Resource
from events.demo import demo_leader
from events.models import RSVP, Event, EventRole
from surveys.models import Survey
from toolkits.models import Document, Toolkit

LEGISLATIVE, ORDINANCE = DEMO_CAMPAIGN_SLUGS

# URL names that are not HTML pages (their text is checked elsewhere or holds none) or that
# only act on a POST and redirect.
UNREAD = {
    "healthz": "machine status",
    "robots_txt": "for crawlers",
    "me_data": "JSON download of one's own data: keys are a documented format",
    "directory:organization_logo": "image",
    "directory:organization_managers": "POST only",
    "directory:map_geojson": "map data: names only",
    "directory:map_states_geojson": "map data: names only",
    "events:feed_ics": "calendar file (test_calendar_text)",
    "events:event_ics": "calendar file (test_calendar_text)",
    "events:attendees_csv": "CSV (test_csv_headers)",
    "events:rsvp_sparkline": "SVG chart without text",
    "events:cover": "image",
    "events:rsvp_one_step": "POST only",
    "events:session_signup": "POST only",
    "events:invitation_action": "POST only",
    "events:nomination_decide": "POST only",
    "events:rsvp_cancel_by_team": "POST only",
    "events:checkin_toggle": "POST only",
    "events:checkin_walk_in": "POST only",
    "surveys:report_chart": "SVG of data labels",
    "surveys:results_csv": "CSV (test_csv_headers)",
    "surveys:responses_export": "CSV (test_csv_headers)",
    "surveys:publish": "POST only",
    "campaigns:leave": "POST only",
    "campaigns:letter_status": "POST only",
    "campaigns:scoreboard_json": "JSON for embedding: documented keys",
    "campaigns:scoreboard_csv": "CSV (test_csv_headers)",
    "campaigns:scoreboard_svg": "SVG (test_scoreboard_image)",
    "campaigns:stance_review": "POST only",
    "toolkits:download": "zip archive",
    "toolkits:export": "zip archive",
    "toolkits:cover": "image",
    "toolkits:thumbnail": "image",
    "toolkits:attachment": "the uploaded file itself",
    "toolkits:attachment_delete": "POST only",
    "toolkits:restore": "POST only",
    "toolkits:attachment_upload": "POST only",
    "campaigns:local_member_add": "POST only",
    "campaigns:local_members_import": "POST only",
    "directory:map_clusters_geojson": "map data: counts and names only",
    "javascript_catalog": "the translations themselves (djangojs catalog)",
    "set_language": "POST only (the switcher's form is on every page)",
    "me_language": "POST only",
    "events:mail_templates": "POST only",
    "toolkits:section_rename": "POST only",
    "toolkits:section_move": "POST only",
    "toolkits:document_section": "POST only",
}
# Pages read as htmx fragments (the request says so in a header).
FRAGMENTS = {
    "events:checkin_search",
    "events:checkin_counts",
    "events:near_part",
    "surveys:audience_count",
}
# The ZIP the "near" pages are asked about, and the words of its place name (data from the ZIP
# table, like a leader's city).
NEAR_ZIP = "01103"


def place_words() -> set[str]:
    from actlocal.geo import zip_place

    return set(zip_place(NEAR_ZIP).city.split())


def organizer_on_everything() -> None:
    """The demo organizer leads the campaigns and one published event."""
    organizer = User.objects.get(email=ORGANIZER_EMAIL)
    for campaign in Campaign.objects.filter(slug__in=DEMO_CAMPAIGN_SLUGS):
        CampaignRole.objects.get_or_create(
            campaign=campaign, user=organizer, defaults={"role": CampaignRole.Role.LEAD}
        )
    if not EventRole.objects.filter(user=organizer, event__is_template=False).exists():
        event = Event.objects.filter(status=Event.Status.PUBLISHED, is_template=False).first()
        EventRole.objects.create(event=event, user=organizer, role=EventRole.Role.LEAD)


def users() -> dict[str, User]:
    leader = demo_leader()
    return {
        "member": leader.user,
        "organizer": User.objects.get(email=ORGANIZER_EMAIL),
        "staff": User.objects.get(email=STAFF_EMAIL),
    }


def _answer_link(survey: Survey) -> str:
    """A personal answer link of someone checked in at the survey's event."""
    from surveys.links import survey_link_path

    rsvp = RSVP.objects.filter(event=survey.event).exclude(checked_in_at=None).order_by("pk")[0]
    return survey_link_path(survey_slug=survey.slug, survey_pk=survey.pk, leader_pk=rsvp.leader_id)


def _personal_pages(*, event: Event, legislative: Campaign) -> list[tuple[str, str]]:
    """Pages reached through a personal link (invitation, RSVP link, answer confirmation) and
    the organizer's letter and step editors."""
    from campaigns.models import CampaignStep, Letter
    from events.models import Invitation, LinkAnswer
    from events.tokens import new_token, rsvp_link_token

    invitation = Invitation.objects.order_by("pk").first()
    rsvp = RSVP.objects.filter(event=event, status=RSVP.Status.GOING).order_by("pk").first()
    token, selector = new_token()
    answer = LinkAnswer.objects.create(
        event=event, email="Δanswer@example.org", token=token, token_selector=selector
    )
    letter = Letter.objects.create(
        campaign=legislative, author=users()["member"], title="ΔOur Δletter", hook="ΔA Δhook"
    )
    step = CampaignStep.objects.filter(campaign__slug=ORDINANCE).order_by("pk").first()
    from surveys.services.surveys import survey_create
    from toolkits.models import Section

    campaign_survey = survey_create(
        title="ΔMembers Δsurvey", actor=users()["organizer"], campaign=legislative
    )
    section = Section.objects.order_by("pk").first()
    rows = [
        ("anonymous", invitation.get_absolute_url()),
        ("anonymous", reverse("events:rsvp_link", args=[event.slug, rsvp_link_token(rsvp)])),
        ("anonymous", answer.get_absolute_url()),
        ("organizer", reverse("campaigns:step_edit", args=[ORDINANCE, step.pk])),
        ("member", reverse("surveys:answer", args=[Survey.objects.order_by("pk")[0].slug])),
        ("member", reverse("campaigns:letter", args=[legislative.slug, letter.pk])),
        ("organizer", reverse("campaign_survey:new", args=[legislative.slug])),
        (
            "organizer",
            reverse("campaign_survey:manage", args=[legislative.slug, campaign_survey.slug]),
        ),
        ("staff", reverse("toolkits:section_delete", args=[section.toolkit.slug, section.pk])),
    ]
    return rows


def pages() -> list[tuple[str, str]]:
    """(role, url) for every page kind."""
    organizer = User.objects.get(email=ORGANIZER_EMAIL)
    public = Event.objects.filter(
        status=Event.Status.PUBLISHED, visibility=Event.Visibility.PUBLIC, is_template=False
    ).order_by("starts_at")
    event = public.first()
    managed = Event.objects.filter(roles__user=organizer, is_template=False).order_by("pk").first()
    going = (
        RSVP.objects.filter(
            leader=demo_leader(), status=RSVP.Status.GOING, event__status=Event.Status.PUBLISHED
        )
        .order_by("pk")
        .first()
    )
    kit = Event.objects.filter(is_template=True).order_by("pk").first()
    leader = Leader.objects.filter(visibility=Leader.Visibility.PUBLIC).order_by("slug").first()
    organization = Organization.objects.order_by("slug").first()
    resource = Resource.objects.order_by("slug").first()
    legislative = Campaign.objects.get(slug=LEGISLATIVE)
    official = Official.objects.filter(campaign_targets__campaign=legislative).first()
    meeting = Meeting.objects.filter(campaign=legislative).order_by("pk").first()
    survey = Survey.objects.order_by("pk").first()
    event_survey = Survey.objects.exclude(event=None).order_by("pk").first()
    network_survey = Survey.objects.filter(event=None, campaign=None).order_by("pk").first()
    toolkit = Toolkit.objects.order_by("pk").first()
    document = Document.objects.filter(toolkit=toolkit).order_by("pk").first()
    duplicate = DuplicateCandidate.objects.order_by("pk").first()
    m, c = managed.slug, LEGISLATIVE
    rows = [
        ("anonymous", "/"),
        ("anonymous", "/directory/"),
        ("anonymous", "/directory/leaders/"),
        ("anonymous", leader.get_absolute_url()),
        ("member", reverse("directory:leader_contact", args=[leader.slug])),
        ("anonymous", "/directory/organizations/"),
        ("anonymous", organization.get_absolute_url()),
        ("organizer", reverse("directory:organization_manage", args=[organization.slug])),
        ("anonymous", "/directory/resources/"),
        ("anonymous", resource.get_absolute_url()),
        ("anonymous", "/directory/map/"),
        ("anonymous", f"/directory/near/?zip={NEAR_ZIP}&miles=25"),
        ("anonymous", f"/directory/near/resources/?zip={NEAR_ZIP}&miles=25"),
        ("anonymous", "/events/"),
        ("anonymous", f"/events/near-part/?zip={NEAR_ZIP}"),
        ("anonymous", event.get_absolute_url()),
        ("member", event.get_absolute_url()),
        ("member", reverse("events:rsvp", args=[event.slug])),
        ("member", reverse("events:nominate", args=[going.event.slug])),
        ("organizer", reverse("events:create")),
        ("organizer", reverse("events:kit_list")),
        ("organizer", reverse("events:kit_use", args=[kit.slug])),
        ("organizer", reverse("events:manage", args=[m])),
        ("organizer", reverse("events:message", args=[m])),
        ("organizer", reverse("events:edit", args=[m])),
        ("organizer", reverse("events:publish", args=[m])),
        ("organizer", reverse("events:cover_manage", args=[m])),
        ("organizer", reverse("events:cancel", args=[m])),
        ("organizer", reverse("events:team", args=[m])),
        ("organizer", reverse("events:agenda", args=[m])),
        ("organizer", reverse("events:questions", args=[m])),
        ("organizer", reverse("events:documents", args=[m])),
        ("organizer", reverse("events:reminders", args=[m])),
        ("organizer", reverse("events:followup_create", args=[m])),
        ("organizer", reverse("events:kit_save", args=[m])),
        ("organizer", reverse("events:invite_leaders", args=[m])),
        ("organizer", reverse("events:invite_emails", args=[m])),
        ("organizer", reverse("events:invite_parent_attendees", args=[m])),
        ("organizer", reverse("events:invite_links", args=[m])),
        ("organizer", reverse("events:invitation_list", args=[m])),
        ("organizer", reverse("events:checkin", args=[m])),
        ("organizer", reverse("events:checkin_search", args=[m]) + "?q=a"),
        ("organizer", reverse("events:checkin_counts", args=[m])),
        ("anonymous", "/campaigns/"),
        ("anonymous", f"/campaigns/{c}/"),
        ("anonymous", reverse("campaigns:official", args=[c, official.slug])),
        ("anonymous", f"/campaigns/{c}/scoreboard/"),
        ("anonymous", f"/campaigns/{ORDINANCE}/scoreboard/"),
        ("anonymous", "/campaigns/find-my-legislator/"),
        ("member", reverse("campaigns:join", args=[c])),
        ("organizer", reverse("campaigns:meeting", args=[c, meeting.pk])),
        ("organizer", reverse("campaigns:meeting_brief", args=[c, meeting.pk])),
        ("organizer", reverse("campaigns:meeting_report", args=[c, meeting.pk])),
        ("organizer", reverse("campaigns:letters", args=[c])),
        ("organizer", reverse("campaigns:create")),
        ("organizer", f"/campaigns/{c}/manage/"),
        ("organizer", reverse("campaigns:edit", args=[c])),
        ("organizer", reverse("campaigns:documents", args=[c])),
        ("organizer", reverse("campaigns:team", args=[c])),
        ("organizer", reverse("campaigns:scripts", args=[c])),
        ("organizer", reverse("campaigns:targets", args=[c])),
        ("organizer", reverse("campaigns:constituents", args=[c])),
        ("organizer", reverse("campaigns:meeting_list", args=[c])),
        ("organizer", reverse("campaigns:meeting_create", args=[c])),
        ("organizer", reverse("campaigns:meeting_edit", args=[c, meeting.pk])),
        ("organizer", reverse("campaigns:stances", args=[c])),
        ("organizer", reverse("campaigns:stance_create", args=[c])),
        ("organizer", reverse("campaigns:actions", args=[c])),
        ("organizer", f"/campaigns/{ORDINANCE}/manage/"),
        ("organizer", reverse("campaigns:targets", args=[ORDINANCE])),
        ("organizer", reverse("campaigns:steps", args=[ORDINANCE])),
        ("organizer", reverse("campaigns:opposition", args=[ORDINANCE])),
        ("organizer", reverse("campaigns:leadership", args=[ORDINANCE])),
        ("staff", reverse("surveys:index")),
        ("staff", reverse("surveys:new")),
        ("staff", reverse("surveys:manage", args=[network_survey.slug])),
        ("staff", reverse("surveys:audience_count") + "?audience=leaders"),
        ("anonymous", _answer_link(event_survey)),
        ("staff", reverse("surveys:results", args=[survey.slug])),
        ("staff", reverse("surveys:needs", args=[survey.slug])),
        ("staff", reverse("surveys:report", args=[survey.slug])),
        ("staff", reverse("surveys:lean_override", args=[leader.slug])),
        ("staff", reverse("event_survey:manage", args=[event_survey.event.slug])),
        ("staff", reverse("event_survey:results", args=[event_survey.event.slug])),
        ("anonymous", reverse("toolkits:list")),
        ("anonymous", reverse("toolkits:search_fragment") + "?q=a"),
        ("anonymous", toolkit.get_absolute_url()),
        ("anonymous", reverse("toolkits:print", args=[toolkit.slug])),
        ("anonymous", reverse("toolkits:document", args=[toolkit.slug, document.slug])),
        ("staff", reverse("toolkits:create")),
        ("staff", reverse("toolkits:import")),
        ("staff", reverse("toolkits:edit", args=[toolkit.slug])),
        ("staff", reverse("toolkits:manage", args=[toolkit.slug])),
        ("staff", reverse("toolkits:document_create", args=[toolkit.slug])),
        ("staff", reverse("toolkits:document_edit", args=[toolkit.slug, document.slug])),
        ("staff", reverse("toolkits:history", args=[toolkit.slug, document.slug])),
        ("staff", reverse("toolkits:propose", args=[toolkit.slug, document.slug])),
        ("staff", reverse("toolkits:proposals", args=[toolkit.slug, document.slug])),
        ("member", "/me/"),
        ("organizer", "/me/organizing/"),
        ("member", "/me/delete/"),
        ("anonymous", "/accounts/login/"),
        ("anonymous", "/accounts/signup/"),
        ("anonymous", "/accounts/password/reset/"),
        ("anonymous", "/no-such-page/"),
        ("staff", "/admin/"),
        ("staff", "/admin/directory/duplicatecandidate/"),
        ("staff", "/admin/directory/leader/"),
        ("staff", "/admin/campaigns/campaign/"),
    ]
    rows += _personal_pages(event=going.event if going else event, legislative=legislative)
    if duplicate:
        rows.append(("staff", f"/admin/directory/duplicatecandidate/{duplicate.pk}/compare/"))
    return rows
