"""Downloads of compared states and entries (CSV, XLSX) and of search results (CSV,
JSON), read back the way a spreadsheet or a script would."""

from __future__ import annotations

import csv
import io
import json
import shutil
from urllib.parse import urlencode

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from finder import create_app
from finder.web import exports
from tests.conftest import PG_URL, TEST_CATALOG, app_config

HEADERS = [
    "Jurisdiction",
    "Title",
    "Kind",
    "Policy areas",
    "Status",
    "Citations",
    "Official text",
    "Summary",
    "Eligibility",
    "Approver",
    "Term",
    "Activation",
    "Public process",
    "Can never waive",
    "Verified",
    "Checked on",
    "Last reviewed",
    "Note",
    "Sources",
    "Entry id",
    "Entry URL",
]


def read_csv(response) -> list[dict]:
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")  # so Excel reads the § in citations as UTF-8
    reader = csv.DictReader(io.StringIO(text[1:]))
    assert reader.fieldnames == HEADERS
    return list(reader)


def read_xlsx(response):
    assert response.mimetype == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    book = load_workbook(io.BytesIO(response.data))
    ws = book["Entries"]
    header = [c.value for c in ws[1]]
    assert header == HEADERS
    rows = [
        dict(zip(header, (c.value for c in row), strict=True))
        for row in ws.iter_rows(min_row=2)
    ]
    return book, ws, rows


def test_states_csv_has_every_entry_of_the_chosen_states(app, client):
    app.config["PUBLIC_URL"] = "https://finder.example.org"
    response = client.get("/compare/states.csv?s=TX&s=ky")
    assert (
        'filename="flexibilities-TX-KY.csv"' in response.headers["Content-Disposition"]
    )
    rows = read_csv(response)
    assert [r["Entry id"] for r in rows] == [
        "tx-districts-of-innovation",
        "tx-teacher-certification-cte-permit",
        "ky-districts-of-innovation",
    ]
    doi = rows[0]
    assert doi["Jurisdiction"] == "Texas"
    assert doi["Citations"] == "Tex. Educ. Code ch. 12A; Tex. Educ. Code § 12A.004"
    assert (
        doi["Activation"].split("\n")[-1]
        == "Board adopts the plan by a two-thirds vote"
    )
    assert doi["Can never waive"].startswith("Special education\nBilingual education")
    assert doi["Verified"] == "Verified"
    assert doi["Checked on"] == "2026-11-23"
    assert doi["Entry URL"] == (
        "https://finder.example.org/flexibilities/tx-districts-of-innovation"
    )
    assert rows[1]["Verified"] == "Not fully verified"


def test_entries_xlsx_opens_with_the_entries_shown(app, client):
    app.config["PUBLIC_URL"] = "https://finder.example.org"
    response = client.get(
        "/compare/entries.xlsx?e=us-iada&e=tx-districts-of-innovation&e=nope"
    )
    assert (
        'filename="flexibilities-compared.xlsx"'
        in response.headers["Content-Disposition"]
    )
    book, ws, rows = read_xlsx(response)
    assert [r["Title"] for r in rows] == [
        "Innovative Assessment Demonstration Authority",
        "Districts of Innovation",
    ]
    assert (
        rows[1]["Approver"] == "Local board of trustees; the commissioner is notified"
    )
    assert rows[1]["Public process"] == (
        "Public hearing\n30-day online posting\ntwo-thirds board vote"
    )
    url_cell = ws.cell(3, HEADERS.index("Entry URL") + 1)
    assert url_cell.hyperlink.target == url_cell.value
    assert ws.freeze_panes == "A2"
    about = {r[0].value: r[1].value for r in book["About"].iter_rows()}
    assert about["Exported from"] == (
        "https://finder.example.org/compare/entries"
        "?e=us-iada&e=tx-districts-of-innovation"
    )
    assert about["Rows"] == "2"
    assert "Not fully verified" in about["Please note"]


@pytest.mark.parametrize(
    "path",
    [
        "/compare/states.csv",
        "/compare/states.xlsx?s=ZZ",
        "/compare/entries.csv?e=",
        "/compare/entries.xlsx?e=%00",
    ],
)
def test_a_download_of_nothing_says_what_to_choose(client, path):
    response = client.get(path)
    assert response.status_code == 400
    assert b"Choose the" in response.data


def test_unknown_download_formats_are_not_found(client):
    assert client.get("/compare/states.pdf?s=TX").status_code == 404
    assert client.get("/compare/entries.docx?e=us-iada").status_code == 404
    assert client.get("/search.xlsx?q=x").status_code == 404


@pytest.fixture
def hostile_client(tmp_path, database_url):
    """An app whose catalog has an entry written to run as a spreadsheet formula."""
    folder = tmp_path / "catalog"
    shutil.copytree(TEST_CATALOG, folder)
    ky = folder / "ky.yaml"
    text = ky.read_text()
    text = text.replace(
        "title: Kentucky Districts of Innovation",
        'title: \'=HYPERLINK("https://evil.example","Click")\'',
    )
    text = text.replace("approver: Kentucky Board of Education", "approver: '+1+1'")
    text = text.replace(
        "cannot_waive: [Special education]", "cannot_waive: ['@SUM(1)']"
    )
    ky.write_text(text)
    app = create_app(app_config(tmp_path, database_url, CATALOG_DIRS=[str(folder)]))
    yield app.test_client()
    app.extensions["finder.engine"].dispose()


def test_downloads_never_hold_a_formula(hostile_client):
    rows = read_csv(hostile_client.get("/compare/states.csv?s=KY"))
    assert rows[0]["Title"] == '\'=HYPERLINK("https://evil.example","Click")'
    assert rows[0]["Approver"] == "'+1+1"
    assert rows[0]["Can never waive"] == "'@SUM(1)"
    _, ws, rows = read_xlsx(
        hostile_client.get("/compare/entries.xlsx?e=ky-districts-of-innovation")
    )
    title = ws.cell(2, HEADERS.index("Title") + 1)
    assert title.value.startswith("=HYPERLINK")  # the words, stored as text
    assert title.data_type == "s"
    assert title.quotePrefix
    assert ws.cell(2, HEADERS.index("Approver") + 1).quotePrefix
    rows = read_csv(hostile_client.get("/search.csv?state=KY"))
    assert rows[0]["Title"].startswith("'=")
    page = hostile_client.get("/compare/entries?e=ky-districts-of-innovation")
    assert b"=HYPERLINK(&#34;https://evil.example&#34;" in page.data


def test_search_csv_holds_every_result_not_only_the_page(tmp_path, database_url):
    app = create_app(app_config(tmp_path, database_url, PAGE_SIZE=2))
    client = app.test_client()
    page = BeautifulSoup(client.get("/search?state=CO&state=TX").data, "html.parser")
    assert len(page.select(".hit")) == 2
    links = {a.get_text(): a["href"] for a in page.select("p.downloads a")}
    assert links["CSV"] == "/search.csv?state=CO&state=TX"
    assert links["JSON"] == "/search.json?state=CO&state=TX"
    assert links["Compare these side by side"].startswith("/compare/entries?e=")
    assert "Download all 6 results" in page.select_one("p.downloads").get_text()
    response = client.get(links["CSV"] + "&page=2&sort=state")
    assert 'filename="search-results.csv"' in response.headers["Content-Disposition"]
    assert response.headers["X-Total-Results"] == "6"
    rows = read_csv(response)
    assert len(rows) == 6
    assert [r["Jurisdiction"] for r in rows] == ["Colorado"] * 4 + ["Texas"] * 2
    app.extensions["finder.engine"].dispose()


def test_search_json_has_the_same_fields_and_says_what_was_searched(app, client):
    app.config["PUBLIC_URL"] = "https://finder.example.org"
    response = client.get("/search.json?q=innovation&kind=innovation_district&x=1")
    assert response.mimetype == "application/json"
    assert (
        'filename="search-innovation.json"' in response.headers["Content-Disposition"]
    )
    data = json.loads(response.data)
    assert data["search"] == {"q": "innovation", "kind": ["innovation_district"]}
    assert data["search_url"] == (
        "https://finder.example.org/search?q=innovation&kind=innovation_district"
    )
    assert data["columns"] == HEADERS
    assert data["total"] == data["included"] == len(data["results"]) == 2
    assert data["note"] == "All 2 results are included."
    first = data["results"][0]
    assert list(first) == HEADERS
    assert isinstance(first["Citations"], list)
    assert {r["Title"] for r in data["results"]} == {
        "Districts of Innovation",
        "Kentucky Districts of Innovation",
    }


def test_search_downloads_stop_at_the_limit_and_say_so(monkeypatch, client):
    monkeypatch.setattr(exports, "MAX_RESULTS", 3)
    data = json.loads(client.get("/search.json").data)
    assert data["total"] == 9
    assert data["included"] == len(data["results"]) == 3
    assert data["note"].startswith("Only the first 3 of 9 results are included")
    response = client.get("/search.csv")
    assert response.headers["X-Total-Results"] == "9"
    assert response.headers["X-Included-Results"] == "3"
    assert len(read_csv(response)) == 3
    page = BeautifulSoup(client.get("/search").data, "html.parser")
    assert "the first 3 of 9 results" in page.select_one("p.downloads").get_text()


odd = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80),
    st.sampled_from(["TX", "co", "us", "Texas", "us-iada", "", "%", "§", "0", "-1"]),
)
pairs = st.lists(
    st.tuples(st.sampled_from(["s", "e", "kind", "area", "by", "q", "page"]), odd),
    max_size=8,
)
PATHS = [
    "/compare",
    "/compare.csv",
    "/compare/states",
    "/compare/states.xlsx",
    "/compare/entries",
    "/compare/entries.csv",
    "/search.csv",
    "/search.json",
]


@pytest.fixture(scope="module")
def odd_client(tmp_path_factory, migrated_template):
    from finder.store.migrate import upgrade

    folder = tmp_path_factory.mktemp("odd")
    url = PG_URL or f"sqlite:///{folder / 'odd.sqlite3'}"
    upgrade(url)
    app = create_app(app_config(folder, url))
    yield app.test_client()
    app.extensions["finder.engine"].dispose()


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(query=pairs)
def test_odd_parameters_never_break_a_comparison_or_download(odd_client, query):
    for path in PATHS:
        response = odd_client.get(path + "?" + urlencode(query))
        assert response.status_code in {200, 400}, (path, query, response.status_code)


@pytest.mark.parametrize(
    "url",
    [
        "/compare.csv",
        "/compare/states.csv?s=TX&s=CO",
        "/compare/states.xlsx?s=TX&s=CO",
        "/search.csv?q=waiver",
        "/search.json?q=waiver",
    ],
)
def test_every_download_names_its_type_once(client, url):
    response = client.get(url)
    assert response.status_code == 200
    content_type = response.headers["Content-Type"]
    assert content_type.count("charset") <= 1, content_type
    assert content_type.count(";") <= 1, content_type
    assert response.headers["Content-Disposition"].startswith("attachment;")
