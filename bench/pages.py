"""The page benchmark: every page of the portal at ten years of data, beside a bare Django floor.

Run from the project's root, with PostgreSQL and Redis up and wrk installed
(``apt-get install wrk``):

    .venv/bin/python bench/pages.py [--scale 1.0] [--seed 1] [--duration 10] [--only lessons]

In one run, on this machine:

1. the data: the database ``ssrportal_bench_pages`` (``--database``) is created if missing,
   migrated, given the reference data and ``generate_bench_data --scale --seed`` unless it
   already holds generated data (3 to 4 minutes at scale 1.0);
2. in this process, through Django's test client, each page's status, HTML bytes and queries;
3. the floor (bench/floor.py: one query, a one-line template) and the portal
   (ssrportal.wsgi, DEBUG off, Redis as cache) each under ``gunicorn -w WORKERS`` with the same
   settings, then wrk at ``--connections`` (4) for ``--duration`` seconds a page, signed in
   as a secretariat officer or an admin through a session cookie: req/s, p50, p95, p99, and the
   ratios to the floor;
4. the resident memory of every portal worker after the run;
5. past one machine: a second portal process on another port; a user signs in through the
   first and is served by the second, and a language chosen on the second is the first's.

It prints a Markdown table (bench/README.md keeps the latest) and exits with 0 whatever the
figures: targets are information here, never a test.
"""
# ruff: noqa: E402 (the portal's modules can only be imported once Django is set up)

import argparse
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from http.cookiejar import CookieJar
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SERVER = "postgres://postgres@127.0.0.1:5432"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database", default="ssrportal_bench_pages")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/7")
    parser.add_argument("--duration", type=int, default=10, help="seconds of wrk a page")
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--workers", type=int, default=5, help="gunicorn workers a process")
    parser.add_argument("--only", default="", help="only the pages whose name holds this")
    parser.add_argument(
        "--no-load", action="store_true", help="bytes and queries only, no gunicorn or wrk"
    )
    parser.add_argument("--explain", default="", help="write the query plans to this file")
    return parser.parse_args()


ARGS = parse_args() if __name__ == "__main__" else None
if ARGS is not None:
    os.environ["DATABASE_URL"] = f"{SERVER}/{ARGS.database}"
    os.environ["REDIS_URL"] = ARGS.redis
    os.environ.setdefault("DEBUG", "1")
    # One key for the sessions made here and the servers that read them.
    os.environ["SECRET_KEY"] = "page-benchmark-" + "x" * 40
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ssrportal.settings")
    sys.path.insert(0, str(ROOT))

import django

if ARGS is not None:
    django.setup()

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.core.management import call_command
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext, setup_test_environment


@dataclass
class Page:
    name: str
    url: str
    role: str = "secretariat"  # or "admin"
    bytes: int = 0
    queries: int = 0
    status: int = 0
    load: dict = field(default_factory=dict)


# --- 1. The data ----------------------------------------------------------------------------


def ensure_data(scale: float, seed: int) -> None:
    created = subprocess.run(
        ["createdb", "-h", "127.0.0.1", "-U", "postgres", ARGS.database],
        capture_output=True,
        text=True,
    )
    if created.returncode == 0:
        print(f"Created the database {ARGS.database}.")
    call_command("migrate", verbosity=0)
    from partners.models import User

    if User.objects.filter(username__startswith="bench-").exists():
        print(f"{ARGS.database} holds generated data: not generated again.")
        return
    call_command("load_reference_data", verbosity=0)
    print(f"Generating scale {scale:g}, seed {seed} (3 to 4 minutes at 1.0)...")
    call_command("generate_bench_data", scale=scale, seed=seed)


def accounts():
    """The secretariat officer the generator made, and an admin of the benchmark's own."""
    from partners.models import User

    officer = User.objects.get(username="bench-secretariat-1")
    admin, _ = User.objects.get_or_create(
        username="bench-pages-admin",
        defaults={"is_staff": True, "is_superuser": True, "email": "admin@bench.example"},
    )
    return {"secretariat": officer, "admin": admin}


def session_cookie(user) -> str:
    """A signed-in session for ``user``, saved where the portal reads sessions."""
    from importlib import import_module

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store["_renewed_at"] = int(time.time()) + 86400  # no renewal write during the run
    store.create()
    return store.session_key


def pages() -> list[Page]:
    """Every page the issue names, on records chosen from the data: a typical event (near the
    median of participants, with lessons), the biggest, a lesson, a mandate."""
    from lessons.models import Lesson
    from partners.models import Organisation
    from workshops.models import Event, Mandate

    with_counts = Event.objects.annotate(n=Count("participants")).order_by("-n", "pk")
    big = with_counts.values_list("pk", "n").first()
    typical = (
        Event.objects.annotate(n=Count("participants"), lessons_n=Count("lessons"))
        .filter(n__gte=8, n__lte=15, lessons_n__gte=5)
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
    )
    lesson = (
        Lesson.objects.filter(stage="validated").order_by("pk").values_list("pk", flat=True)[500]
    )
    mandate = Mandate.objects.order_by("pk").values_list("pk", flat=True)[100]
    organisation = Organisation.objects.order_by("pk").values_list("pk", flat=True)[200]
    country = Event.objects.filter(pk=typical).values_list("country_id", flat=True).first()
    print(f"Typical event {typical}, biggest {big[0]} ({big[1]:,} participants).")
    q = urllib.parse.quote
    return [
        Page("home", "/"),
        Page("event list", "/workshops/"),
        Page("event list, past, a country", f"/workshops/?when=past&country={country}"),
        Page("event list ?q=security", "/workshops/?q=security"),
        Page("calendar", "/workshops/calendar/?month=2025-06"),
        Page("event page (typical)", f"/workshops/{typical}/"),
        Page("event page (biggest)", f"/workshops/{big[0]}/"),
        Page("participants (biggest)", f"/workshops/{big[0]}/participants/"),
        Page("notices (biggest)", f"/workshops/{big[0]}/notices/"),
        Page("event form (new)", "/workshops/new/"),
        Page("event form (typical)", f"/workshops/{typical}/edit/"),
        Page("mandate list", "/mandates/"),
        Page("mandate page", f"/mandates/{mandate}/"),
        Page("register", "/lessons/"),
        Page("register ?q=security", "/lessons/?q=security"),
        Page("register ?q=sécurité", f"/lessons/?q={q('sécurité')}"),
        Page("register ?q=segurança", f"/lessons/?q={q('segurança')}"),
        Page("register ?q=transhumance", "/lessons/?q=transhumance"),
        Page("lesson page", f"/lessons/{lesson}/"),
        Page("lessons to consider", f"/lessons/consider/?event={typical}"),
        Page("follow-up", "/lessons/follow-up/"),
        Page("organisations", "/partners/organisations/"),
        Page("organisation page", f"/partners/organisations/{organisation}/"),
        Page("admin people ?q=", "/admin/partners/person/?q=mensah", "admin"),
        Page("admin events ?q=", "/admin/workshops/event/?q=border", "admin"),
        Page("admin lessons ?q=", "/admin/lessons/lesson/?q=security", "admin"),
        Page("admin lessons", "/admin/lessons/lesson/", "admin"),
    ]


# --- 2. Bytes and queries, in this process --------------------------------------------------


def measure_in_process(selected: list[Page], cookies: dict[str, str]) -> None:
    setup_test_environment()
    clients = {}
    for role, key in cookies.items():
        clients[role] = Client(HTTP_HOST="127.0.0.1")
        clients[role].cookies[settings.SESSION_COOKIE_NAME] = key
    for page in selected:
        client = clients[page.role]
        client.get(page.url)  # warm the caches, as a second visit would find them
        with CaptureQueriesContext(connection) as queries:
            response = client.get(page.url)
        page.status, page.bytes, page.queries = (
            response.status_code,
            len(response.content),
            len(queries),
        )
        print(f"{page.name:34} {page.status} {page.bytes / 1000:7.1f} KB {page.queries:3} queries")


# --- Searches and plans ---------------------------------------------------------------------


def median_ms(run, times: int = 7) -> float:
    durations = []
    for _ in range(times):
        started = time.perf_counter()
        run()
        durations.append((time.perf_counter() - started) * 1000)
    return sorted(durations)[times // 2]


def search_against_icontains(words: list[str]) -> list[str]:
    """The register's search (the full-text index) against what the admin's changelist searched
    before it used the same index (icontains on seven columns): a count and a first page of
    25, as a changelist reads them, median of seven, in this process."""
    from django.db.models import Q

    from lessons.models import Lesson
    from lessons.search import search_lessons

    lines = []
    for word in words:

        def register(word=word):
            found = search_lessons(Lesson.objects.all(), word)
            found.count()
            list(found[:25])

        def icontains(word=word):
            columns = ["title", "observation", "statement", "recommendation", "event__title"]
            columns += ["organisation__acronym", "organisation__name"]
            condition = Q()
            for column in columns:
                condition |= Q(**{f"{column}__icontains": word})
            found = Lesson.objects.filter(condition)
            found.count()
            list(found.order_by("-created_at", "-pk")[:25])

        fast, slow = median_ms(register), median_ms(icontains, times=3)
        lines.append(f"| {word} | {fast:.1f} ms | {slow:,.0f} ms | {slow / fast:,.0f} times |")
    return lines


def plans(selected: list[Page], cookies: dict[str, str], names: list[str]) -> str:
    """EXPLAIN ANALYZE of the queries of the named pages (the user and session left out)."""
    client = Client(HTTP_HOST="127.0.0.1")
    client.cookies[settings.SESSION_COOKIE_NAME] = cookies["secretariat"]
    out = []
    for page in selected:
        if page.name not in names:
            continue
        client.get(page.url)
        with CaptureQueriesContext(connection) as queries:
            client.get(page.url)
        out.append(f"### {page.name}: {page.url}\n")
        for query in queries.captured_queries:
            sql = query["sql"]
            if '"partners_user"' in sql.split("FROM", 1)[-1][:40]:
                continue
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) " + sql)
                plan = "\n".join(row[0] for row in cursor.fetchall())
            # The candidates' ids run to a thousand: the plan shows how many, not which.
            plan = re.sub(
                r"'\{([0-9,]{200,})\}'",
                lambda found: f"'{{… {found.group(1).count(',') + 1} ids …}}'",
                plan,
            )
            out.append(f"```\n{sql[:400]}{'…' if len(sql) > 400 else ''}\n\n{plan}\n```\n")
    return "\n".join(out)


# --- 3. Under gunicorn and wrk --------------------------------------------------------------


def server_env() -> dict:
    env = dict(os.environ)
    env.update(
        DEBUG="0",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_COOKIES="0",
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="0",
        PORTAL_URL="http://127.0.0.1",
        STATIC_ROOT=str(ROOT / "var" / "bench-static"),
    )
    return env


def start(app: str, port: int, workers: int) -> subprocess.Popen:
    process = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            app,
            f"--bind=127.0.0.1:{port}",
            f"--workers={workers}",
            "--worker-class=sync",
            "--log-level=warning",
            "--timeout=120",
        ],
        cwd=ROOT,
        env=server_env(),
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
            break
        except urllib.error.HTTPError:
            break  # it answers (the floor has no /healthz)
        except OSError:
            time.sleep(0.2)
    return process


def stop(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=30)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def first_answer(url: str, cookie: str | None) -> int:
    """The status of one request, redirects not followed: a page measured must answer 200."""
    request = urllib.request.Request(url)
    if cookie:
        request.add_header("Cookie", f"{settings.SESSION_COOKIE_NAME}={cookie}")
    try:
        return urllib.request.build_opener(NoRedirect).open(request, timeout=60).status
    except urllib.error.HTTPError as error:
        return error.code


def wrk(url: str, cookie: str | None) -> dict:
    command = [
        "wrk",
        f"--threads={min(2, ARGS.connections)}",
        f"--connections={ARGS.connections}",
        f"--duration={ARGS.duration}s",
        "--timeout=30s",
        f"--script={ROOT / 'bench' / 'wrk.lua'}",
    ]
    if cookie:
        command.append(f"--header=Cookie: {settings.SESSION_COOKIE_NAME}={cookie}")
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    figures = json.loads(output.strip().splitlines()[-1])
    figures["rps"] = figures["requests"] / (figures["duration_us"] / 1e6)
    return figures


def resident_memory(master: int) -> list[int]:
    """VmRSS of each worker of a gunicorn master, in MB."""
    children = subprocess.run(
        ["pgrep", "-P", str(master)], capture_output=True, text=True
    ).stdout.split()
    sizes = []
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        sizes.append(int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) // 1024)
    return sizes


# --- 5. Past one machine --------------------------------------------------------------------


def two_processes(first: int, second: int, user) -> list[str]:
    """Sign in through one process, be served by the other, change a setting on the second and
    read it on the first. Returns what was checked, each line 'ok' or what failed."""
    password = "bench-" + os.urandom(8).hex()
    user.set_password(password)
    user.save(update_fields=["password"])
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

    def url(port, path):
        return f"http://127.0.0.1:{port}{path}"

    def csrf():
        return next(c.value for c in jar if c.name == settings.CSRF_COOKIE_NAME)

    lines = []
    opener.open(url(first, "/accounts/login/"))
    signed_in = opener.open(
        urllib.request.Request(
            url(first, "/accounts/login/"),
            data=urllib.parse.urlencode(
                {"username": user.username, "password": password, "csrfmiddlewaretoken": csrf()}
            ).encode(),
            headers={"Referer": url(first, "/accounts/login/")},
        )
    )
    landed = urllib.parse.urlsplit(signed_in.url).path
    lines.append(f"sign in on :{first}: {signed_in.status}, landed on {landed}")
    home = opener.open(url(second, "/"))
    body = home.read().decode()
    lines.append(
        f"home on :{second} with that session: {home.status}, "
        + ("signed in" if user.username in body or "Sign out" in body else "NOT signed in")
    )
    opener.open(
        urllib.request.Request(
            url(second, "/i18n/setlang/"),
            data=urllib.parse.urlencode(
                {"language": "fr", "next": "/", "csrfmiddlewaretoken": csrf()}
            ).encode(),
            headers={"Referer": url(second, "/")},
        )
    )
    again = opener.open(url(first, "/"))
    lines.append(
        f"language chosen on :{second}, page on :{first}: Content-Language "
        f"{again.headers.get('Content-Language')}"
    )
    user.set_unusable_password()
    user.save(update_fields=["password"])
    return lines


# --- The table ------------------------------------------------------------------------------


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0].split()[0]
    redis = subprocess.run(["redis-server", "--version"], capture_output=True, text=True).stdout
    wrk_version = subprocess.run(["wrk", "--version"], capture_output=True, text=True).stdout
    wrk_version = " ".join(wrk_version.split()[:2]) or "wrk"
    redis_version = re.search(r"v=(\S+)", redis).group(1)
    return (
        f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, "
        f"Django {django.get_version()}, PostgreSQL {postgres}, Redis {redis_version}, "
        f"{wrk_version}; gunicorn -w {ARGS.workers} (sync), "
        f"wrk -c {ARGS.connections} -d {ARGS.duration}s"
    )


def table(selected: list[Page], floor: dict | None) -> str:
    rows = [
        "| page | req/s | p50 ms | p95 ms | p99 ms | KB | queries | req/s ÷ floor | p50 ÷ floor |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    if floor:
        rows.append(
            f"| floor (bench/floor.py) | {floor['rps']:,.0f} | {floor['p50'] / 1000:.1f} | "
            f"{floor['p95'] / 1000:.1f} | {floor['p99'] / 1000:.1f} | 0.1 | 1 | 1 | 1 |"
        )
    for page in selected:
        load = page.load
        if load:
            rows.append(
                f"| {page.name} | {load['rps']:,.1f} | {load['p50'] / 1000:.1f} | "
                f"{load['p95'] / 1000:.1f} | {load['p99'] / 1000:.1f} | {page.bytes / 1000:.1f} | "
                f"{page.queries} | {load['rps'] / floor['rps']:.3f} | "
                f"{load['p50'] / floor['p50']:.1f} |"
            )
        else:
            rows.append(f"| {page.name} | | | | | {page.bytes / 1000:.1f} | {page.queries} | | |")
    return "\n".join(rows)


def main() -> None:
    if not ARGS.no_load and shutil.which("wrk") is None:
        sys.exit("wrk is not installed: apt-get install wrk (or run with --no-load).")
    ensure_data(ARGS.scale, ARGS.seed)
    users = accounts()
    cookies = {role: session_cookie(user) for role, user in users.items()}
    selected = [page for page in pages() if ARGS.only in page.name]
    measure_in_process(selected, cookies)
    searches = search_against_icontains(["security", "sécurité", "segurança", "transhumance"])
    if ARGS.explain:
        Path(ARGS.explain).write_text(
            plans(selected, cookies, ["register ?q=security", "event list"])
        )
        print(f"Plans written to {ARGS.explain}")
    floor = None
    memory = []
    layout = []
    if not ARGS.no_load:
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"],
            cwd=ROOT,
            env=server_env(),
            check=True,
        )
        floor_server = start("bench.floor:application", 8301, ARGS.workers)
        try:
            wrk("http://127.0.0.1:8301/", None)  # warm up
            floor = wrk("http://127.0.0.1:8301/", None)
        finally:
            stop(floor_server)
        print(f"floor: {floor['rps']:,.0f} req/s, p50 {floor['p50'] / 1000:.1f} ms")
        portal = start("ssrportal.wsgi", 8302, ARGS.workers)
        try:
            for page in selected:
                url = "http://127.0.0.1:8302" + page.url
                status = first_answer(url, cookies[page.role])
                if status != 200:
                    print(f"{page.name}: answered {status}, not measured")
                    continue
                page.load = wrk(url, cookies[page.role])
                if page.load["non_2xx"] or page.load["socket_errors"]:
                    print(f"  {page.name}: {page.load['non_2xx']} non-2xx answers")
                print(
                    f"{page.name:34} {page.load['rps']:8.1f} req/s p50 "
                    f"{page.load['p50'] / 1000:7.1f} ms p95 {page.load['p95'] / 1000:7.1f} ms"
                )
            memory = resident_memory(portal.pid)
            second = start("ssrportal.wsgi", 8303, 1)
            try:
                layout = two_processes(8302, 8303, users["admin"])
            finally:
                stop(second)
        finally:
            stop(portal)
    print()
    print(machine())
    print()
    print(table(selected, floor))
    if memory:
        print(f"\nPortal workers' resident memory after the run: {', '.join(map(str, memory))} MB")
    for line in layout:
        print(f"- {line}")
    print("\n| word | register search | admin icontains, as before | ratio |")
    print("|---|---|---|---|")
    print("\n".join(searches))


if __name__ == "__main__":
    main()
