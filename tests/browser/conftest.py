"""Browser fixtures: the app on a loopback port, Debian's Chromium through Playwright, axe-core."""

from __future__ import annotations

import threading
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

from finder import create_app
from finder.config import shipped_catalog_dir
from finder.store.migrate import upgrade

CHROMIUM = "/usr/bin/chromium"
AXE = Path(__file__).parents[2] / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def browsed_app(folder: Path, **settings):
    """The real app (shipped catalog, a fresh SQLite database in ``folder``)."""
    url = f"sqlite:///{folder / 'live.sqlite3'}"
    upgrade(url)
    return create_app(
        {
            "SECRET_KEY": "browser-tests",
            "DATABASE_URL": url,
            "INDEX_DIR": str(folder / "index"),
            "CATALOG_DIRS": [str(shipped_catalog_dir())],
            "CATALOG_REPLACE": True,
            **settings,
        }
    )


@contextmanager
def serving(app):
    """The app served on 127.0.0.1 in a thread; yields its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        app.extensions["finder.engine"].dispose()


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    """The real app served for the journeys.

    Every journey signs up its own people from 127.0.0.1, more than the per-address
    sign-up limit allows in an hour; the limit itself is tested in tests/store.
    """
    app = browsed_app(tmp_path_factory.mktemp("live"), SIGNUPS_PER_HOUR=10_000)
    with serving(app) as url:
        yield url


@pytest.fixture(scope="session")
def chromium():
    assert Path(CHROMIUM).exists(), (
        "Debian's chromium is required: apt-get install chromium"
    )
    assert AXE.exists(), "axe-core is required: npm install (see package.json)"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(params=[DESKTOP, PHONE], ids=["desktop", "phone"])
def page(request, chromium, live_server):
    context = chromium.new_context(
        viewport=request.param, base_url=live_server, bypass_csp=True
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def desktop(chromium, live_server):
    context = chromium.new_context(
        viewport=DESKTOP, base_url=live_server, bypass_csp=True
    )  # to inject axe
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def axe_violations(page, impacts=("serious", "critical")) -> list[dict]:
    """Run axe-core (WCAG 2.1 A/AA rules) on the page; return the serious and critical findings."""
    page.wait_for_load_state()  # the page a click led to, not the one it left
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async () => await axe.run(document, {runOnly: {type: 'tag',
             values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"""
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in result["violations"]
        if v["impact"] in impacts
    ]


def sign_up(
    page, email: str, name: str = "Test Person", password: str = "correct horse battery"
) -> None:
    page.goto("/signup")
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Email").fill(email)
    page.get_by_label("District or organization").fill("Example ISD")
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_label("Repeat the password").fill(password)
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url("**/teams")


def team_with_audit(page, tmp_path, email: str, name: str, audit: dict) -> None:
    """Sign up, create the team "Mesa ISD" and import ``audit`` (an audit's JSON) into it;
    the page is left on the new audit."""
    import json

    sign_up(page, email, name)
    page.get_by_label("Team name").fill("Mesa ISD")
    page.get_by_role("button", name="Create team").click()
    page.get_by_role("link", name="Policy audits").click()
    upload = tmp_path / "audit.json"
    upload.write_text(json.dumps(audit))
    page.get_by_label("Audit file (YAML or JSON)").set_input_files(str(upload))
    page.get_by_role("button", name="Import as a new audit").click()


def sideways(page) -> int:
    """How far the page scrolls sideways, in CSS pixels (0 when it fits its window:
    wide tables scroll inside their own box)."""
    page.wait_for_load_state()
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def new_email(who: str) -> str:
    """An address no other journey uses: journeys share one live server per worker, and
    two files counting their people from 1 once signed up the same address twice."""
    return f"{who}-{uuid.uuid4().hex[:10]}@example.org"
