"""Map on the home page, comparison matrix with CSV, side-by-side view, audit chart."""

from __future__ import annotations

import csv
import io

from bs4 import BeautifulSoup


def test_home_map_is_svg_with_text_alternative_and_filter(client):
    soup = BeautifulSoup(client.get("/").data, "html.parser")
    svg = soup.find("svg", class_="map-svg")
    assert svg["aria-labelledby"] == "map-title map-desc"
    links = svg.find_all("a")
    assert len(links) == 51
    co = next(a for a in links if a["aria-label"].startswith("CO (Colorado)"))
    assert co["href"] == "/states/CO"
    assert "4 mechanisms" in co["aria-label"]
    assert soup.select_one("details.map-table table")
    filtered = BeautifulSoup(client.get("/?kind=waiver_authority").data, "html.parser")
    co = next(
        a
        for a in filtered.select("svg a")
        if a["aria-label"].startswith("CO (Colorado)")
    )
    assert "1 mechanism" in co["aria-label"]
    assert "kind=waiver_authority" in co["href"]
    assert "state=CO" in co["href"]


def test_matrix_links_and_csv(client):
    soup = BeautifulSoup(client.get("/compare").data, "html.parser")
    co_row = next(
        r for r in soup.select("table.matrix tbody tr") if r.th.get_text() == "Colorado"
    )
    link = co_row.find(
        "a", attrs={"aria-label": "1 Innovation schools or zones in Colorado"}
    )
    assert "state=CO" in link["href"]
    assert "kind=innovation_schools" in link["href"]
    response = client.get("/compare.csv?by=area")
    assert response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert len(rows) == 52
    co = next(r for r in rows if r["code"] == "CO")
    assert co["calendar"] == "2"


def test_side_by_side(client):
    soup = BeautifulSoup(
        client.get("/compare/states?s=co&s=TX&s=ZZ").data, "html.parser"
    )
    assert [th.get_text() for th in soup.select("table.side-by-side thead th")] == [
        "Kind",
        "Colorado",
        "Texas",
    ]
    differs = [r.th.get_text(" ", strip=True) for r in soup.select("tr.differs")]
    assert "Innovation district Differs" in differs
    assert b"Choose two or three" in client.get("/compare/states?s=TX").data


def test_audit_summary_chart(browser):
    from tests.web.test_audits import version

    browser.signup()
    team = browser.create_team()
    response = browser.post(f"/teams/{team}/audits/new", {"title": "A", "state": "TX"})
    base = response.headers["Location"].rsplit("/template", 1)[0]
    browser.post(
        f"{base}/rules/paste",
        {
            "lines": "Class size limit\nMinimum minutes",
            "version": version(browser, f"{base}/rules"),
        },
        form_page=f"{base}/rules",
    )
    soup = BeautifulSoup(browser.client.get(base).data, "html.parser")
    chart = soup.select_one("figure.chart svg")
    assert chart["role"] == "img"
    assert chart.find("title").get_text() == "Decisions by policy area"
    assert chart.find_all("rect")
