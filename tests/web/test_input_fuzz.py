"""Arbitrary Unicode and arbitrary structures through every import and into every renderer.

Control characters, lone surrogates and surrogate escapes (sent as the invalid UTF-8 bytes a
browser or a spreadsheet would send) go through the rule form, the paste box, the CSV and
audit imports, then into a generated document downloaded as HTML, Markdown and Word:
no request may answer 500, and what was accepted must come back as cleaned.
"""

from __future__ import annotations

import io
import json
import re
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from finder import create_app
from finder.audit.words import same_text_key
from finder.text import clean_text
from tests.conftest import TEST_CATALOG, Browser

ANY = st.text(alphabet=st.characters(exclude_categories=()), max_size=60)
NASTY = st.sampled_from(
    [
        "\x00",
        "\x0b",
        "\x0c",
        "\x1b",
        "\r\n",
        "\r",
        "\ud800",
        "\udce9",
        "\ufffe",
        "e\u0301",
        "=1+2",
        "<b>",
        "&#0;",
    ]
)
TEXT = st.lists(st.one_of(ANY, NASTY), max_size=6).map("".join)
JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | TEXT,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(
                [
                    "title",
                    "rules",
                    "text",
                    "answers",
                    "reasons",
                    "metrics",
                    "area",
                    "metric",
                    "x",
                ]
            ),
            inner,
            max_size=4,
        )
    ),
    max_leaves=20,
)
SLOW = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def wire(value: str) -> bytes:
    """What reaches the server: lone surrogates become invalid UTF-8 bytes."""
    return value.encode("utf-8", "surrogatepass")


def received(value: str) -> str:
    """What the server decodes from those bytes: Werkzeug keeps invalid ones %-quoted."""
    import werkzeug.urls  # noqa: F401  (registers the "werkzeug.url_quote" handler)

    return wire(value).decode("utf-8", "werkzeug.url_quote")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from finder.store.migrate import upgrade

    url = f"sqlite:///{tmp_path_factory.mktemp('input-fuzz') / 'f.sqlite3'}"
    upgrade(url)
    app = create_app(
        {
            "TESTING": True,
            "CATALOG_DIRS": [str(TEST_CATALOG)],
            "CATALOG_REPLACE": True,
            "INDEX_DIR": str(tmp_path_factory.mktemp("input-fuzz-index")),
            "SECRET_KEY": "fuzz",
            "DATABASE_URL": url,
        }
    )
    browser = Browser(app.test_client())
    browser.signup()
    team = browser.create_team()
    token = browser.token(f"/teams/{team}/audits")
    yield browser, team, token
    app.extensions["finder.engine"].dispose()


def post_bytes(browser, url: str, fields: dict[str, str]):
    body = urlencode({k: wire(v) for k, v in fields.items()}).encode("ascii")
    return browser.client.post(
        url, data=body, content_type="application/x-www-form-urlencoded"
    )


def new_audit(browser, team, token) -> str:
    response = browser.client.post(
        f"/teams/{team}/audits/new",
        data={"csrf_token": token, "title": "Fuzz", "state": "TX"},
    )
    assert response.status_code == 302
    base = re.search(r"(/teams/\d+/audits/\d+)", response.headers["Location"]).group(1)
    return base


def exported(browser, base) -> dict:
    response = browser.client.get(f"{base}/export.json")
    assert response.status_code == 200
    return json.loads(response.data)


def current_version(browser, base) -> str:
    from bs4 import BeautifulSoup

    page = BeautifulSoup(browser.client.get(f"{base}/rules").data, "html.parser")
    return page.find("input", attrs={"name": "version"})["value"]


def download_everything(browser, base, token):
    form = {
        "csrf_token": token,
        "status": "draft",
        **{
            f"include-{k}": "1"
            for k in (
                "vision",
                "requests",
                "kept",
                "not_binding",
                "evaluation",
                "timeline",
            )
        },
    }
    assert browser.client.post(f"{base}/document", data=form).status_code == 302
    page = browser.client.get(f"{base}/document").get_data(as_text=True)
    link = re.search(r'href="([^"]+/document/\d+)\.docx"', page).group(1)
    for fmt in ("docx", "md", "html"):
        assert browser.client.get(f"{link}.{fmt}").status_code == 200, fmt
    assert browser.client.get(f"{base}/document/preview").status_code == 200
    for fmt in ("json", "yaml", "csv"):
        assert browser.client.get(f"{base}/export.{fmt}").status_code == 200


@SLOW
@given(rule=TEXT, citation=TEXT, setup=TEXT, rationale=TEXT)
def test_typed_text_is_stored_cleaned_and_renders_everywhere(
    site, rule, citation, setup, rationale
):
    browser, team, token = site
    base = new_audit(browser, team, token)
    fields = {
        "csrf_token": token,
        "text": rule,
        "citation": citation,
        "source_level": "state_statute",
        "policy_area": "calendar",
        "version": current_version(browser, base),
    }
    response = post_bytes(browser, f"{base}/rules/add", fields)
    assert response.status_code == 302
    rules = exported(browser, base)["rules"]
    expected = clean_text(received(rule)).strip()
    if (
        expected
        and len(expected) <= 2000
        and len(clean_text(received(citation))) <= 300
    ):
        assert rules[-1]["text"] == expected
        assert rules[-1]["citation"] == clean_text(received(citation))
        uid = rules[-1]["uid"]
        review = {
            "csrf_token": token,
            "text": rule or "x",
            "source_level": "state_statute",
            "policy_area": "calendar",
            "rationale": rationale,
            "decision": "unnecessary_control",
            "override_reason": rationale or "because",
            "version": current_version(browser, base),
        }
        assert post_bytes(browser, f"{base}/rules/{uid}", review).status_code in (
            302,
            400,
        )
    setup_fields = {
        "csrf_token": token,
        "title": "Fuzz",
        "state": "TX",
        "innovation": setup,
        "outcome": setup,
        "version": current_version(browser, base),
    }
    assert post_bytes(browser, f"{base}/setup", setup_fields).status_code == 302
    assert exported(browser, base)["innovation"] == clean_text(received(setup))
    download_everything(browser, base, token)


@SLOW
@given(
    lines=TEXT,
    cells=st.lists(st.lists(TEXT, min_size=1, max_size=4), max_size=5),
    encoding=st.sampled_from(["utf-8", "utf-16", "cp1252"]),
    delimiter=st.sampled_from([",", ";", "\t"]),
)
# CI once found "0" and "0:": the same rule written twice, imported once
@example(lines="", cells=[["0"], ["0:"]], encoding="utf-8", delimiter=",")
def test_pastes_and_tables_preview_and_confirm_without_500(
    site, lines, cells, encoding, delimiter
):
    import csv

    browser, team, token = site
    base = new_audit(browser, team, token)
    paste = post_bytes(
        browser,
        f"{base}/rules/paste",
        {
            "csrf_token": token,
            "lines": lines,
            "version": current_version(browser, base),
        },
    )
    assert paste.status_code in (200, 302)
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows(
        [["text", "source_level", "citation"], *cells]
    )
    data = out.getvalue().encode(encoding, errors="replace")
    preview = browser.client.post(
        f"{base}/rules/import",
        data={
            "csrf_token": token,
            "version": current_version(browser, base),
            "file": (io.BytesIO(data), "rules.csv"),
        },
        content_type="multipart/form-data",
    )
    assert preview.status_code in (200, 302)
    if preview.status_code == 200:
        from bs4 import BeautifulSoup

        page = BeautifulSoup(preview.data, "html.parser")
        rows = page.find("input", attrs={"name": "rows"})
        if rows is not None:
            shown = json.loads(rows["value"])
            confirm = browser.client.post(
                f"{base}/rules/import/confirm",
                data={
                    "csrf_token": token,
                    "rows": rows["value"],
                    "what": "imported from a file",
                    "version": current_version(browser, base),
                },
            )
            assert confirm.status_code in (302, 409)
            if confirm.status_code == 302 and shown:
                held = {
                    (same_text_key(r["text"]), same_text_key(r.get("citation")))
                    for r in exported(browser, base)["rules"]
                }
                # every row shown is in the audit; a repeat of a rule it holds (same
                # words and citation, "0" and "0:" alike) is there once
                assert {
                    (same_text_key(r["text"]), same_text_key(r.get("citation")))
                    for r in shown
                } <= held
    download_everything(browser, base, token)


@SLOW
@given(structure=JSONISH, as_yaml=st.booleans())
def test_any_audit_file_is_imported_or_refused_never_500(site, structure, as_yaml):
    import yaml

    browser, team, token = site
    if isinstance(structure, dict):
        structure.setdefault("title", "Imported")
    text = (
        yaml.safe_dump(structure, allow_unicode=True)
        if as_yaml
        else json.dumps(structure)
    )
    response = browser.client.post(
        f"/teams/{team}/audits/import",
        data={
            "csrf_token": token,
            "file": (io.BytesIO(wire(text)), "audit.yaml" if as_yaml else "audit.json"),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    target = response.headers["Location"]
    if re.search(r"/audits/\d+$", target):  # accepted: it renders and downloads too
        base = re.search(r"(/teams/\d+/audits/\d+)", target).group(1)
        assert browser.client.get(target).status_code == 200
        title = structure["title"]
        if isinstance(title, str):
            assert exported(browser, base)["title"] == clean_text(title)[:10_000]
        download_everything(browser, base, token)
