"""`make run`'s embedded mode: SQLite and in-process tasks serve the whole demo without errors.

The rest of the suite runs on PostgreSQL, so this is where a PostgreSQL-only query (an ARRAY,
a lock option) would show before a newcomer's first `make run` does.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CRAWL = r"""
import json
from django.test import Client
from django.test.utils import override_settings
from actlocal.models import User
from campaigns.models import Campaign, Meeting
from events.models import Event

urls = ["/", "/events/", "/events/feed.ics", "/events/kits/", "/campaigns/", "/me/",
        "/campaigns/find-my-legislator/?municipality=Springfield", "/directory/"]
for event in Event.objects.all():
    base = f"/events/{event.slug}/"
    urls += [base, base + "calendar.ics", base + "rsvp/", base + "checkin/", base + "manage/",
             base + "manage/attendees.csv", base + "manage/invitations/", base + "manage/invite/",
             base + "manage/agenda/", base + "manage/message/", base + "manage/team/"]
for campaign in Campaign.objects.all():
    base = f"/campaigns/{campaign.slug}/"
    urls += [base, base + "join/", base + "scoreboard/", base + "scoreboard.json",
             base + "scoreboard.csv", base + "scoreboard.svg"]
    urls += [base + "manage/" + page for page in
             ("", "constituents/", "meetings/", "stances/", "actions/", "targets/", "steps/")]
    for meeting in Meeting.objects.filter(campaign=campaign)[:3]:
        urls += [f"{base}meetings/{meeting.pk}/", f"{base}manage/meetings/{meeting.pk}/"]
from toolkits.models import Document, Toolkit
urls += ["/toolkits/", "/toolkits/?q=lobby&kind=action_guide", "/toolkits/search/?q=op-ed",
         "/toolkits/new/", "/toolkits/import/"]
for toolkit in Toolkit.objects.all():
    base = f"/toolkits/{toolkit.slug}/"
    urls += [base, base + "print/", base + "download.zip", base + "manage/", base + "export.zip"]
for document in Document.objects.select_related("toolkit"):
    base = f"/toolkits/{document.toolkit.slug}/{document.slug}/"
    urls += [base, base + "history/", base + "edit/", base + "propose/", base + "proposals/"]
    urls += [a.get_absolute_url() for a in document.attachments.all()]
clients = {"anonymous": Client()}
for email in ("staff@actlocal.localhost", "organizer@actlocal.localhost"):
    clients[email] = Client()
    clients[email].force_login(User.objects.get(email=email))
failures = []
with override_settings(ALLOWED_HOSTS=["testserver"]):
    search = Client().get("/toolkits/search/?q=op-ed").content.decode()
    found = "Letters to the editor" in search
    for who, client in clients.items():
        for url in urls:
            try:
                status = client.get(url).status_code
            except Exception as exc:
                status = repr(exc)[:200]
            if not isinstance(status, int) or status >= 500:
                failures.append([who, url, status])
print("CRAWL " + json.dumps({"urls": len(urls), "failures": failures, "search": found}))
"""


def test_the_demo_works_on_sqlite_with_in_process_tasks(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL", "DJANGO_SETTINGS_MODULE")
    }
    env.update(
        DEBUG="true",
        DATABASE_URL=f"sqlite:///{tmp_path / 'demo.sqlite3'}",
        EMAIL_OUTBOX_DIR=str(tmp_path / "outbox"),
        MEDIA_ROOT=str(tmp_path / "media"),
    )

    def manage(*args: str) -> str:
        done = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout

    manage("migrate", "--noinput", "-v", "0")
    seeded = manage("seed_demo")
    assert "Demo events loaded" in seeded and "Demo campaigns loaded" in seeded
    assert "Demo toolkits loaded: 6 toolkits" in seeded

    output = manage("shell", "-c", CRAWL)
    result = json.loads(output.split("CRAWL ", 1)[1].splitlines()[0])
    assert result["urls"] > 100
    assert result["failures"] == []
    assert result["search"], "the SQLite fallback of the toolkit search found nothing"
