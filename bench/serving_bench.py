"""Serving benchmark: the real server (gunicorn, gunicorn.conf.py) under 50 concurrent users.

    .venv/bin/python bench/serving_bench.py [--quick] [--users 50] [--seconds 20]
        [--rush-database postgres://user@127.0.0.1:5432/NAME] [--rush 500]

Loopback only: the server listens on 127.0.0.1 on a free port, the clients are threads of
this process (http.client, keep-alive, no think time: each user sends its next request
as soon as the last one is answered). The production settings (`frenchtech.settings.prod`,
a proxy's `X-Forwarded-Proto: https` sent by the clients) with the demo in a scratch var
directory (`var/bench/serving/`: SQLite, the demo's snapshot, the caches; loaded on the
first run, again with `--fresh`; `--mixes-database postgres://…` runs the mixes on a
PostgreSQL database of the bench's own instead).

Phases, one after another on the same server, in the same run:

1. **bare view**: `/healthz` (one `SELECT 1`): the ceiling every other figure is compared to;
2. **EPCI profile** alone (`/observatoire/epci/<code>/`, the 100 most populous EPCI) and
   **observatory** alone (`/observatoire/` over 15 indicators × 3 levels × 2 pages);
3. **public mix**: home, EPCI profiles, observatory pages (and its map now and then),
   the API (rankings, one EPCI);
4. **consortium mix**: signed-in consortium leads (one application each) opening their
   application, a section, and autosaving it (the page's `X-Autosave` POST).

Then the **deadline rush** on PostgreSQL (`--rush-database`, a database of its own that
is dropped and re-created; skipped with a note when none answers): `--rush` consortia,
each signed in on its complete application of a call with a deadline, open it and submit,
50 at a time; the figure is the time from the first request to the last answer, and the
submissions counted in the database afterwards (every one must be there). The receipts'
PDFs are built after each commit by the server's background threads: the time until the
last is on disk is recorded too.

Each phase records requests, errors, throughput, p50/p95/p99 (ms), the page cache's hit
ratio and the ratio of its throughput to the bare view's. The load average before each
phase is recorded: this 2-core machine may be shared, and the clients share it with the
server. Results: bench/results/serving-<YYYY-MM-DD>[-vN].json (never overwritten).
"""

import argparse
import datetime as dt
import http.client
import itertools
import json
import os
import platform
import random
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).parent / "gunicorn")
DEFAULT_RUSH_DATABASE = "postgres://postgres@127.0.0.1:5432/frenchtech_bench_rush"
RUSH_WINDOW_SECONDS = 60
BENCH_MISSION = "bench.mission@demo.frenchtech.invalid"


# --- the server's environment and preparation ------------------------------------------
def environment(var_dir: Path, database_url: str | None) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "FRENCHTECH_", "DATABASE_URL"))
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "frenchtech.settings.prod",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(40),
            "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
            "FRENCHTECH_VAR_DIR": str(var_dir),
            "FRENCHTECH_DEMO": "1",
            "PYTHONPATH": str(ROOT),
        }
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def manage(env: dict, *arguments: str) -> str:
    completed = subprocess.run(
        [PYTHON, "manage.py", *arguments],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        raise SystemExit(f"manage.py {' '.join(arguments)} failed:\n{completed.stderr[-3000:]}")
    return completed.stdout


def prepare_demo(env: dict, var_dir: Path, fresh: bool) -> None:
    """The demo in the bench's var directory: loaded once (again with --fresh)."""
    marker = var_dir / "demo-loaded"
    if fresh:
        shutil.rmtree(var_dir, ignore_errors=True)
    var_dir.mkdir(parents=True, exist_ok=True)
    manage(env, "migrate", "--verbosity", "0")
    if marker.exists():
        manage(env, "collectstatic", "--noinput", "--verbosity", "0")
        return
    print("  preparing the demo (territories, demo, collectstatic)...", flush=True)
    manage(env, "load_territories")
    manage(env, "load_demo")
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    marker.write_text(dt.datetime.now(dt.UTC).isoformat())


def prepare_consortia(env: dict, count: int, prefix: str) -> dict:
    completed = subprocess.run(
        [PYTHON, __file__, "--prepare-consortia", str(count), "--prefix", prefix],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        raise SystemExit(f"preparing the consortia failed:\n{completed.stderr[-3000:]}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


def _prepare_consortia_here(count: int, prefix: str) -> None:
    """(In a subprocess with the server's environment.) `count` consortia, each with a
    lead signed in (a session made here, no password hashing) and a complete application
    to a call with a deadline in two hours; prints them as JSON."""
    import django

    django.setup()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils import timezone

    from frenchtech.accounts.actions import add_member, create_organisation
    from frenchtech.accounts.enums import OrganisationKind, Role
    from frenchtech.accounts.models import User
    from frenchtech.calls import actions
    from frenchtech.calls.enums import CallMode
    from frenchtech.calls.sections import SECTIONS
    from frenchtech.core.actor import SYSTEM
    from frenchtech.demo.calls import _fill
    from frenchtech.territories.enums import EpciKind
    from frenchtech.territories.models import Epci

    mission = User.objects.filter(email=BENCH_MISSION).first()
    if mission is None:
        organisation = create_organisation(
            by=SYSTEM, name="Mission du banc d'essai (démo)", kind=OrganisationKind.MISSION,
            is_demo=True,
        )  # fmt: skip
        mission = add_member(
            by=SYSTEM, organisation=organisation, email=BENCH_MISSION,
            full_name="Chargé de mission (démo)", role=Role.MISSION_OFFICER,
        ).user  # fmt: skip
    call = actions.create_call(
        by=mission,
        title=f"Appel du banc d'essai {prefix} (démo)",
        text="<p>Banc d'essai de charge.</p>",
        eligibility_rules="Un EPCI porteur.",
        mode=CallMode.DEADLINE,
        deadline=timezone.now() + dt.timedelta(hours=2),
        closing_message="Clos.",
    )
    actions.publish_call(call=call, by=mission)
    kinds = [EpciKind.METROPOLE, EpciKind.COMMUNAUTE_URBAINE, EpciKind.COMMUNAUTE_AGGLOMERATION]
    territories = itertools.cycle(Epci.objects.filter(kind__in=kinds).order_by("-population"))
    # A section of texts only: what the autosave posts.
    text_section = next(
        d for d in SECTIONS if d.texts and not (d.numbers or d.has_actors or d.indicators)
    )
    users = []
    for number in range(count):
        organisation = create_organisation(
            by=SYSTEM,
            name=f"Consortium du banc d'essai {prefix}-{number} (démo)",
            kind=OrganisationKind.CONSORTIUM,
            territory=next(territories),
            is_demo=True,
        )
        lead = add_member(
            by=SYSTEM,
            organisation=organisation,
            email=f"bench-{prefix}-{number}@demo.frenchtech.invalid",
            full_name=f"Porteur {number} (démo)",
            role=Role.CONSORTIUM_LEAD,
        ).user
        application = actions.start_application(call=call, consortium=organisation, by=lead)
        _fill(application, lead, f"Ville {number}")
        session = SessionStore()
        session[SESSION_KEY] = str(lead.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = lead.get_session_auth_hash()
        session.create()
        section = application.sections.get(key=text_section.key)
        users.append(
            {
                "session": session.session_key,
                "application": application.pk,
                "section": text_section.key,
                "section_version": section.version,
                "fields": [text.key for text in text_section.texts],
            }
        )
    print(json.dumps({"call": call.pk, "users": users}))


def _count_submissions_here(call_id: int) -> None:
    import django

    django.setup()
    from frenchtech.calls.models import Application, ApplicationVersion

    print(
        json.dumps(
            {
                "versions": ApplicationVersion.objects.filter(application__call_id=call_id).count(),
                "submitted": Application.objects.filter(call_id=call_id, state="submitted").count(),
                "applications": Application.objects.filter(call_id=call_id).count(),
            }
        )
    )


def count_submissions(env: dict, call_id: int) -> dict:
    completed = subprocess.run(
        [PYTHON, __file__, "--count-submissions", str(call_id)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(completed.stdout.strip().splitlines()[-1])


def recreate_database(url: str) -> str | None:
    """Drop and create the rush's database; the reason when PostgreSQL does not answer."""
    try:
        import psycopg
    except ImportError as error:
        return str(error)
    name = url.rsplit("/", 1)[1]
    if name in {"", "postgres", "frenchtech"}:
        raise SystemExit(f"--rush-database {url!r}: give the bench a database of its own")
    try:
        with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as error:
        return str(error).strip().splitlines()[0]
    return None


# --- the server -------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    def __init__(self, env: dict, log: Path):
        self.port = free_port()
        self.env = {**env, "FRENCHTECH_BIND": f"127.0.0.1:{self.port}"}
        self.log = log

    def __enter__(self):
        self.log.parent.mkdir(parents=True, exist_ok=True)
        self.stream = self.log.open("w")
        self.process = subprocess.Popen(
            [GUNICORN, "--config", str(ROOT / "gunicorn.conf.py")],
            cwd=ROOT,
            env=self.env,
            stdout=self.stream,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if get(self.port, "/healthz")[0] == 200:
                    return self
            except OSError:
                time.sleep(0.2)
        self.__exit__()
        raise SystemExit(f"the server did not answer; see {self.log}")

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.stream.close()


def get(port: int, path: str) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers={"X-Forwarded-Proto": "https"})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


# --- the load ---------------------------------------------------------------------------
class User:
    """One virtual user: a keep-alive connection, its cookies, its next requests."""

    def __init__(self, port: int, cookies: dict | None = None):
        self.port = port
        self.cookies = dict(cookies or {})
        self.connection = None

    def request(self, method, path, body=None, headers=None):
        headers = {
            "X-Forwarded-Proto": "https",
            "Accept-Encoding": "gzip",
            **(headers or {}),
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if method == "POST":
            headers["Origin"] = f"https://127.0.0.1:{self.port}"
            headers["Referer"] = f"https://127.0.0.1:{self.port}{path}"
        for attempt in range(2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                content = response.read()
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # A keep-alive connection the server closed meanwhile: once more, fresh.
                self.connection.close()
                self.connection = None
                if attempt:
                    raise
                continue
            if response.will_close:
                self.connection.close()
                self.connection = None
            return response, content
        raise AssertionError("unreachable")


def run_phase(users: list, duration: float, next_request) -> list:
    """Every user sends `next_request(user)` (name, method, path, body, headers, expected)
    until `duration` seconds have passed; returns the records."""
    records = []
    stop_at = time.perf_counter() + duration
    start = threading.Barrier(len(users) + 1)

    def loop(user):
        start.wait()
        while time.perf_counter() < stop_at:
            step = next_request(user)
            if step is None:
                return
            name, method, path, body, headers, expected = step
            began = time.perf_counter()
            try:
                response, content = user.request(method, path, body, headers)
                status = response.status
                cached = response.getheader("X-Page-Cache")
                if hasattr(user, "after"):
                    user.after(name, response, content)
            except OSError as error:
                status, cached, content = type(error).__name__, None, b""
            ended = time.perf_counter()
            records.append((name, began, ended, status, status in expected, cached, len(content)))

    threads = [threading.Thread(target=loop, args=(user,), daemon=True) for user in users]
    for thread in threads:
        thread.start()
    start.wait()
    for thread in threads:
        thread.join()
    return records


def percentile(sorted_values: list, share: float) -> float:
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, max(0, round(share * len(sorted_values) + 0.5) - 1))
    return sorted_values[index]


def summarise(records: list, duration: float | None = None) -> dict:
    if not records:
        return {"requests": 0}
    began = min(r[1] for r in records)
    ended = max(r[2] for r in records)
    elapsed = duration or (ended - began)
    latencies = sorted((r[2] - r[1]) * 1000 for r in records)
    cached = [r[5] for r in records if r[5] is not None]
    result = {
        "requests": len(records),
        "errors": sum(1 for r in records if not r[4]),
        "error_statuses": sorted({str(r[3]) for r in records if not r[4]}),
        "seconds": round(elapsed, 2),
        "throughput_per_s": round(len(records) / elapsed, 1),
        "p50_ms": round(percentile(latencies, 0.50), 1),
        "p95_ms": round(percentile(latencies, 0.95), 1),
        "p99_ms": round(percentile(latencies, 0.99), 1),
        "max_ms": round(latencies[-1], 1),
        "mean_kb": round(statistics.fmean(r[6] for r in records) / 1024, 1),
    }
    if cached:
        result["page_cache_hit_ratio"] = round(cached.count("hit") / len(cached), 3)
    return result


def by_name(records: list, duration: float) -> dict:
    names = sorted({r[0] for r in records})
    result = {}
    for name in names:
        mine = [r for r in records if r[0] == name]
        summary = summarise(mine, duration)
        result[name] = summary
    return result


def cpu_seconds() -> float:
    usage = os.times()
    return usage.user + usage.system


def phase(name, users, duration, next_request, bare=None) -> dict:
    load = [round(value, 2) for value in os.getloadavg()]
    print(f"  {name}: {len(users)} users, {duration:.0f} s...", flush=True)
    cpu_before = cpu_seconds()
    records = run_phase(users, duration, next_request)
    summary = summarise(records, duration)
    summary["load_average_before"] = load
    summary["client_cpu_seconds"] = round(cpu_seconds() - cpu_before, 1)
    summary["by_request"] = by_name(records, duration)
    if bare:
        summary["throughput_vs_bare_view"] = round(
            summary["throughput_per_s"] / bare["throughput_per_s"], 3
        )
    print(
        f"    {summary['throughput_per_s']}/s, p50 {summary['p50_ms']} ms, p95 "
        f"{summary['p95_ms']} ms, p99 {summary['p99_ms']} ms, errors {summary['errors']}"
        + (f", {summary['throughput_vs_bare_view']:.0%} of the bare view" if bare else ""),
        flush=True,
    )
    return summary


# --- the mixes --------------------------------------------------------------------------
def public_requests(public: dict, mix: str):
    epci_codes, indicators = public["epci"], public["indicators"]
    levels = ("epci", "departement", "region")

    def observatory(rng):
        query = f"?indicator={rng.choice(indicators)}&level={rng.choice(levels)}"
        if rng.random() < 0.3:
            query += "&page=2"
        return query

    def next_request(user):
        rng = user.rng
        choice = mix if mix != "public" else rng.choices(
            ["home", "epci_profile", "observatory", "observatory_map", "api_ranking", "api_epci"],
            weights=[15, 35, 25, 3, 12, 10],
        )[0]  # fmt: skip
        code = rng.choice(epci_codes)
        if choice == "home":
            return ("home", "GET", "/", None, None, {200})
        if choice == "epci_profile":
            return ("epci_profile", "GET", f"/observatoire/epci/{code}/", None, None, {200})
        if choice == "observatory":
            return ("observatory", "GET", "/observatoire/" + observatory(rng), None, None, {200})
        if choice == "observatory_map":
            # As the page's <img> names it: its selection (no page) and the snapshot.
            query = observatory(rng).replace("&page=2", "")
            path = f"/observatoire/carte.svg{query}&v={public['snapshot']}"
            return ("observatory_map", "GET", path, None, None, {200})
        if choice == "api_ranking":
            path = "/api/v1/observatory/rankings?level=epci&limit=50"
            return ("api_ranking", "GET", path, None, None, {200})
        return ("api_epci", "GET", f"/api/v1/territories/epci/{code}", None, None, {200})

    return next_request


class ConsortiumUser(User):
    def __init__(self, port, prepared):
        csrf = secrets.token_hex(16)  # any 32-character secret: the cookie and the header
        super().__init__(port, {"sessionid": prepared["session"], "csrftoken": csrf})
        self.csrf = csrf
        self.prepared = prepared
        self.version = prepared["section_version"]
        self.saves = 0

    def after(self, name, response, content):
        if name == "autosave" and response.status == 200:
            self.version = json.loads(content)["version"]


def consortium_requests():
    def next_request(user):
        application = user.prepared["application"]
        base = f"/appels/candidatures/{application}/"
        choice = user.rng.choices(["application", "section", "autosave"], weights=[2, 2, 6])[0]
        if choice == "application":
            return ("application", "GET", base, None, None, {200})
        section = f"{base}sections/{user.prepared['section']}/"
        if choice == "section":
            return ("section", "GET", section, None, None, {200})
        user.saves += 1
        fields = {
            name: f"Texte enregistré {user.saves} (démo)." for name in user.prepared["fields"]
        }
        fields["version"] = str(user.version)
        body = urlencode(fields)
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "X-CSRFToken": user.csrf,
            "X-Autosave": "1",
        }
        return ("autosave", "POST", section, body, headers, {200})

    return next_request


def rush_requests(prepared_users: list):
    """Each user takes the next application, opens it, submits it; stops when none is left."""
    queue = iter(prepared_users)
    lock = threading.Lock()

    def next_request(user):
        if user.pending is None:
            with lock:
                user.pending = next(queue, None)
            if user.pending is None:
                return None
            user.cookies["sessionid"] = user.pending["session"]
            base = f"/appels/candidatures/{user.pending['application']}/"
            return ("open_application", "GET", base, None, None, {200})
        base = f"/appels/candidatures/{user.pending['application']}/"
        user.pending = None
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "X-CSRFToken": user.cookies["csrftoken"],
        }
        return ("submit", "POST", base + "deposer/", "", headers, {302})

    return next_request


# --- the run ----------------------------------------------------------------------------
def serve_and_measure(args, var_dir: Path) -> dict:
    env = environment(var_dir, args.mixes_database)
    if args.mixes_database:  # a database of the bench's own: the demo loaded afresh
        reason = recreate_database(args.mixes_database)
        if reason:
            raise SystemExit(f"--mixes-database: PostgreSQL did not answer ({reason})")
    prepare_demo(env, var_dir, fresh=args.fresh or bool(args.mixes_database))
    consortia = prepare_consortia(env, args.users, f"c{int(time.time())}")
    public = json.loads(
        subprocess.run(
            [PYTHON, __file__, "--public-paths"],
            cwd=ROOT, env=env, capture_output=True, text=True, check=True,
        ).stdout.strip().splitlines()[-1]
    )  # fmt: skip
    results = {}
    with Server(env, var_dir / "server.log") as server:
        # As after a publication: the most visited pages rendered ahead (docs/operations.md).
        started = time.perf_counter()
        warmed = manage(env, "warm_page_cache", "--epci", "100", "--languages", "fr").strip()
        results["warm_page_cache"] = {
            "output": warmed,
            "seconds": round(time.perf_counter() - started, 1),
        }
        print(f"  {warmed}", flush=True)
        rng_seed = itertools.count(2014)

        def public_users():
            users = [User(server.port) for _ in range(args.users)]
            for user in users:
                user.rng = random.Random(next(rng_seed))
            return users

        bare = phase(
            "bare view (/healthz)",
            public_users(),
            args.seconds,
            lambda user: ("healthz", "GET", "/healthz", None, None, {200}),
        )
        results["bare_view"] = bare
        for name in ("epci_profile", "observatory"):
            results[name] = phase(
                name,
                public_users(),
                args.seconds,
                public_requests(public, name),
                bare,
            )
        results["public_mix"] = phase(
            "public mix",
            public_users(),
            args.seconds,
            public_requests(public, "public"),
            bare,
        )
        users = [ConsortiumUser(server.port, prepared) for prepared in consortia["users"]]
        for user in users:
            user.rng = random.Random(next(rng_seed))
        results["consortium_mix"] = phase(
            "consortium mix (signed in, autosave)",
            users,
            args.seconds,
            consortium_requests(),
            bare,
        )
    return results


def deadline_rush(args, var_dir: Path) -> dict:
    url = args.rush_database
    reason = recreate_database(url)
    if reason:
        print(f"  deadline rush skipped: PostgreSQL did not answer ({reason})", flush=True)
        return {"skipped": f"PostgreSQL did not answer: {reason}"}
    shutil.rmtree(var_dir, ignore_errors=True)  # the bench's scratch directory
    var_dir.mkdir(parents=True)
    env = environment(var_dir, url)
    print(f"  preparing {args.rush} consortia on PostgreSQL...", flush=True)
    manage(env, "migrate", "--verbosity", "0")
    manage(env, "load_territories")
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    started = time.perf_counter()
    prepared = prepare_consortia(env, args.rush, "rush")
    preparation = time.perf_counter() - started
    receipts = var_dir / "media" / "receipts"
    with Server(env, var_dir / "server.log") as server:
        users = []
        for _ in range(args.users):
            user = User(server.port, {"csrftoken": secrets.token_hex(16)})
            user.pending = None
            users.append(user)
        load = [round(value, 2) for value in os.getloadavg()]
        print(f"  deadline rush: {args.rush} submissions, {args.users} at a time...", flush=True)
        records = run_phase(users, 600, rush_requests(prepared["users"]))
        waited = time.perf_counter()
        while time.perf_counter() - waited < 600:
            built = sum(1 for _ in receipts.rglob("*.pdf")) if receipts.exists() else 0
            if built >= args.rush:
                break
            time.sleep(0.5)
        receipts_after = time.perf_counter() - waited
    counted = count_submissions(env, prepared["call"])
    submits = [r for r in records if r[0] == "submit"]
    window = max(r[2] for r in records) - min(r[1] for r in records)
    result = {
        "database": "postgresql",
        "consortia": args.rush,
        "users": args.users,
        "load_average_before": load,
        "preparation_seconds": round(preparation, 1),
        "window_seconds": round(window, 2),
        "within_60_s": window <= RUSH_WINDOW_SECONDS,
        "submissions_per_s": round(len(submits) / window, 1),
        "all_requests": summarise(records),
        "by_request": by_name(records, window),
        "counted_in_database": counted,
        "lost": args.rush - counted["versions"],
        "receipts_on_disk": built,
        "receipts_done_seconds_after_last_submission": round(receipts_after, 1),
    }
    print(
        f"    {len(submits)} submissions in {window:.1f} s "
        f"(submit p50 {result['by_request']['submit']['p50_ms']} ms, p95 "
        f"{result['by_request']['submit']['p95_ms']} ms), errors "
        f"{result['all_requests']['errors']}, in the database: {counted['versions']}, "
        f"receipts built {built} ({receipts_after:.1f} s after)",
        flush=True,
    )
    return result


def _public_paths_here() -> None:
    import django

    django.setup()
    from frenchtech.observatory.catalogue import CATALOGUE
    from frenchtech.observatory.versions import published_version
    from frenchtech.territories.models import Epci

    codes = list(Epci.objects.order_by("-population").values_list("code", flat=True)[:100])
    print(
        json.dumps({"epci": codes, "indicators": list(CATALOGUE), "snapshot": published_version()})
    )


def output_path(today: str) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"serving-{today}.json"
    for version in itertools.count(2):
        if not path.exists():
            return path
        path = RESULTS / f"serving-{today}-v{version}.json"
    raise AssertionError("unreachable")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="5 s phases, 100 submissions")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--rush", type=int, default=500)
    parser.add_argument(
        "--rush-database",
        default=os.environ.get("BENCH_RUSH_DATABASE_URL", DEFAULT_RUSH_DATABASE),
        help="a PostgreSQL database of the bench's own (dropped and re-created)",
    )
    parser.add_argument("--fresh", action="store_true", help="load the demo again")
    parser.add_argument(
        "--mixes-database",
        default=None,
        help="run the mixes on this PostgreSQL database of the bench's own (dropped and "
        "re-created, the demo loaded into it) instead of the embedded SQLite",
    )
    parser.add_argument("--skip-rush", action="store_true")
    parser.add_argument("--skip-mixes", action="store_true")
    parser.add_argument("--prepare-consortia", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--prefix", default="", help=argparse.SUPPRESS)
    parser.add_argument("--count-submissions", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--public-paths", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.prepare_consortia is not None:
        _prepare_consortia_here(args.prepare_consortia, args.prefix)
        return 0
    if args.count_submissions is not None:
        _count_submissions_here(args.count_submissions)
        return 0
    if args.public_paths:
        _public_paths_here()
        return 0
    if args.quick:
        args.seconds = min(args.seconds, 5.0)
        args.rush = min(args.rush, 100)
    workers = os.environ.get("FRENCHTECH_WORKERS") or str(len(os.sched_getaffinity(0)))
    result = {
        "date": dt.date.today().isoformat(),
        "machine": {
            "platform": platform.platform(),
            "cores": len(os.sched_getaffinity(0)),
            "python": platform.python_version(),
        },
        "server": {
            "gunicorn_workers": int(workers),
            "threads": int(os.environ.get("FRENCHTECH_THREADS", "4")),
            "settings": "frenchtech.settings.prod",
        },
        "quick": args.quick,
        "seconds_per_phase": args.seconds,
    }
    if not args.skip_mixes:
        database = "PostgreSQL" if args.mixes_database else "SQLite"
        print(f"Serving: public and consortium mixes ({database} demo)", flush=True)
        result["mixes_database"] = database.lower()
        scratch = "serving-pg" if args.mixes_database else "serving"
        result["phases"] = serve_and_measure(args, ROOT / "var" / "bench" / scratch)
    if not args.skip_rush:
        print("Serving: deadline rush (PostgreSQL)", flush=True)
        result["deadline_rush"] = deadline_rush(args, ROOT / "var" / "bench" / "serving-rush")
    path = output_path(result["date"])
    path.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print(f"  written {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
