# ruff: noqa: F811  (the audit fixture is imported from test_audits)
"""Rules found in a district's own documents, through the pages (issue 16): preview,
choose, save with provenance; bad documents get a message and save nothing."""

from __future__ import annotations

import io
import json

import pytest

from tests.audit import document_samples as samples
from tests.conftest import form_values
from tests.web.test_audits import audit, soup, version  # noqa: F401  (fixture)


def _upload(browser, base, data: bytes, name: str, follow=False):
    return browser.post(
        f"{base}/rules/document",
        {
            "document": (io.BytesIO(data), name),
            "version": version(browser, f"{base}/rules"),
        },
        form_page=f"{base}/rules",
        content_type="multipart/form-data",
        follow_redirects=follow,
    )


def _post_large(browser, url: str, data: dict, form_page: str | None = None):
    """POST a body past 500 kB, closing the temporary file the test client spools it to."""
    from flask.testing import EnvironBuilder

    if form_page:
        data = {"csrf_token": browser.token(form_page), **data}
    builder = EnvironBuilder(
        browser.client.application,
        url,
        method="POST",
        data=data,
        content_type="multipart/form-data",
    )
    environ = builder.get_environ()  # the body, spooled to a file past 500 kB
    try:
        return browser.client.open(environ)
    finally:
        environ["wsgi.input"].close()
        builder.close()


def _rules(browser, base):
    return json.loads(browser.client.get(f"{base}/export.json").data)["rules"]


def test_rules_page_offers_the_document_import(browser, audit):
    _, _, base = audit
    page = soup(browser.client.get(f"{base}/rules"))
    form = page.find("form", action=f"{base}/rules/document")
    assert form["enctype"] == "multipart/form-data"
    assert form.find("input", attrs={"name": "csrf_token"}) is not None


def test_upload_preview_choose_and_provenance(browser, audit):
    _, _, base = audit
    before = _rules(browser, base)
    preview = _upload(browser, base, samples.plan_docx(), "Local Innovation Plan.docx")
    assert preview.status_code == 200
    page = soup(preview)
    rows = page.select("table.document-preview tbody tr")
    assert len(rows) == 3
    assert (
        rows[0].select_one("input[name=citation-0]")["value"]
        == "Tex. Educ. Code § 25.0811"
    )
    assert (
        rows[0].select_one("select[name=source_level-0] option[selected]")["value"]
        == "state_statute"
    )
    assert "table 1, row 2" in rows[0].get_text()
    assert _rules(browser, base) == before  # nothing saved by the preview

    values = form_values(page)
    assert values["include-0"] == ["1"]
    values.pop("include-1")  # the team leaves the certification row out
    values["text-0"] = ["School may not start before the fourth Monday in August"]
    response = browser.client.post(f"{base}/rules/document/confirm", data=values)
    assert response.status_code == 302
    added = _rules(browser, base)[len(before) :]
    assert [r["text"] for r in added] == [
        "School may not start before the fourth Monday in August",
        samples.PLAN_ROWS[3][1],
    ]
    assert added[0]["source_document"] == "Local Innovation Plan.docx"
    assert added[0]["source_place"] == "table 1, row 2"
    assert "fourth Monday in August" in added[0]["original_text"]
    assert added[0]["citation"] == "Tex. Educ. Code § 25.0811"

    rule_page = soup(browser.client.get(f"{base}/rules/{added[0]['uid']}"))
    provenance = rule_page.select_one("details.provenance")
    assert (
        "Imported from Local Innovation Plan.docx, table 1, row 2"
        in provenance.get_text()
    )
    assert "First day of instruction" in provenance.select_one("blockquote").get_text()


def test_a_second_upload_marks_rules_already_added(browser, audit):
    _, _, base = audit
    page = soup(_upload(browser, base, samples.plan_docx(), "plan.docx"))
    browser.client.post(f"{base}/rules/document/confirm", data=form_values(page))
    again = soup(_upload(browser, base, samples.plan_docx(), "plan.docx"))
    rows = again.select("table.document-preview tbody tr")
    assert all("duplicate" in r.get("class", []) for r in rows)
    assert not any(
        r.select_one("input[type=checkbox]").has_attr("checked") for r in rows
    )
    assert "3 are already in this audit" in again.get_text()


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (samples.scanned_pdf(), "scan.pdf", "probably a scan"),
        (samples.encrypted_pdf(), "locked.pdf", "encrypted"),
        (b"not a zip at all", "manual.docx", "not a Word (.docx) file"),
        (b"<html><body></body></html>", "page.html", "No headings"),
        (b"\xff\xfe\x00\x00 junk", "notes.txt", "No rules were recognised"),
    ],
)
def test_bad_documents_get_a_message_and_save_nothing(
    browser, audit, data, name, message
):
    _, _, base = audit
    before = _rules(browser, base)
    response = _upload(browser, base, data, name, follow=True)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert _rules(browser, base) == before


def test_wrong_kind_of_file_is_refused_by_the_form(browser, audit):
    _, _, base = audit
    response = _upload(browser, base, b"MZ\x90\x00", "setup.exe", follow=True)
    assert response.status_code == 200
    assert "Choose a .pdf, .docx, .html or .txt" in response.get_data(as_text=True)


def test_tampered_or_stale_confirmation_adds_nothing(browser, audit):
    _, _, base = audit
    before = _rules(browser, base)
    page = soup(_upload(browser, base, samples.plan_docx(), "plan.docx"))
    values = form_values(page)
    values["rows"] = ["{not json"]
    response = browser.client.post(
        f"{base}/rules/document/confirm", data=values, follow_redirects=True
    )
    assert response.status_code == 200
    assert _rules(browser, base) == before


def test_document_names_are_escaped(browser, audit):
    _, _, base = audit
    name = "<img src=x onerror=alert(1)>.txt"
    response = _upload(browser, base, samples.plan_text(), name)
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<img src=x" not in body
    assert "&lt;img src=x" in body


def test_provenance_survives_the_audits_own_csv_export_and_reimport(browser, audit):
    team, _, first = audit
    page = soup(_upload(browser, first, samples.plan_docx(), "plan.docx"))
    browser.client.post(f"{first}/rules/document/confirm", data=form_values(page))
    exported = browser.client.get(f"{first}/export.csv").get_data()
    assert b"source_document,source_place" in exported.splitlines()[0]
    assert b'plan.docx,"table 1, row 2"' in exported
    # into the team's next audit (the same audit would keep them once: no repeats)
    created = browser.post(
        f"/teams/{team}/audits/new", {"title": "Next year", "state": "TX"}
    )
    base = created.headers["Location"].rsplit("/", 1)[0]
    before = len(_rules(browser, base))
    preview = browser.post(
        f"{base}/rules/import",
        {
            "file": (io.BytesIO(exported), "last audit.csv"),
            "version": version(browser, f"{base}/rules"),
        },
        form_page=f"{base}/rules",
        content_type="multipart/form-data",
    )
    values = form_values(soup(preview))
    assert (
        browser.client.post(f"{base}/rules/import/confirm", data=values).status_code
        == 302
    )
    again = _rules(browser, base)[before:]
    row2 = next(r for r in again if r["citation"] == "Tex. Educ. Code § 25.0811")
    assert (row2["source_document"], row2["source_place"]) == (
        "plan.docx",
        "table 1, row 2",
    )


def test_the_preview_of_a_long_manual_can_be_sent_back(browser, audit):
    """480 passages of ~1,350 characters (654 KB): the preview once posted back more
    than the request limit (413, every correction lost)."""
    _, _, base = audit
    para = (
        "Students shall attend school every day that it is in session; the principal "
        "may excuse an absence for a documented reason, " * 11
    )
    data = "".join(f"{n % 999 + 1}. {para}{n}\n" for n in range(480)).encode()
    preview = _post_large(
        browser,
        f"{base}/rules/document",
        {
            "document": (io.BytesIO(data), "manual.txt"),
            "version": version(browser, f"{base}/rules"),
        },
        form_page=f"{base}/rules",
    )
    assert preview.status_code == 200
    page = soup(preview)
    assert (
        page.find("form", class_="import-confirm")["enctype"] == "multipart/form-data"
    )
    values = form_values(page)
    before = len(_rules(browser, base))
    response = _post_large(browser, f"{base}/rules/document/confirm", values)
    assert response.status_code == 302
    assert len(_rules(browser, base)) == before + 480


def test_a_long_file_name_keeps_its_ending_for_the_kind(browser, audit):
    _, _, base = audit
    page = b"<ul><li>1. Students must attend 180 days of school each year.</li></ul>"
    preview = soup(_upload(browser, base, page, "x" * 300 + ".html"))
    assert preview.select_one("textarea[name=text-0]").get_text().strip() == (
        "Students must attend 180 days of school each year."
    )


def test_a_tampered_payload_with_wrong_types_is_not_a_500(browser, audit):
    _, _, base = audit
    values = form_values(soup(_upload(browser, base, samples.plan_docx(), "plan.docx")))
    values = {k: v for k, v in values.items() if k in ("csrf_token", "version", "what")}
    values["rows"] = [json.dumps([{"source_level": [], "policy_area": {"a": 1}}])]
    values["include-0"] = ["1"]
    values["text-0"] = ["Students must attend 180 days."]
    response = browser.client.post(f"{base}/rules/document/confirm", data=values)
    assert response.status_code == 302
    assert _rules(browser, base)[-1]["source_level"] == "unknown"
    # the spreadsheet import's confirmation reads the same kind of payload
    values["version"] = [version(browser, f"{base}/rules")]
    del values["text-0"], values["include-0"]
    values["rows"] = [
        json.dumps([{"text": "Bus times", "source_level": [], "policy_area": {}}])
    ]
    response = browser.client.post(f"{base}/rules/import/confirm", data=values)
    assert response.status_code == 302
    assert _rules(browser, base)[-1]["text"] == "Bus times"
