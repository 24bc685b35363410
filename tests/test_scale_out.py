"""Two app servers on loopback against one PostgreSQL: no lost update, each with its own index.

Runs in the PostgreSQL phase of `make test` (marker `postgres`), where FINDER_TEST_DATABASE_URL
names the throwaway server that scripts/pg-start.sh started.
"""

from __future__ import annotations

import http.cookiejar
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import PG_URL, form_values

pytestmark = pytest.mark.postgres
ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Client:
    """A browser-like HTTP client with cookies that reads CSRF tokens from forms."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect()
        )

    def get(self, url: str):
        try:
            with self.opener.open(url, timeout=20) as r:
                return r.status, r.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode()

    def post(self, url: str, data: dict):
        body = urllib.parse.urlencode(data, doseq=True).encode()
        try:
            with self.opener.open(url, data=body, timeout=20) as r:
                return r.status, r.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode()

    def form(self, url: str) -> dict:
        """The values of the first form with a version field on a page, as shown."""
        _, html = self.get(url)
        return form_values(BeautifulSoup(html, "html.parser"))

    def token(self, url: str) -> str:
        _, html = self.get(url)
        return BeautifulSoup(html, "html.parser").find(
            "input", attrs={"name": "csrf_token"}
        )["value"]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None

    def http_error_302(self, req, fp, code, msg, headers):
        return fp


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    assert PG_URL, "this test runs in the PostgreSQL phase (make test-postgres)"
    from finder.store.migrate import upgrade

    upgrade(PG_URL)
    started = []
    for name in ("a", "b"):
        folder = tmp_path_factory.mktemp(f"server-{name}")
        port = free_port()
        env = {
            **os.environ,
            "DATABASE_URL": PG_URL,
            "SECRET_KEY": "shared-secret-behind-the-load-balancer",
            "FINDER_INSTANCE_DIR": str(folder),
            "FINDER_INDEX_DIR": str(folder / "index"),
        }
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--workers",
                "1",
                "--threads",
                "4",
                "--bind",
                f"127.0.0.1:{port}",
                "finder:create_app()",
            ],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        started.append((f"http://127.0.0.1:{port}", folder, process))
    for base, _, process in started:
        for _ in range(150):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1).read()
                break
            except OSError:
                assert process.poll() is None, process.stderr.read().decode()[-2000:]
                time.sleep(0.2)
    yield started
    for _, _, process in started:
        process.terminate()
        process.wait(timeout=15)
        process.stderr.close()


def test_both_servers_search_from_their_own_index(servers):
    for base, folder, _ in servers:
        status, body = Client().get(base + "/api/v1/flexibilities?q=KRS+156.108")
        assert status == 200
        assert "ky-districts-of-innovation" in body
        assert any((folder / "index").iterdir())  # built by this server, not shared


def test_concurrent_edits_through_both_servers_lose_nothing(servers):
    (a, _, _), (b, _, _) = servers
    owner = Client()
    password = "correct horse battery"
    status, _ = owner.post(
        a + "/signup",
        {
            "csrf_token": owner.token(a + "/signup"),
            "name": "Olga",
            "email": "olga@example.org",
            "district": "",
            "password": password,
            "confirm": password,
        },
    )
    assert status == 302
    status, _ = owner.post(
        a + "/teams", {"csrf_token": owner.token(a + "/teams"), "name": "Scale ISD"}
    )
    assert status == 302
    _, teams_page = owner.get(a + "/teams")
    team_path = BeautifulSoup(teams_page, "html.parser").select_one("tbody th a")[
        "href"
    ]
    status, _ = owner.post(
        a + team_path + "/audits/new",
        {
            "csrf_token": owner.token(a + team_path + "/audits/new"),
            "title": "Shared audit",
            "state": "TX",
        },
    )
    assert status == 302
    _, index = owner.get(a + team_path + "/audits")
    audit_path = BeautifulSoup(index, "html.parser").select_one("tbody th a")["href"]
    rules = owner.form(a + audit_path + "/rules")
    rules.update(
        {
            "text": ["Uniform school start date"],
            "source_level": ["state_statute"],
            "policy_area": ["calendar"],
        }
    )
    assert owner.post(a + audit_path + "/rules/add", rules)[0] == 302
    _, rules_page = owner.get(
        b + audit_path + "/rules"
    )  # the same session works on server B
    rule_path = BeautifulSoup(rules_page, "html.parser").select_one("table.rules th a")[
        "href"
    ]

    # Two people open the same rule, one through each server, and both save at once.
    first, second = Client(), Client()
    first.jar, second.jar = owner.jar, owner.jar
    form_a, form_b = owner.form(a + rule_path), owner.form(b + rule_path)
    form_a.update(
        {"decision": ["unnecessary_control"], "rationale": ["Saved through server A"]}
    )
    form_b.update(
        {
            "decision": ["essential_oversight"],
            "override_reason": ["Saved through server B"],
        }
    )
    results: dict[str, tuple[int, str]] = {}
    barrier = threading.Barrier(2)

    def save(name, base, form):
        barrier.wait()
        results[name] = owner.post(base + rule_path, form)

    threads = [
        threading.Thread(target=save, args=args)
        for args in (("a", a, form_a), ("b", b, form_b))
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    statuses = sorted(status for status, _ in results.values())
    assert statuses == [302, 409], statuses
    loser = next(body for status, body in results.values() if status == 409)
    assert "Someone else saved this audit first" in loser
    winner = next(name for name, (status, _) in results.items() if status == 302)
    _, summary = owner.get(b + audit_path + "/history")
    assert summary.count("Saved through server") <= 1
    expected = "Unnecessary control" if winner == "a" else "Essential oversight"
    _, page = owner.get(a + rule_path)
    assert 'Recorded decision: <span class="badge decision-' in page
    assert expected in page
