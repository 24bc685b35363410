# ruff: noqa: F811  (the audit fixture is imported from test_audits)
"""What people type and upload, through the pages: nothing answers 500, nothing is lost.

Each test uses the input that showed the failure in issue 14.
"""

from __future__ import annotations

import codecs
import io
import json
import re
import zipfile

import pytest
from docx import Document
from sqlalchemy import text as sql

from tests.audit.test_exchange import LAUGHS
from tests.conftest import form_values
from tests.web.test_audits import audit, soup, version  # noqa: F401  (fixture)

CONTROL = "Rule\x0bwith soft break\x0c page\x00 nul\x08 bs\x1b esc"


def upload(browser, team, body: bytes, name="audit.yaml"):
    return browser.post(
        f"/teams/{team}/audits/import",
        {"file": (io.BytesIO(body), name)},
        form_page=f"/teams/{team}/audits",
        content_type="multipart/form-data",
        follow_redirects=True,
    )


def test_expanding_yaml_is_refused_and_stores_nothing(app, browser, audit):
    team, _, _ = audit

    def stored():
        with app.extensions["finder.engine"].connect() as conn:
            return conn.execute(
                sql("SELECT count(*), coalesce(sum(length(data)), 0) FROM audits")
            ).one()

    before = stored()
    response = upload(browser, team, LAUGHS.encode())
    assert response.status_code == 200
    assert "anchors and aliases" in response.get_data(as_text=True)
    assert stored() == before  # was: a 72 MB comment, 138 MB more database


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("title: x\nrules: 5\n", "rules: expected a list"),
        (
            "title: x\nrules: [{text: a, answers: [1, 2]}]\n",
            "rules[0].answers: expected a mapping",
        ),
        (
            "title: x\nrules: [{text: a, answers: {q: {reasons: 5}}}]\n",
            "rules[0].answers.q.reasons: expected a list",
        ),
        ("title: x\nmetrics: 5\n", "metrics: expected a list"),
        ("[" * 50_000 + "]" * 50_000, "nested deeper than"),
    ],
)
def test_malformed_imports_answer_with_the_place_not_500(browser, audit, body, message):
    team, _, _ = audit
    response = upload(browser, team, body.encode())
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)


def test_import_ignores_no_rule_cap(browser, audit):
    team, _, _ = audit
    body = json.dumps(
        {"title": "Big", "rules": [{"text": f"r{i}"} for i in range(20_000)]}
    )
    response = upload(browser, team, body.encode(), "big.json")
    assert "an audit holds at most 500" in response.get_data(as_text=True)
    listing = browser.client.get(f"/teams/{team}/audits").get_data(as_text=True)
    assert "Big" not in listing


def _generate(browser, base):
    form = {
        "csrf_token": browser.token(f"{base}/document"),
        "status": "draft",
        **{f"include-{k}": "1" for k in ("vision", "requests", "kept")},
    }
    assert browser.client.post(f"{base}/document", data=form).status_code == 302
    return soup(browser.client.get(f"{base}/document")).select("table.data tbody tr a")[
        0
    ]["href"]


def test_control_characters_typed_into_a_rule_still_download_as_word(browser, audit):
    _, _, base = audit
    browser.post(
        f"{base}/rules/add",
        {
            "text": CONTROL,
            "citation": "§ 1\x0c2",
            "version": version(browser, f"{base}/rules"),
        },
        form_page=f"{base}/rules",
    )
    exported = json.loads(browser.client.get(f"{base}/export.json").data)
    assert exported["rules"][-1]["text"] == "Rule\nwith soft break\n page nul bs esc"
    link = _generate(browser, base)
    for fmt in ("docx", "md", "html"):
        assert browser.client.get(link.replace(".docx", f".{fmt}")).status_code == 200


def test_versions_stored_before_the_fix_still_download(app, browser, audit):
    _, _, base = audit
    link = _generate(browser, base)
    engine = app.extensions["finder.engine"]
    with engine.begin() as conn:
        stored = json.loads(
            conn.execute(sql("SELECT outline FROM document_versions")).scalar()
        )
        stored["title"] += "\x0bsoft\x00"
        stored["vision"] = "one\r\ntwo\x1b"
        conn.execute(
            sql("UPDATE document_versions SET outline = :o"), {"o": json.dumps(stored)}
        )
    docx = browser.client.get(link)
    assert docx.status_code == 200  # was 500: "All strings must be XML compatible"
    xml = zipfile.ZipFile(io.BytesIO(docx.data)).read("word/document.xml").decode()
    assert "\x00" not in xml
    texts = [p.text for p in Document(io.BytesIO(docx.data)).paragraphs]
    assert "one\ntwo" in texts  # CRLF: one break, not two


def test_textarea_crlf_is_stored_as_lf(browser, audit):
    team, audit_id, base = audit
    page = soup(browser.client.get(f"{base}/setup"))
    response = browser.post(
        f"{base}/setup",
        {
            "title": "Four-day week",
            "state": "TX",
            "innovation": "Line one\r\nLine two\r\n\r\nNew paragraph",
            "outcome": "e\u0301cole",
            "version": page.find("input", attrs={"name": "version"})["value"],
        },
    )
    assert response.status_code == 302
    exported = json.loads(browser.client.get(f"{base}/export.json").data)
    assert exported["innovation"] == "Line one\nLine two\n\nNew paragraph"
    assert exported["outcome"] == "\u00e9cole"


def test_csv_export_guards_formulas_after_whitespace(browser, audit):
    _, _, base = audit
    for n, citation in enumerate((" =1+2", "\t=1+2", "  @SUM(A1)")):
        browser.post(
            f"{base}/rules/add",
            {
                "text": f"Rule {n}",
                "citation": citation,
                "version": version(browser, f"{base}/rules"),
            },
            form_page=f"{base}/rules",
        )
    body = browser.client.get(f"{base}/export.csv").get_data(as_text=True)
    assert "' =1+2" in body
    assert "'\t=1+2" in body
    assert "'  @SUM(A1)" in body


def _import(browser, base, data: bytes, name: str):
    return browser.post(
        f"{base}/rules/import",
        {
            "file": (io.BytesIO(data), name),
            "version": version(browser, f"{base}/rules"),
        },
        form_page=f"{base}/rules",
        content_type="multipart/form-data",
    )


def _texts(browser, base):
    return [
        r["text"]
        for r in json.loads(browser.client.get(f"{base}/export.json").data)["rules"]
    ]


def test_spreadsheet_import_previews_what_was_not_understood_before_saving(
    browser, audit
):
    _, _, base = audit
    before = _texts(browser, base)
    data = "Rule;Where it comes from;Policy area\r\n“Start date”;State statute;Staffing\r\nBus times;rumour;lunch\r\n"
    preview = _import(
        browser, base, codecs.BOM_UTF16_LE + data.encode("utf-16-le"), "rules.csv"
    )
    assert preview.status_code == 200
    page = soup(preview)
    rows = page.select("table.import-preview tbody tr")
    assert [
        r.find_all("td")[2].select_one("option[selected]").get_text() for r in rows
    ] == [
        "State statute",
        "Unknown",
    ]
    assert "“rumour” is not a source we know" in rows[1].get_text()
    assert _texts(browser, base) == before  # nothing saved yet
    confirm = form_values(page)
    response = browser.client.post(f"{base}/rules/import/confirm", data=confirm)
    assert response.status_code == 302
    assert _texts(browser, base) == [*before, "“Start date”", "Bus times"]
    exported = json.loads(browser.client.get(f"{base}/export.json").data)["rules"]
    assert (exported[-2]["source_level"], exported[-2]["policy_area"]) == (
        "state_statute",
        "staffing",
    )


def test_real_xlsx_and_broken_files_through_the_page(browser, audit):
    from openpyxl import Workbook

    _, _, base = audit
    book = Workbook()
    book.active.append(["The rule", "Citation"])
    book.active.append(["Seat time", "§ 28.0214"])
    out = io.BytesIO()
    book.save(out)
    preview = _import(browser, base, out.getvalue(), "rules.xlsx")
    assert "Seat time" in preview.get_data(as_text=True)
    refused = _import(browser, base, b"not a workbook", "rules.xlsx")
    assert refused.status_code == 302
    page = browser.client.get(refused.headers["Location"]).get_data(as_text=True)
    assert "not an Excel workbook" in page
    oversize = "text\r\nok\r\n" + "x" * 140_000 + "\r\n"
    preview = _import(browser, base, oversize.encode(), "big.csv")
    assert preview.status_code == 200
    assert "Row 3: a cell is longer than 131,072 characters" in preview.get_data(
        as_text=True
    )


def test_tampered_confirmation_is_checked_again(browser, audit):
    _, _, base = audit
    before = _texts(browser, base)
    token = browser.token(f"{base}/rules")
    for rows in ("[" * 50_000, '{"a": 1}', "[]"):
        response = browser.client.post(
            f"{base}/rules/import/confirm",
            data={
                "csrf_token": token,
                "rows": rows,
                "version": version(browser, f"{base}/rules"),
            },
        )
        assert response.status_code == 302
    assert _texts(browser, base) == before


def test_paste_with_something_unclear_is_previewed(browser, audit):
    _, _, base = audit
    response = browser.post(
        f"{base}/rules/paste",
        {
            "lines": "Rule\tSource\r\nStart date\tHearsay\r\n",
            "version": version(browser, f"{base}/rules"),
        },
        form_page=f"{base}/rules",
    )
    assert response.status_code == 200
    assert "“Hearsay” is not a source we know" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "number", ["99999999999999999999", "9223372036854775808", "2147483648", "0"]
)
def test_an_id_no_row_can_have_is_404_on_every_route(app, browser, number):
    """Every route with a numeric id, signed in or not: a number no database row can
    have (beyond PostgreSQL's integer, beyond 64 bits, or 0) matches no route, never
    a 500 from a query that overflows."""
    from werkzeug.routing import IntegerConverter

    browser.signup()
    routes = [
        r
        for r in app.url_map.iter_rules()
        if any(isinstance(c, IntegerConverter) for c in r._converters.values())
    ]
    assert len(routes) >= 20
    for rule in routes:
        path = str(rule.rule)
        for name, converter in rule._converters.items():
            is_id = isinstance(converter, IntegerConverter)
            path = re.sub(rf"<(?:\w+:)?{name}>", number if is_id else "x", path)
        for client in (browser.client, app.test_client()):
            method = "GET" if "GET" in rule.methods else "POST"
            status = client.open(path, method=method).status_code
            # 405 where the same address has a route for another method
            assert status in (404, 405), (path, method, status)
