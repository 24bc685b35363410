"""A grant writer compares states, then chosen entries, and takes them away as files."""

from __future__ import annotations

import csv
import io
import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations, sideways

pytestmark = pytest.mark.browser

FOUR = "/compare/states?s=TX&s=CO&s=KY&s=US"


def width(page) -> str:
    return "phone" if page.viewport_size["width"] < 500 else "desktop"


def test_four_states_then_two_entries_side_by_side(page, tmp_path):
    page.goto(FOUR)
    expect(page.locator("table.compare-states thead th")).to_have_count(5)
    doi = page.locator("article.entry-card").filter(
        has=page.get_by_role("link", name="Districts of Innovation", exact=True)
    )
    expect(doi.locator("dt:text-is('Approver') + dd")).to_contain_text(
        "board of trustees"
    )
    expect(
        doi.get_by_role("link", name=re.compile("^official text of"))
    ).not_to_have_count(0)
    assert axe_violations(page) == []
    assert sideways(page) <= 1, "the state comparison scrolls sideways"
    page.screenshot(
        path=tmp_path / f"states-{width(page)}.png", full_page=True, timeout=60_000
    )

    page.locator("input[name=e][value=tx-districts-of-innovation]").check()
    page.locator("input[name=e][value=co-innovation-schools-act]").check()
    page.get_by_role("button", name="Compare the ticked entries").click()
    # The ticked entries, in the order the table shows them (kind by kind).
    expect(page).to_have_url(
        re.compile(
            re.escape(
                "/compare/entries?e=co-innovation-schools-act"
                "&e=tx-districts-of-innovation"
            )
        )
    )
    rows = page.locator("table.compare-entries tbody tr")
    expect(rows).to_have_count(12)
    never = rows.filter(has_text="Can never waive").locator(
        "td[data-label='Districts of Innovation (Texas)']"
    )
    expect(never).to_contain_text("State curriculum and graduation requirements")
    assert axe_violations(page) == []
    assert sideways(page) <= 1, "the entry comparison scrolls sideways"
    page.screenshot(
        path=tmp_path / f"entries-{width(page)}.png", full_page=True, timeout=60_000
    )

    # Add a third from the chooser, then take the three away as a spreadsheet.
    page.get_by_label("Add an entry").select_option("us-iada")
    page.get_by_role("button", name="Add").click()
    expect(page.locator("table.compare-entries thead th")).to_have_count(4)
    with page.expect_download() as download:
        page.get_by_role("link", name="Excel (XLSX) file of these entries").click()
    assert download.value.suggested_filename == "flexibilities-compared.xlsx"
    saved = tmp_path / f"{width(page)}-{download.value.suggested_filename}"
    download.value.save_as(saved)
    book = load_workbook(saved)
    ws = book["Entries"]
    assert [c.value for c in ws[1]][:3] == ["Jurisdiction", "Title", "Kind"]
    assert [ws.cell(r, 1).value for r in (2, 3, 4)] == ["Colorado", "Texas", "Federal"]

    # A phone keeps the entries' own links and a way to remove each.
    expect(
        page.get_by_role(
            "link", name="Remove Districts of Innovation from the comparison"
        )
    ).to_be_visible()


def test_comparison_prints_as_a_plain_table(desktop, tmp_path):
    desktop.goto(
        "/compare/entries?e=tx-districts-of-innovation&e=co-innovation-schools-act"
        "&e=ky-districts-of-innovation"
    )
    desktop.emulate_media(media="print")
    desktop.set_viewport_size({"width": 900, "height": 1200})
    expect(desktop.locator("form.compare-pick")).to_be_hidden()
    expect(desktop.locator("p.downloads")).to_be_hidden()
    display = desktop.evaluate(
        "getComputedStyle(document.querySelector('table.compare-entries tbody tr'))"
        ".display"
    )
    assert display == "table-row"  # a table on paper, not the phone's cards
    desktop.screenshot(
        path=tmp_path / "entries-print.png", full_page=True, timeout=60_000
    )
    assert desktop.pdf(format="Letter", landscape=True)[:4] == b"%PDF"


def test_search_results_download_and_compare(desktop):
    desktop.goto("/search?q=innovation&state=TX&state=CO")
    downloads = desktop.locator("p.downloads")
    expect(downloads).to_contain_text("Download all")
    with desktop.expect_download() as download:
        downloads.get_by_role("link", name="CSV").click()
    text = download.value.path().read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    total = re.search(r"Download all (\d+) results", downloads.inner_text())
    assert total
    assert len(rows) == int(total.group(1))
    assert {r["Jurisdiction"] for r in rows} <= {"Texas", "Colorado"}
    assert all(r["Entry URL"].startswith("http") for r in rows)
    downloads.get_by_role("link", name=re.compile("^Compare")).click()
    expect(desktop.locator("table.compare-entries thead th")).to_have_count(5)
    assert axe_violations(desktop) == []
