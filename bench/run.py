"""`make bench`: seed a large directory into its own PostgreSQL database, serve it with gunicorn,
and print latency and throughput of the key pages next to a trivial view served the same way.

Three modes: no page cache (a unique query string per request, so the full-page cache never
answers while the cached cards, sidebars and counts do), cold (a second gunicorn with
CACHE_DISABLED, so nothing is cached at all), and anonymous cached (the same URL repeated).

The events part (bench/events.py) adds the public events pages, 500 parallel RSVPs for 100
seats through the same gunicorn, 500 more through a gunicorn whose broker is unreachable (then the
delivery sweep that sends their confirmations once the broker is back; --outage-people 0 skips
it), and the reminder sweep for 10,000 attendees (--skip-events).
The campaigns part (bench/campaigns.py) adds a scoreboard of 200 officials with 20,000 meetings
and 5,000 stance reports, warm and cold, and times the crosswalk and officials imports
(--skip-campaigns). The toolkits part (bench/toolkits.py) adds 500 toolkits with 5,000
documents and measures the library's pages in all three modes (--skip-toolkits; --only-toolkits
measures nothing else).
The surveys part (bench/surveys.py) rebuilds the rollups of 100,000
responses to a 12-question survey, serves its report split by every segment kind and sends 200
answers at once through personal links (--skip-surveys).

Not part of the test suite. Usage: `python bench/run.py [--requests N] [--workers N] ...`.
The database is DATABASE_URL's name plus `_bench` (or BENCH_DATABASE_URL); the cache and broker
are BENCH_REDIS_URL (default: REDIS_URL). Only 127.0.0.1 is ever contacted.
"""

from __future__ import annotations

import argparse
import os
import secrets
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import campaigns as bench_campaigns  # noqa: E402
from bench import cpu as bench_cpu  # noqa: E402
from bench import events as bench_events  # noqa: E402
from bench import find as bench_find  # noqa: E402
from bench import growth as bench_growth  # noqa: E402
from bench import load as bench_load  # noqa: E402
from bench import paired as bench_paired  # noqa: E402
from bench import surveys as bench_surveys  # noqa: E402
from bench import toolkits as bench_toolkits  # noqa: E402
from bench.load import LoadResult, run_load, wait_until_up  # noqa: E402

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/actlocal"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/14"
LANGUAGE_LIMIT = 1.1  # a Spanish request may cost at most a tenth more than an English one
LIST_TARGET = 0.10  # list and search pages: at least 10% of the trivial view, uncached
CACHED_TARGET = 0.50  # anonymous public pages served from the cache: at least 50%
IMPORT_TARGET_SECONDS = 20.0


@dataclass(frozen=True)
class Page:
    label: str
    path: str
    uncached_target: float | None = None
    cached_target: float | None = CACHED_TARGET
    slow: bool = False  # measured with --campaign-requests (the cold scoreboard is slow)
    signed_in: bool = False  # requested with the session in SIGNED_IN_COOKIE


TRIVIAL = Page("robots.txt (trivial view)", "/robots.txt", None, None)
PAGES = (
    Page("Leaders list", "/directory/leaders/", LIST_TARGET),
    Page("Organizations list", "/directory/organizations/", LIST_TARGET),
    Page("Resources list", "/directory/resources/", LIST_TARGET),
    Page("Directory overview", "/directory/", LIST_TARGET),
    Page("Search leaders q=maria, MA", "/directory/leaders/?q=maria&state=MA", LIST_TARGET),
    Page("Map GeoJSON, MA", "/directory/map.geojson?state=MA", LIST_TARGET),
    Page("Map page", "/directory/map/", LIST_TARGET),
    Page("Map states GeoJSON", "/directory/map-states.geojson", LIST_TARGET),
    Page("Near me, 02139", "/directory/near/?zip=02139", LIST_TARGET),
    Page("Near me resources, 02139", "/directory/near/resources/?zip=02139", LIST_TARGET),
)
# The library's pages share the directory's page cache: measured in the same three modes.
TOOLKIT_PAGES = bench_toolkits.pages(Page, list_target=LIST_TARGET)
# The events and campaigns pages share the directory's page cache (under versions of their
# own): measured in the same three modes.
EVENT_PAGES = (
    Page("Events list", "/events/", LIST_TARGET),
    Page("Events in MA", "/events/?state=MA", LIST_TARGET),
    Page("Events near 02139, 50 miles", "/events/?zip=02139&miles=50", LIST_TARGET),
    Page("Event detail (agenda of 8)", f"/events/{bench_events.DETAIL_SLUG}/", LIST_TARGET),
    Page("Events near-me part, 02139", "/events/near-part/?zip=02139&miles=50", LIST_TARGET),
)

# The scoreboard keeps its rows in the cache until a stance or action changes the campaign;
# on the cold server every request counts every official's meetings and actions again.
_CAMPAIGN = f"/campaigns/{bench_campaigns.CAMPAIGN_SLUG}"
_SCOREBOARD = f"{_CAMPAIGN}/scoreboard"
CAMPAIGN_PAGES = (
    Page("Campaigns list", "/campaigns/", LIST_TARGET),
    Page("Campaign page", f"{_CAMPAIGN}/", LIST_TARGET),
    Page("Official in a campaign", f"{_CAMPAIGN}/officials/bench-official-0000/", LIST_TARGET),
    Page("Scoreboard, 200 officials", f"{_SCOREBOARD}/", LIST_TARGET, slow=True),
    Page("Scoreboard JSON", f"{_SCOREBOARD}.json", LIST_TARGET, slow=True),
    Page("Find my legislator (form)", bench_find.FIND, LIST_TARGET),
    Page("Find: a whole town", bench_find.WHOLE_TOWN, LIST_TARGET),
    Page("Find: a split town", bench_find.SPLIT_TOWN, LIST_TARGET),
)

# The published report of a 12-question survey with 100,000 responses, split by segments of
# growing number (3 area types, 14 states) and for one of 5,600 cities: the queries stay the same.
SURVEY_PAGES = tuple(
    Page(label, path, LIST_TARGET, CACHED_TARGET) for label, path in bench_surveys.REPORT_PATHS
)
# The owners' results page of the same survey, signed in as its owner: never a shared page, so
# only the uncached target applies (its charts and tables come from cached parts).
OWNER_PAGES = tuple(
    Page(label, path, LIST_TARGET, None, signed_in=True)
    for label, path in bench_surveys.OWNER_PATHS
)
# The Cookie header of the signed-in pages (set once their owner exists).
SIGNED_IN_COOKIE = ""


@dataclass
class Row:
    page: Page
    queries: int | None
    query_status: int | None
    result: LoadResult
    # The trivial view's rate measured in alternation with this page (a paired mode), which
    # its "vs trivial" is then taken against.
    trivial_rps: float | None = None


@dataclass(frozen=True)
class Mode:
    name: str
    title: str
    cached: bool = False  # the same URL again and again: the full-page cache answers
    cold: bool = False  # a server with CACHE_DISABLED: nothing is cached at all
    # Each page measured in alternation with the trivial view (bench/paired.py), so both
    # rates come from the same minutes of a shared machine's load.
    paired: bool = False

    def target(self, page: Page) -> float | None:
        if self.cold:
            return None  # shown to say what the caches are worth; no target applies
        return page.cached_target if self.cached else page.uncached_target


NO_PAGE_CACHE = Mode(
    "uncached",
    "Uncached (no page cache): every request carries a unique query string, so the full-page "
    "cache never answers; cards, sidebars and counts come from their caches",
)
COLD = Mode(
    "cold",
    "Cold (no caches at all): a second gunicorn with CACHE_DISABLED=true renders every part "
    "of every request",
    cold=True,
)
CACHED = Mode("cached", "Anonymous, cached: the same URL again and again after a warm-up", True)
SURVEYS = Mode(
    "surveys",
    "Survey report (100,000 responses, 12 questions), anonymous: unique query strings, so the "
    "page cache never answers; the rendered results come from their cache (keyed by survey, "
    "results version, language, split and filter). Owners' results: signed in as the survey's "
    "owner with a real session; its charts and tables come from their cached parts. Each page "
    "measured in alternation with the trivial view; vs trivial is against those rounds",
    paired=True,
)
SURVEYS_CACHED = Mode(
    "surveys-cached",
    "Survey report, anonymous, cached: the same URL again and again, each page measured in "
    "alternation with the trivial view; vs trivial is against those rounds",
    cached=True,
    paired=True,
)
SURVEYS_COLD = Mode(
    "surveys-cold",
    "Survey report, cold (no caches at all): every request reads the rollups and applies "
    "suppression",
    cold=True,
)
MODES = (NO_PAGE_CACHE, COLD, CACHED)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    cpus = os.cpu_count() or 2
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--leaders", type=int, default=50_000)
    parser.add_argument("--organizations", type=int, default=5_000)
    parser.add_argument("--resources", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=300, help="requests per page and mode")
    parser.add_argument("--trivial-requests", type=int, default=1500)
    parser.add_argument("--workers", type=int, default=min(4, max(2, cpus + 1)))
    parser.add_argument("--concurrency", type=int, default=0, help="client threads (0: workers)")
    parser.add_argument("--import-rows", type=int, default=10_000)
    parser.add_argument("--skip-import", action="store_true")
    parser.add_argument("--batch-size", type=int, default=2000)
    parser.add_argument("--events", type=int, default=300, help="public events for the list")
    parser.add_argument("--reminder-attendees", type=int, default=10_000)
    parser.add_argument("--rsvp-people", type=int, default=500)
    parser.add_argument("--rsvp-seats", type=int, default=100)
    parser.add_argument("--rsvp-concurrency", type=int, default=0, help="0: all at once")
    parser.add_argument(
        "--outage-people", type=int, default=500, help="RSVPs while the broker is down (0: skip)"
    )
    parser.add_argument("--skip-events", action="store_true")
    parser.add_argument("--campaign-officials", type=int, default=200)
    parser.add_argument("--campaign-meetings", type=int, default=20_000)
    parser.add_argument("--campaign-reports", type=int, default=5_000)
    parser.add_argument("--crosswalk-rows", type=int, default=2_500)
    parser.add_argument("--import-officials", type=int, default=200)
    # The cold scoreboard answers a few requests a second: 100 keep the campaigns part short.
    parser.add_argument("--campaign-requests", type=int, default=100, help="per scoreboard page")
    parser.add_argument("--skip-campaigns", action="store_true")
    parser.add_argument("--toolkits", type=int, default=500)
    parser.add_argument("--toolkit-documents", type=int, default=5_000)
    parser.add_argument("--skip-toolkits", action="store_true")
    parser.add_argument(
        "--only-toolkits",
        action="store_true",
        help="only the library's pages (no directory pages, events, campaigns, surveys, import)",
    )
    parser.add_argument("--survey-responses", type=int, default=100_000)
    parser.add_argument("--survey-parallel", type=int, default=200, help="answers sent at once")
    parser.add_argument("--skip-surveys", action="store_true")
    parser.add_argument(
        "--surveys-only",
        action="store_true",
        help="only the surveys part (no directory seeding, pages, events, campaigns, imports)",
    )
    parser.add_argument(
        "--growth",
        action="store_true",
        help="serve the plain benchmark's database (--leaders) and a grown one "
        "(<name>_bench_growth, --growth-leaders, kept for later runs) side by side and print "
        "the cost ratio per page (bench/growth.py)",
    )
    parser.add_argument("--growth-leaders", type=int, default=500_000)
    parser.add_argument(
        "--prepare-only",
        action="store_true",
        help="migrate and seed the benchmark's database, then stop (the growth run uses it)",
    )
    parser.add_argument("--growth-step", type=int, default=50_000, help="leaders per insert")
    parser.add_argument(
        "--pages",
        default="",
        help="only the pages whose label contains one of these comma-separated words "
        "(case-insensitive), e.g. --pages 'near,campaign': a quick look at a few pages",
    )
    parser.add_argument(
        "--compare-languages",
        action="store_true",
        help="measure every page with Accept-Language en and es in alternation on the same "
        "server and print how much more a Spanish request costs (nothing else is measured)",
    )
    parser.add_argument(
        "--language",
        choices=("en", "es"),
        default="en",
        help="the Accept-Language of every measured request (compare runs: the figures must match)",
    )
    args = parser.parse_args(argv)
    args.concurrency = args.concurrency or args.workers
    if args.only_toolkits:
        args.skip_toolkits = False
        args.skip_events = args.skip_campaigns = args.skip_surveys = args.skip_import = True
    if args.surveys_only:
        args.skip_events = args.skip_campaigns = args.skip_toolkits = args.skip_import = True
        args.skip_surveys = False
    args.rsvp_concurrency = args.rsvp_concurrency or args.rsvp_people
    return args


# --- database and environment ------------------------------------------------------------------


def bench_database_url() -> str:
    explicit = os.environ.get("BENCH_DATABASE_URL")
    if explicit:
        return explicit
    parsed = urlparse(os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL)
    name = parsed.path.lstrip("/") or "actlocal"
    return urlunparse(parsed._replace(path=f"/{name}_bench"))


def growth_database_url(url: str) -> str:
    parsed = urlparse(url)
    return urlunparse(parsed._replace(path=f"{parsed.path}_growth"))


def database_ensure(url: str) -> str:
    """Create the benchmark database when missing; returns its name.
    Exits on no PostgreSQL."""
    import psycopg
    from psycopg import sql

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    try:
        conn = psycopg.connect(
            host=parsed.hostname or "127.0.0.1",
            port=parsed.port or 5432,
            user=parsed.username or "postgres",
            password=parsed.password or None,
            dbname="postgres",
            autocommit=True,
            connect_timeout=5,
        )
    except psycopg.Error as exc:
        sys.exit(f"PostgreSQL is not reachable for the benchmark ({exc}).")
    with conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return name


def environment_configure(database_url: str, *, cache_prefix: str) -> None:
    """Production-like settings for this process and the gunicorn it starts."""
    redis_url = (
        os.environ.get("BENCH_REDIS_URL") or os.environ.get("REDIS_URL") or DEFAULT_REDIS_URL
    )
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "actlocal.settings",
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "CELERY_BROKER_URL": redis_url,
            "CELERY_TASK_ALWAYS_EAGER": "false",
            "CACHE_KEY_PREFIX": cache_prefix,
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SITE_URL": "http://127.0.0.1",
            "SECURE_SSL_REDIRECT": "false",
            "EMAIL_URL": "console",
            "LOG_LEVEL": "ERROR",
        }
    )


def database_vacuum() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def prepare(args: argparse.Namespace) -> str:
    """Migrate, collect static files (DEBUG off needs the manifest), seed; returns a summary."""
    from django.core.management import call_command

    from directory.demo import DemoSize, demo_load, demo_plan
    from directory.models import Leader, Organization, Resource

    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    if args.surveys_only:
        return "directory not seeded (--surveys-only)"
    from bench.importing import imported_leaders_delete

    imported_leaders_delete()  # left over if an earlier run stopped mid-way
    size = DemoSize(args.leaders, args.organizations, args.resources)
    have = (Leader.objects.count(), Organization.objects.count(), Resource.objects.count())
    wanted = (size.leaders, size.organizations, size.resources)
    seeded = all(n >= want for n, want in zip(have, wanted, strict=True))
    started = time.monotonic()
    if not seeded:
        created = demo_load(plan=demo_plan(size=size), batch_size=args.batch_size)
    # Statistics, a visibility map and empty GIN pending lists, as autovacuum keeps them on a
    # live site. Without the map PostgreSQL cannot answer counts from the index alone; and the
    # import measured by an earlier run leaves 10,000 deleted leaders in the search index's
    # pending list, which every full-text search would otherwise scan (about 4 ms each).
    database_vacuum()
    if seeded:
        return (
            f"already seeded: {have[0]:,} leaders, {have[1]:,} organizations, {have[2]:,} resources"
        )
    return (
        f"seeded in {time.monotonic() - started:.1f}s: {created.leaders:,} leaders, "
        f"{created.organizations:,} organizations, {created.resources:,} resources, "
        f"{created.affiliations:,} affiliations"
    )


# --- measuring ---------------------------------------------------------------------------------


def with_param(path: str, **params: str) -> str:
    return f"{path}{'&' if '?' in path else '?'}{urlencode(params)}"


def count_queries(path: str, *, mode: Mode, cookie: str = "") -> tuple[int, int]:
    """Queries one request (anonymous, or with `cookie`) runs in-process, in the way `mode`
    serves it."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    client = Client(HTTP_HOST="127.0.0.1", raise_request_exception=False)
    if cookie:
        client.cookies.load(cookie)
    caches = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    with override_settings(**({"CACHES": caches} if mode.cold else {})):
        if mode.cached:
            client.get(path)
        else:
            # Another fresh URL first, so the count is that of a warm fragment cache.
            client.get(with_param(path, _bench=f"count-{secrets.token_hex(4)}"))
            path = with_param(path, _bench=f"count-{secrets.token_hex(4)}")
        with CaptureQueriesContext(connection) as context:
            response = client.get(path)
    return len(context.captured_queries), response.status_code


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# The master's pid per port a gunicorn serves, so a comparison can read its workers' CPU time.
SERVER_PIDS: dict[int, int] = {}


@contextmanager
def gunicorn(*, workers: int, log_path: Path, env: dict[str, str] | None = None) -> Iterator[int]:
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "actlocal.wsgi:application",
        f"--bind=127.0.0.1:{port}",
        f"--workers={workers}",
        "--log-level=warning",
        "--timeout=120",
    ]
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("w") as log:
        process = subprocess.Popen(
            command, cwd=ROOT, env={**os.environ, **(env or {})}, stdout=log, stderr=log
        )
        SERVER_PIDS[port] = process.pid
        try:
            if not wait_until_up(port=port, path=TRIVIAL.path):
                sys.exit(f"gunicorn did not answer within a minute; see {log_path}")
            yield port
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def measure(
    page: Page, *, port: int, mode: Mode, requests: int, concurrency: int, token: str
) -> LoadResult:
    if mode.cached:

        def path_for(_index: int) -> str:
            return page.path

    else:
        # A nonce per call: a paired comparison measures the same page in many short calls,
        # and a query string seen in an earlier call would be answered by the page cache.
        call = secrets.token_hex(4)

        def path_for(index: int) -> str:
            return with_param(page.path, _bench=f"{token}-{mode.name}-{call}-{index}")

    cookie = SIGNED_IN_COOKIE if page.signed_in else ""
    # Warm-up (not recorded): starts every worker's connections and fills what may be cached.
    run_load(
        port=port,
        path_for=(lambda i: path_for(requests + i)),
        requests=concurrency * 2,
        concurrency=concurrency,
        cookie=cookie,
    )
    return run_load(
        port=port, path_for=path_for, requests=requests, concurrency=concurrency, cookie=cookie
    )


def measure_paired(
    page: Page, *, port: int, mode: Mode, requests: int, concurrency: int, token: str
) -> tuple[LoadResult, float]:
    """The page and the trivial view in alternating rounds (A B B A ...): the page's requests
    as one result, and the trivial view's rate over the same minutes."""
    results: dict[Page, list[LoadResult]] = {TRIVIAL: [], page: []}

    def one(side: Page, n: int) -> LoadResult:
        result = measure(
            side, port=port, mode=mode, requests=n, concurrency=concurrency, token=token
        )
        results[side].append(result)
        return result

    pair = bench_paired.pair_measure(one, sides=(TRIVIAL, page), requests=2 * requests)
    timed = results[page][1:]  # the first call is pair_measure's untimed warm-up
    statuses: Counter = Counter()
    for result in timed:
        statuses.update(result.statuses)
    combined = LoadResult(
        requests=sum(result.requests for result in timed),
        elapsed=sum(result.elapsed for result in timed),
        latencies=[latency for result in timed for latency in result.latencies],
        statuses=statuses,
    )
    return combined, pair.first_rps


# --- report ------------------------------------------------------------------------------------


def verdict(ratio: float, target: float | None, result: LoadResult) -> str:
    if target is None:
        return "-"
    if not result.all_ok:
        return "n/a"
    return "PASS" if ratio >= target else "FAIL"


def table(title: str, rows: list[Row], trivial: Row, *, mode: Mode) -> list[str]:
    header = (
        f"{'Page':<30} {'Path':<40} {'HTTP':<12} {'Queries':>7} {'Median ms':>9} "
        f"{'p95 ms':>8} {'Req/s':>8} {'vs trivial':>10} {'Target':>7} {'Result':>6}"
    )
    lines = ["", title, header, "-" * len(header)]
    for row in [trivial, *rows]:
        target = mode.target(row.page)
        reference = row.trivial_rps or trivial.result.rps
        ratio = row.result.rps / reference if reference else 0.0
        queries = "-" if row.queries is None else str(row.queries)
        if row.query_status not in (None, 200):
            queries = f"{queries}*"
        lines.append(
            f"{row.page.label:<30} {row.page.path:<40} {row.result.status_text():<12} "
            f"{queries:>7} {row.result.median_ms:>9.1f} {row.result.p95_ms:>8.1f} "
            f"{row.result.rps:>8.1f} {ratio:>10.1%} "
            f"{'-' if target is None else f'>={target:.0%}':>7} "
            f"{verdict(ratio, target, row.result):>6}"
            + (f" (trivial {row.trivial_rps:.0f} req/s)" if row.trivial_rps else "")
        )
    return lines


def import_lines(outcome) -> list[str]:
    if outcome is None:
        return ["", "Import: skipped (--skip-import)."]
    title = f"Import of {outcome.rows:,} leaders through {outcome.resource}"
    if outcome.skipped:
        return ["", f"{title}: not measured: {outcome.skipped}."]
    lines = ["", f"{title} (columns: {', '.join(outcome.columns)})"]
    if outcome.dry_run_seconds is not None:
        lines.append(f"  dry run (preview): {outcome.dry_run_seconds:.1f}s")
    if outcome.import_seconds is not None:
        passed = outcome.import_seconds < IMPORT_TARGET_SECONDS and not outcome.errors
        lines.append(
            f"  import: {outcome.import_seconds:.1f}s, {outcome.created:,} leaders created "
            f"(target < {IMPORT_TARGET_SECONDS:.0f}s): {'PASS' if passed else 'FAIL'}"
        )
    for error in outcome.errors:
        lines.append(f"  error: {error}")
    return lines


def pages_chosen(pages: tuple[Page, ...], words: str) -> tuple[Page, ...]:
    """The pages --pages asks for (all of them when it is empty)."""
    wanted = [word.strip().lower() for word in words.split(",") if word.strip()]
    if not wanted:
        return pages
    return tuple(page for page in pages if any(word in page.label.lower() for word in wanted))


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    bench_load.ACCEPT_LANGUAGE = args.language
    database_url = small_url = bench_database_url()
    cache_prefix = bench_growth.SMALL_CACHE_PREFIX
    if args.growth:
        # Its own database, kept between runs (growing takes a while): the grown network must
        # not stay behind in the database the plain benchmark measures at --leaders.
        database_url = growth_database_url(database_url)
        cache_prefix = bench_growth.BIG_CACHE_PREFIX
    database = database_ensure(database_url)
    environment_configure(database_url, cache_prefix=cache_prefix)
    import django

    django.setup()
    print(f"Preparing database {database} ...", flush=True)
    seeded = prepare(args)
    print(f"Data: {seeded}", flush=True)
    events_seeded = ""
    if not args.skip_events:
        events_seeded = bench_events.events_prepare(
            list_events=args.events,
            attendees=args.reminder_attendees,
            people=max(args.rsvp_people, args.outage_people),
        )
        print(f"Events: {events_seeded}", flush=True)
    campaigns_seeded = ""
    if not args.skip_campaigns:
        campaigns_seeded = bench_campaigns.campaigns_prepare(
            officials=args.campaign_officials,
            meetings=args.campaign_meetings,
            reports=args.campaign_reports,
        )
        print(f"Campaigns: {campaigns_seeded}", flush=True)
    surveys_seeded = ""
    survey_outcome = None

    toolkits_seeded = ""
    pages = PAGES
    if not args.skip_events:
        pages = (*pages, *EVENT_PAGES)
    if not args.skip_campaigns:
        find_seeded = bench_find.find_prepare(officials=args.campaign_officials)
        print(f"Find my legislator: {find_seeded}", flush=True)
        campaigns_seeded += f"; find my legislator: {find_seeded}"
        pages = (*pages, *CAMPAIGN_PAGES)
    if not args.skip_toolkits:
        toolkits_seeded = bench_toolkits.toolkits_prepare(
            toolkits=args.toolkits, documents=args.toolkit_documents
        )
        print(f"Toolkits: {toolkits_seeded}", flush=True)
        pages = TOOLKIT_PAGES if args.only_toolkits else (*pages, *TOOLKIT_PAGES)
        database_vacuum()
    pages = pages_chosen(pages, args.pages)
    from directory.cache import public_cache_bump

    for scope in ("directory", "events", "campaigns"):
        public_cache_bump(scope)  # the bench seeds in bulk, without signals

    if args.prepare_only:
        return 0
    if args.growth:
        return growth_run(args, pages=pages, small_url=small_url)
    if args.compare_languages:
        return languages_run(args, pages=pages)

    token = secrets.token_hex(4)
    log_path = ROOT / "var" / "bench" / "gunicorn.log"
    results: dict[Mode, list[Row]] = {
        mode: [] for mode in (*MODES, SURVEYS, SURVEYS_CACHED, SURVEYS_COLD)
    }
    trivial: dict[Mode, Row] = {}
    rsvp_outcome = sweep_outcome = campaigns_outcome = outage_outcome = None

    def measure_mode(
        mode: Mode, port: int, mode_pages: tuple[Page, ...] = pages, page_requests: int = 0
    ) -> None:
        print(f"Measuring {mode.name} pages ...", flush=True)
        for page in (TRIVIAL, *mode_pages):
            requests = page_requests or args.requests
            if page is TRIVIAL:
                requests = args.trivial_requests
            elif page.slow and mode.cold:
                requests = args.campaign_requests
            cookie = SIGNED_IN_COOKIE if page.signed_in else ""
            queries, query_status = count_queries(page.path, mode=mode, cookie=cookie)
            trivial_rps = None
            if mode.paired and page is not TRIVIAL:
                result, trivial_rps = measure_paired(
                    page,
                    port=port,
                    mode=mode,
                    requests=requests,
                    concurrency=args.concurrency,
                    token=token,
                )
            else:
                result = measure(
                    page,
                    port=port,
                    mode=mode,
                    requests=requests,
                    concurrency=args.concurrency,
                    token=token,
                )
            row = Row(page, queries, query_status, result, trivial_rps)
            if page is TRIVIAL:
                trivial[mode] = row
            else:
                results[mode].append(row)

    with gunicorn(workers=args.workers, log_path=log_path) as port:
        if not args.surveys_only:
            measure_mode(NO_PAGE_CACHE, port)
            measure_mode(CACHED, port)
        if not args.skip_events:
            print(f"Sending {args.rsvp_people} RSVPs at once ...", flush=True)
            rsvp_outcome = bench_events.rsvp_load(
                port=port,
                people=args.rsvp_people,
                seats=args.rsvp_seats,
                concurrency=args.rsvp_concurrency,
            )
    if not args.skip_events and args.outage_people:
        # The web server's broker is a closed port (a Redis outage): each RSVP's confirmation
        # waits as a row in the outbox; the delivery sweep below runs once the broker is back.
        with gunicorn(
            workers=args.workers,
            log_path=log_path.with_name("gunicorn-outage.log"),
            env={"CELERY_BROKER_URL": f"redis://127.0.0.1:{free_port()}/0"},
        ) as port:
            print(f"Sending {args.outage_people} RSVPs with the broker down ...", flush=True)
            outage_rsvps = bench_events.rsvp_load(
                port=port,
                people=args.outage_people,
                seats=args.rsvp_seats,
                concurrency=min(args.rsvp_concurrency, args.outage_people),
                keep=True,
            )
        print("Broker back: running the delivery sweep ...", flush=True)
        outage_outcome = bench_events.outage_sweep(outage_rsvps)
    with gunicorn(
        workers=args.workers,
        log_path=log_path.with_name("gunicorn-cold.log"),
        env={"CACHE_DISABLED": "true"},
    ) as port:
        if not args.surveys_only:
            measure_mode(COLD, port)

    if not args.skip_surveys:
        # Last, and removed again afterwards: the 100,000 respondents are leaders, and the
        # directory's figures above must be measured on the same network every run.
        surveys_seeded = bench_surveys.surveys_prepare(responses=args.survey_responses)
        print(f"Surveys: {surveys_seeded}", flush=True)
        print("Rebuilding the survey's rollups ...", flush=True)
        survey_outcome = bench_surveys.rebuild_measure()
        global SIGNED_IN_COOKIE
        SIGNED_IN_COOKIE = bench_surveys.owner_session_cookie()
        # --pages picks among the survey pages only when it names one of them.
        chosen = (
            pages_chosen((*SURVEY_PAGES, *OWNER_PAGES), args.pages) or SURVEY_PAGES + OWNER_PAGES
        )
        report_pages = tuple(page for page in chosen if not page.signed_in)
        owner_pages = tuple(page for page in chosen if page.signed_in)
        with gunicorn(
            workers=args.workers, log_path=log_path.with_name("gunicorn-surveys.log")
        ) as port:
            measure_mode(SURVEYS, port, (*report_pages, *owner_pages))
            measure_mode(SURVEYS_CACHED, port, report_pages)
            print(f"Sending {args.survey_parallel} survey answers at once ...", flush=True)
            bench_surveys.parallel_answers(
                port=port, outcome=survey_outcome, people=args.survey_parallel
            )
        with gunicorn(
            workers=args.workers,
            log_path=log_path.with_name("gunicorn-surveys-cold.log"),
            env={"CACHE_DISABLED": "true"},
        ) as port:
            measure_mode(SURVEYS_COLD, port, report_pages, max(10, args.requests // 10))
        print("Removing the survey data again ...", flush=True)
        bench_surveys.surveys_remove()
        database_vacuum()

    if not args.skip_events:
        print(f"Sweeping reminders for {args.reminder_attendees:,} attendees ...", flush=True)
        sweep_outcome = bench_events.reminder_sweep()
        from actlocal.celery import app

        app.control.purge()  # RSVP confirmations the load queued; no worker runs here

    if not args.skip_campaigns:
        print("Importing a crosswalk and officials ...", flush=True)
        campaigns_outcome = bench_campaigns.imports_measure(
            crosswalk_rows=args.crosswalk_rows,
            people=args.import_officials,
            officials=args.campaign_officials,
        )

    outcome = None
    if not args.skip_import:
        from bench.importing import imported_leaders_delete, measure_import

        print(f"Importing {args.import_rows:,} leaders ...", flush=True)
        outcome = measure_import(rows=args.import_rows)
        imported_leaders_delete()
        database_vacuum()  # leave the database as fast as the next run (or profiler) expects
        from actlocal.celery import app

        app.control.purge()  # duplicate checks the import queued; no worker runs here

    lines = [
        "",
        f"ActLocal benchmark: {database} ({seeded})"
        + (f"; events: {events_seeded}" if events_seeded else "")
        + (f"; campaigns: {campaigns_seeded}" if campaigns_seeded else "")
        + (f"; toolkits: {toolkits_seeded}" if toolkits_seeded else ""),
        f"gunicorn {args.workers} sync workers on 127.0.0.1; {args.concurrency} client threads; "
        f"{args.requests} requests per page (trivial view: {args.trivial_requests}); "
        f"{os.cpu_count()} CPU cores; DEBUG off",
    ]
    for mode in MODES:
        if mode in trivial:
            lines += table(mode.title, results[mode], trivial[mode], mode=mode)
    for mode in (SURVEYS, SURVEYS_CACHED, SURVEYS_COLD):
        if mode in trivial:
            lines += table(mode.title, results[mode], trivial[mode], mode=mode)
    lines.append(
        "Queries: counted in-process with CaptureQueriesContext for one anonymous request "
        "served as in that table (uncached: with the parts cached by an earlier request); "
        "* marks a non-200 answer."
    )
    if not args.skip_events:
        lines += bench_events.report_lines(rsvp_outcome, sweep_outcome, outage_outcome)
    if campaigns_outcome is not None:
        lines += bench_campaigns.report_lines(campaigns_outcome, summary=campaigns_seeded)
    lines += bench_surveys.report_lines(survey_outcome)
    lines += import_lines(outcome)
    failing = {
        row.page.path: row.result.status_text()
        for rows in results.values()
        for row in rows
        if not row.result.all_ok
    }
    if failing:
        lines.append("")
        lines.append("Pages that did not answer 200 (not built yet, or broken):")
        lines += [f"  {path}: {status}" for path, status in failing.items()]
    lines.append(f"gunicorn logs: {log_path} and {log_path.with_name('gunicorn-cold.log')}")
    print("\n".join(lines))
    return 0


# --- growth ------------------------------------------------------------------------------------


def paired_rows(
    args: argparse.Namespace,
    pages: tuple[Page, ...],
    *,
    servers_for: Callable[[Mode], AbstractContextManager[Any]],
    measure_side: Callable[[Any, Any, Page, Mode, int], LoadResult],
    sides: tuple[Any, Any],
    server_pid: Callable[[Any, Any], int] | None = None,
) -> list[tuple[str, str, bench_paired.Pair, bool]]:
    """Every page in the three modes, each measured in alternation in the two settings;
    `server_pid(server, side)`, if given, names the gunicorn whose CPU time is the cost."""
    rows = []
    for mode in (NO_PAGE_CACHE, CACHED, COLD):
        with servers_for(mode) as server:
            print(f"Measuring {mode.name} pages, {sides[0]} and {sides[1]} ...", flush=True)
            for page in (TRIVIAL, *pages):
                requests = args.campaign_requests if page.slow and mode.cold else args.requests
                if page is TRIVIAL:
                    requests = args.trivial_requests

                def one(side: Any, n: int, page: Page = page, mode: Mode = mode) -> LoadResult:
                    return measure_side(server, side, page, mode, n)

                def cpu(side: Any) -> float:
                    assert server_pid is not None
                    return bench_cpu.workers_cpu_seconds(server_pid(server, side))

                pair = bench_paired.pair_measure(
                    one, sides=sides, requests=requests, cpu_seconds=cpu if server_pid else None
                )
                rows.append((page.label, mode.name, pair, page is TRIVIAL))
    return rows


def growth_run(args: argparse.Namespace, *, pages: tuple[Page, ...], small_url: str) -> int:
    """Grow this (the growth) database, prepare the plain one, measure both side by side."""
    from directory.models import Leader

    big_url = os.environ["DATABASE_URL"]
    print(f"Growing the network to {args.growth_leaders:,} leaders ...", flush=True)
    seconds = bench_growth.network_grow(
        args=args, leaders=args.growth_leaders, vacuum=database_vacuum
    )
    big_n = Leader.objects.count()
    print("Preparing the plain benchmark's database ...", flush=True)
    bench_growth.small_database_prepare(root=ROOT, small_url=small_url)
    token = secrets.token_hex(4)

    def servers_for(mode: Mode) -> AbstractContextManager[tuple[int, int]]:
        return bench_growth.servers(
            gunicorn,
            workers=args.workers,
            log_dir=ROOT / "var" / "bench",
            small_url=small_url,
            big_url=big_url,
            cold=mode.cold,
        )

    def measure_side(ports, side: int, page: Page, mode: Mode, n: int) -> LoadResult:
        return measure(
            page,
            port=ports[side],
            mode=mode,
            requests=n,
            concurrency=args.concurrency,
            token=f"{token}-{side}",
        )

    rows = paired_rows(
        args, pages, servers_for=servers_for, measure_side=measure_side, sides=(0, 1)
    )
    small_n = _leaders_in(small_url)
    grown = f"grown in {seconds:.0f}s" if seconds else "grown by an earlier run"
    lines = [
        "",
        f"ActLocal growth benchmark: gunicorn {args.workers} sync workers per server, "
        f"{args.concurrency} client threads, {args.requests} requests per page and size; "
        f"{os.cpu_count()} CPU cores",
    ]
    lines += bench_paired.pair_lines(
        rows,
        first=f"@{small_n:,}",
        second=f"@{big_n:,}",
        limit=bench_growth.GROWTH_LIMIT,
        title=f"Growth: every page on two servers at once, {small_n:,} and {big_n:,} leaders "
        f"({grown}), measured in alternation; Cost x is how many times more a request costs "
        "at the larger size",
    )
    print("\n".join(lines))
    return 0


def languages_run(args: argparse.Namespace, *, pages: tuple[Page, ...]) -> int:
    """Every page in English and in Spanish, in alternation on the same server."""
    token = secrets.token_hex(4)
    log_path = ROOT / "var" / "bench" / "gunicorn-languages.log"

    def servers_for(mode: Mode) -> AbstractContextManager[int]:
        env = {"CACHE_DISABLED": "true"} if mode.cold else {}
        return gunicorn(workers=args.workers, log_path=log_path, env=env)

    def measure_side(port: int, side: str, page: Page, mode: Mode, n: int) -> LoadResult:
        bench_load.ACCEPT_LANGUAGE = side
        return measure(
            page,
            port=port,
            mode=mode,
            requests=n,
            concurrency=args.concurrency,
            token=f"{token}-{side}",
        )

    # Both languages share one server and differ only in the work a request does: compared by
    # the workers' CPU time, which a busy neighbour does not inflate as it does the rates.
    rows = paired_rows(
        args,
        pages,
        servers_for=servers_for,
        measure_side=measure_side,
        sides=("en", "es"),
        server_pid=lambda port, _side: SERVER_PIDS[port],
    )
    lines = [
        "",
        f"ActLocal language benchmark: gunicorn {args.workers} sync workers, "
        f"{args.concurrency} client threads, {args.requests} requests per page and language; "
        f"{os.cpu_count()} CPU cores",
    ]
    lines += bench_paired.pair_lines(
        rows,
        first="en",
        second="es",
        limit=LANGUAGE_LIMIT,
        title="Languages: every page with Accept-Language en and es, measured in alternation; "
        "Cost x is how many times more server CPU a request costs in Spanish",
    )
    print("\n".join(lines))
    return 0


def _leaders_in(url: str) -> int:
    """How many leaders the plain benchmark's database holds (read without switching this
    process's connection)."""
    import psycopg

    parsed = urlparse(url)
    with psycopg.connect(
        host=parsed.hostname or "127.0.0.1",
        port=parsed.port or 5432,
        user=parsed.username or "postgres",
        password=parsed.password or None,
        dbname=parsed.path.lstrip("/"),
    ) as conn:
        row = conn.execute("SELECT COUNT(*) FROM directory_leader").fetchone()
    return int(row[0]) if row else 0


if __name__ == "__main__":
    sys.exit(main())
