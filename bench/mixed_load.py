"""Bounded mixed load on loopback: many people reading and writing at once, nothing lost.

    python bench/mixed_load.py [--clients 24] [--users 6] [--seconds 60] [--json]

Starts gunicorn (2 workers, 4 threads each) on 127.0.0.1 with a fresh SQLite database,
signs up several people (each with a team), then runs client threads that stop by
themselves at the deadline (and after a fixed number of iterations at most). Each client
signs in as one of the people, keeps its own audit, and mixes reads (search, catalog,
its audit's pages, exports) with writes (adding rules, commenting, saving set-up).
Every write the server acknowledged (a redirect after the POST) is remembered and looked
for afterwards. Errors are answers of 500 and above, refused connections, timeouts and
any answer a correct client should not get (400, 403, 404, 409).
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from finder.store.migrate import upgrade  # noqa: E402

PASSWORD = "correct horse battery staple"
MAX_ITERATIONS = 100_000  # a second bound besides the deadline
RULES_PER_AUDIT = 400  # below the 500-rule cap: a client starts a new audit after this
SEARCHES = ["seat time", "four-day week", "teacher certification", "12A.004", "waiver"]
TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
VERSION = re.compile(r'name="version" type="hidden" value="(\d+)"')


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


class Client:
    """Cookies, no redirects followed, timing of every request."""

    def __init__(self, base: str, stats: Stats):
        self.base, self.stats = base, stats
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect()
        )

    def request(self, path: str, data: dict | None = None) -> tuple[int, str, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        started = time.perf_counter()
        try:
            with self.opener.open(self.base + path, data=body, timeout=30) as r:
                status, text, location = r.status, r.read().decode(), ""
        except urllib.error.HTTPError as e:
            status, text = e.code, e.read().decode(errors="replace")
            location = e.headers.get("Location", "")
        except OSError as e:  # refused, reset, timed out
            status, text, location = 0, str(e), ""
        self.stats.record(time.perf_counter() - started, status, path, data is not None)
        return status, text, location

    def get(self, path: str):
        return self.request(path)

    def post(self, path: str, data: dict):
        return self.request(path, data)


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies: list[float] = []
        self.reads = self.writes = 0
        self.errors: list[str] = []

    def record(self, seconds: float, status: int, path: str, write: bool) -> None:
        with self.lock:
            self.latencies.append(seconds)
            if write:
                self.writes += 1
            else:
                self.reads += 1
            if status == 0 or status >= 400:
                self.errors.append(f"{status} {'POST' if write else 'GET'} {path}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(folder: Path) -> tuple[str, subprocess.Popen]:
    url = f"sqlite:///{folder / 'finder.sqlite3'}"
    upgrade(url)
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "SECRET_KEY": "mixed-load",
        "FINDER_INSTANCE_DIR": str(folder),
        "FINDER_INDEX_DIR": str(folder / "index"),
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--workers",
            "2",
            "--threads",
            "4",
            "--bind",
            f"127.0.0.1:{port}",
            "finder:create_app()",
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=open(folder / "gunicorn.log", "w"),  # noqa: SIM115 (kept until the end)
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(600):  # the first start builds the search index
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1).read()
            return base, process
        except OSError:
            if process.poll() is not None:
                raise SystemExit(
                    (folder / "gunicorn.log").read_text()[-2000:]
                ) from None
            time.sleep(0.2)
    raise SystemExit("the server did not start")


def token(text: str) -> str:
    found = TOKEN.search(text)
    return found.group(1) if found else ""


def sign_up(base: str, stats: Stats, n: int) -> str:
    """A person with a team; returns the team's path."""
    client = Client(base, stats)
    email = f"person{n}@example.org"
    _, page, _ = client.get("/signup")
    form = {"name": f"Person {n}", "email": email, "password": PASSWORD}
    status, _, _ = client.post(
        "/signup", {**form, "confirm": PASSWORD, "csrf_token": token(page)}
    )
    assert status == 302, status
    _, page, _ = client.get("/teams")
    status, _, location = client.post(
        "/teams", {"name": f"Load ISD {n}", "csrf_token": token(page)}
    )
    assert status == 302, status
    return urllib.parse.urlsplit(location).path


class Worker(threading.Thread):
    """One person's browser: its own audit, reads and writes until the deadline."""

    def __init__(
        self, n: int, base: str, stats: Stats, team: str, email: str, deadline
    ):
        super().__init__(daemon=True)
        self.n, self.team, self.email, self.deadline = n, team, email, deadline
        self.client = Client(base, stats)
        self.random = random.Random(n)
        self.audits: dict[str, list[str]] = {}  # audit path -> acknowledged rule texts
        self.comments: dict[str, list[str]] = {}
        self.outcomes: dict[str, str] = {}  # audit path -> last acknowledged set-up
        self.audit = ""
        self.failure = ""

    def sign_in(self) -> None:
        _, page, _ = self.client.get("/signin")
        status, _, _ = self.client.post(
            "/signin",
            {"email": self.email, "password": PASSWORD, "csrf_token": token(page)},
        )
        assert status == 302, f"sign-in {status}"

    def new_audit(self) -> None:
        path = f"{self.team}/audits/new"
        _, page, _ = self.client.get(path)
        status, _, location = self.client.post(
            path,
            {
                "title": f"Load audit {self.n}-{len(self.audits)}",
                "state": "TX",
                "csrf_token": token(page),
            },
        )
        if status == 302:
            self.audit = urllib.parse.urlsplit(location).path.rsplit("/template", 1)[0]
            self.audits[self.audit] = []
            self.comments[self.audit] = []

    def add_rule(self, i: int) -> None:
        if len(self.audits[self.audit]) >= RULES_PER_AUDIT:
            self.new_audit()
            return
        status, page, _ = self.client.get(f"{self.audit}/rules")
        version = VERSION.search(page)
        if status != 200 or not version:
            return
        text = f"Load rule {self.n}-{i}: minimum minutes of instruction"
        status, _, _ = self.client.post(
            f"{self.audit}/rules/add",
            {
                "text": text,
                "source_level": "state_statute",
                "citation": f"§ {i}",
                "policy_area": "instructional_time",
                "raised_by": "",
                "version": version.group(1),
                "csrf_token": token(page),
            },
        )
        if status == 302:
            self.audits[self.audit].append(text)

    def comment(self, i: int) -> None:
        status, page, _ = self.client.get(self.audit)
        text = f"Load comment {self.n}-{i}"
        status, _, _ = self.client.post(
            f"{self.audit}/comments", {"text": text, "csrf_token": token(page)}
        )
        if status == 302:
            self.comments[self.audit].append(text)

    def save_setup(self, i: int) -> None:
        status, page, _ = self.client.get(f"{self.audit}/setup")
        version = VERSION.search(page)
        if status != 200 or not version:
            return
        outcome = f"Outcome {self.n}-{i}"
        status, _, _ = self.client.post(
            f"{self.audit}/setup",
            {
                "title": "Load audit",
                "state": "TX",
                "innovation": "A four-day week",
                "outcome": outcome,
                "version": version.group(1),
                "csrf_token": token(page),
            },
        )
        if status == 302:
            self.outcomes[self.audit] = outcome

    def read(self) -> None:
        choice = self.random.random()
        if choice < 0.3:
            q = urllib.parse.quote(self.random.choice(SEARCHES))
            self.client.get(f"/search?q={q}")
        elif choice < 0.45:
            self.client.get("/compare")
        elif choice < 0.6:
            self.client.get(f"{self.audit}/export.json")
        elif choice < 0.8:
            self.client.get(f"{self.audit}/rules")
        else:
            self.client.get(self.audit)

    def run(self) -> None:
        try:
            self.sign_in()
            self.new_audit()
            for i in range(MAX_ITERATIONS):
                if time.monotonic() >= self.deadline:
                    break
                roll = self.random.random()
                if roll < 0.25:
                    self.add_rule(i)
                elif roll < 0.32:
                    self.comment(i)
                elif roll < 0.36:
                    self.save_setup(i)
                else:
                    self.read()
        except Exception as exc:  # reported, never hangs the run
            self.failure = f"{type(exc).__name__}: {exc}"


def verify(base: str, workers: list[Worker]) -> tuple[int, int, list[str]]:
    """Every acknowledged write, looked for in a fresh session of its person."""
    acknowledged = found = 0
    missing: list[str] = []
    stats = Stats()
    for w in workers:
        reader = Client(base, stats)
        _, page, _ = reader.get("/signin")
        reader.post(
            "/signin",
            {"email": w.email, "password": PASSWORD, "csrf_token": token(page)},
        )
        for audit, texts in w.audits.items():
            status, body, _ = reader.get(f"{audit}/export.json")
            data = json.loads(body) if status == 200 else {"rules": []}
            stored = {r["text"] for r in data["rules"]}
            acknowledged += len(texts)
            found += sum(t in stored for t in texts)
            missing += [t for t in texts if t not in stored]
            if audit in w.outcomes:
                acknowledged += 1
                if data.get("outcome") == w.outcomes[audit]:
                    found += 1
                else:
                    missing.append(f"{audit} outcome {w.outcomes[audit]}")
            _, history, _ = reader.get(audit)
            for text in w.comments.get(audit, []):
                acknowledged += 1
                if text in history:
                    found += 1
                else:
                    missing.append(text)
    return acknowledged, found, missing


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=24)
    parser.add_argument("--users", type=int, default=6)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base, process = start_server(Path(tmp))
        try:
            setup_stats = Stats()
            teams = [sign_up(base, setup_stats, n) for n in range(args.users)]
            stats = Stats()
            deadline = time.monotonic() + args.seconds
            workers = [
                Worker(
                    n,
                    base,
                    stats,
                    teams[n % args.users],
                    f"person{n % args.users}@example.org",
                    deadline,
                )
                for n in range(args.clients)
            ]
            started = time.perf_counter()
            for w in workers:
                w.start()
            for w in workers:
                w.join(timeout=args.seconds + 120)
            elapsed = time.perf_counter() - started
            hung = sum(w.is_alive() for w in workers)
            acknowledged, found, missing = verify(base, workers)
        finally:
            process.terminate()
            process.wait(timeout=30)
    total = stats.reads + stats.writes
    ms = sorted(x * 1000 for x in stats.latencies) or [0.0]
    result = {
        "clients": args.clients,
        "people": args.users,
        "seconds": round(elapsed, 1),
        "requests": total,
        "reads": stats.reads,
        "writes": stats.writes,
        "rps": round(total / elapsed, 1),
        "p50_ms": round(statistics.median(ms), 1),
        "p95_ms": round(ms[min(len(ms) - 1, int(0.95 * (len(ms) - 1)))], 1),
        "errors": len(stats.errors),
        "error_samples": stats.errors[:10],
        "client_failures": [w.failure for w in workers if w.failure],
        "hung_clients": hung,
        "acknowledged_writes": acknowledged,
        "found_afterwards": found,
        "missing_samples": missing[:10],
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for key, value in result.items():
            print(f"{key}: {value}")
    ok = (
        not stats.errors
        and not result["client_failures"]
        and not hung
        and found == acknowledged
    )
    raise SystemExit(0 if ok else 1)


if __name__ == "__main__":
    main()
