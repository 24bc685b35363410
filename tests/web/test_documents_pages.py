"""Evaluation plan and document pages: save metrics, generate versions, download each format."""

from __future__ import annotations

import io
import re

from bs4 import BeautifulSoup
from docx import Document

from tests.web.test_audits import audit, form_values, soup, version  # noqa: F401  (fixture)


def test_evaluation_plan_with_template_suggestions(browser, audit):  # noqa: F811
    _, _, base = audit
    page = soup(browser.client.get(f"{base}/evaluation?suggest=1"))
    values = form_values(page)
    suggested = [
        v for k, v in values.items() if re.match(r"metrics-\d+-metric", k) and v[0]
    ]
    assert len(suggested) >= 3  # the four-day-week template's metrics
    values["metrics-0-baseline"] = ["81%"]
    values["timeline-0-when"], values["timeline-0-what"] = (
        ["January"],
        ["Public hearing"],
    )
    assert browser.client.post(f"{base}/evaluation", data=values).status_code == 302
    page = soup(browser.client.get(f"{base}/evaluation"))
    assert page.find("input", attrs={"name": "metrics-0-baseline"})["value"] == "81%"
    assert (
        page.find("input", attrs={"name": "timeline-0-what"})["value"]
        == "Public hearing"
    )


def test_generate_versions_and_download_every_format(browser, audit):  # noqa: F811
    _, _, base = audit
    page = browser.client.get(f"{base}/document")
    assert b"to resolve" in page.data
    token = browser.token(f"{base}/document")
    form = {
        "csrf_token": token,
        "status": "draft",
        "include-requests": "1",
        "order-requests": "2",
        "include-vision": "1",
        "order-vision": "1",
    }
    assert browser.client.post(f"{base}/document", data=form).status_code == 302
    form["status"] = "final"
    refused = browser.client.post(f"{base}/document", data=form, follow_redirects=True)
    # blanks are left: a final version would contradict its own "To resolve" list
    assert "Not saved as final" in refused.get_data(as_text=True)
    assert "still to complete" in refused.get_data(as_text=True)
    form["status"] = "draft"
    browser.client.post(f"{base}/document", data=form)
    rows = soup(browser.client.get(f"{base}/document")).select("table.data tbody tr")
    assert len(rows) == 2  # both drafts are kept
    link = rows[-1].find("a")["href"]
    docx = browser.client.get(link)
    assert (
        docx.mimetype
        == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert re.fullmatch(
        r'attachment; filename="four-day-week-v\d+\.docx"',
        docx.headers["Content-Disposition"],
    )
    headings = [
        p.text
        for p in Document(io.BytesIO(docx.data)).paragraphs
        if p.style.name == "Heading 1"
    ]
    assert headings[-2:] == ["Vision and why this design", "Requested flexibilities"]
    html = browser.client.get(link.replace(".docx", ".html"))
    assert html.mimetype == "text/html"
    assert (
        BeautifulSoup(html.data, "html.parser")
        .find("h1")
        .get_text()
        .startswith("Required flexibilities")
    )
    md = browser.client.get(link.replace(".docx", ".md"))
    assert md.mimetype == "text/markdown"
    assert md.data.startswith(b"# Required flexibilities")
    view = browser.client.get(link.replace(".docx", ".html") + "?view=1")
    assert "'unsafe-inline'" in view.headers["Content-Security-Policy"]
    assert "script-src 'self'" in view.headers["Content-Security-Policy"]
    preview = browser.client.get(f"{base}/document/preview")
    assert b"To resolve before submitting" in preview.data


def test_download_names_keep_the_titles_words_and_numbers(browser, audit):  # noqa: F811
    """The title, then the version number; the version's date is on its cover."""
    team, audit_id, base = audit
    title = "Four-day week: Friday internships, 2027-28"
    settings = browser.client.get(f"{base}/setup")
    values = form_values(soup(settings))
    values["title"] = [title]
    assert browser.client.post(f"{base}/setup", data=values).status_code == 302
    token = browser.token(f"{base}/document")
    form = {"csrf_token": token, "status": "draft", "include-vision": "1"}
    assert browser.client.post(f"{base}/document", data=form).status_code == 302
    link = soup(browser.client.get(f"{base}/document")).select_one(
        "table.data tbody tr a"
    )["href"]
    number = re.search(r"/document/(\d+)\.docx", link).group(1)
    stem = "four-day-week-friday-internships-2027-28"
    for fmt in ("docx", "md", "html"):
        got = browser.client.get(link.replace(".docx", f".{fmt}"))
        assert got.headers["Content-Disposition"] == (
            f'attachment; filename="{stem}-v{number}.{fmt}"'
        )
    cover = BeautifulSoup(
        browser.client.get(link.replace(".docx", ".html")).data, "html.parser"
    ).select_one("header.cover")
    assert cover_field(cover, "Version") == number
    exported = browser.client.get(f"{base}/export.json")
    assert exported.headers["Content-Disposition"] == (
        f'attachment; filename="{stem}-{audit_id}.json"'
    )


def cover_field(cover, label: str) -> str:
    """The value beside a label on the printed cover."""
    term = next(dt for dt in cover.find_all("dt") if dt.get_text(strip=True) == label)
    return term.find_next_sibling("dd").get_text(strip=True)


def test_versions_are_numbered_within_their_audit(browser, audit):  # noqa: F811
    """Another audit's documents do not count: each audit's first version is 1."""
    team, _, base = audit

    def generate(where: str):
        token = browser.token(f"{where}/document")
        form = {"csrf_token": token, "status": "draft", "include-vision": "1"}
        return browser.client.post(
            f"{where}/document", data=form, follow_redirects=True
        )

    generate(base)
    generate(base)
    created = browser.post(
        f"/teams/{team}/audits/new", {"title": "Second design", "state": "TX"}
    )
    other = created.headers["Location"].removesuffix("/template")
    page = generate(other)
    assert "Version 1 generated" in page.get_data(as_text=True)
    row = soup(browser.client.get(f"{other}/document")).select_one(
        "table.data tbody tr"
    )
    assert row.find("td").get_text() == "1"
    link = row.find("a")["href"]
    assert re.search(r"/document/(\d+)\.docx", link).group(1) == "3"  # its id
    got = browser.client.get(link)
    assert got.headers["Content-Disposition"] == (
        'attachment; filename="second-design-v1.docx"'
    )
    cover = BeautifulSoup(
        browser.client.get(link.replace(".docx", ".html")).data, "html.parser"
    ).select_one("header.cover")
    assert cover_field(cover, "Version") == "1"
