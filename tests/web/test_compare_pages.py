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
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True)[1:])))
    assert len(rows) == 52
    co = next(r for r in rows if r["Code"] == "CO")
    assert co["Jurisdiction"] == "Colorado"
    assert co["Calendar"] == "2"
    assert co["Total entries"] == "4"


def test_counts_csv_follows_the_chosen_states_and_filters(client):
    response = client.get("/compare.csv?s=tx&s=CO&s=ZZ&kind=innovation_district")
    assert "flexibilities-by-kind-TX-CO.csv" in response.headers["Content-Disposition"]
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeffCode,Jurisdiction,Waiver authority,")
    rows = list(csv.DictReader(io.StringIO(text[1:])))
    assert [(r["Jurisdiction"], r["Innovation district"]) for r in rows] == [
        ("Colorado", "0"),
        ("Texas", "1"),
    ]
    assert [r["Total entries"] for r in rows] == ["0", "1"]
    # The matrix page keeps the states in its CSV link and says it shows only them.
    soup = BeautifulSoup(client.get("/compare?s=TX&s=CO").data, "html.parser")
    assert len(soup.select("table.matrix tbody tr")) == 2
    link = soup.find("a", string="Download this table as CSV")["href"]
    assert "s=CO" in link
    assert "s=TX" in link
    assert "Showing only Texas, Colorado" in soup.select_one(".notice").get_text()


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
    assert "left out: “ZZ”" in soup.select_one(".notice").get_text()
    assert b"Choose two to 4" in client.get("/compare/states?s=TX").data


def card(soup, title: str):
    """The card of the entry with this title on a state comparison."""
    return next(
        c
        for c in soup.select("article.entry-card")
        if c.h2.get_text(strip=True) == title
    )


def facts_of(card) -> dict[str, str]:
    """A card's facts as {label: text}."""
    return {
        dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(" ", strip=True)
        for dt in card.select("dl.entry-facts dt")
    }


def test_side_by_side_shows_what_each_state_offers(client):
    soup = BeautifulSoup(
        client.get("/compare/states?s=TX&s=CO&s=KY&s=US").data, "html.parser"
    )
    assert len(soup.select("table.side-by-side thead th")) == 5  # four states
    brief = facts_of(card(soup, "Districts of Innovation"))
    assert list(brief) == ["Citations", "Approver", "Term", "Verification"]
    switch = soup.select_one(".detail-switch a")
    assert switch["href"] == "/compare/states?s=TX&s=CO&s=KY&s=US&detail=full"
    soup = BeautifulSoup(client.get(switch["href"]).data, "html.parser")
    assert soup.select_one(".state-pick input[name=detail]")["value"] == "full"
    doi = card(soup, "Districts of Innovation")
    assert doi.find_parent("td")["data-label"] == "Texas"
    facts = facts_of(doi)
    assert list(facts) == [
        "Citations",
        "Eligibility",
        "Approver",
        "Term",
        "Activation",
        "Public process",
        "Can never waive",
        "Verification",
        "Sources",
    ]
    assert facts["Approver"] == "Local board of trustees; the commissioner is notified"
    assert facts["Term"] == "Up to five years"
    assert facts["Activation"].startswith("Board resolution or advisory committee")
    assert "Bilingual education" in facts["Can never waive"]
    assert facts["Verification"].startswith(
        "Verified against official text, checked November 23, 2026"
    )
    law = doi.select_one(".citation-list a.law-link")
    assert law["href"] == "https://statutes.capitol.texas.gov/Docs/ED/htm/ED.12A.htm"
    assert law.get_text() == "official text of Tex. Educ. Code ch. 12A"
    assert doi.select_one("input[type=checkbox]")["value"] == (
        "tx-districts-of-innovation"
    )
    permit = card(soup, "District teaching permits for career and technical education")
    assert facts_of(permit)["Verification"] == (
        "Not fully verified Last reviewed March 1, 2025. "
        "What the entry's research notes say Fixture entry; term not confirmed."
    )
    # Downloads of what is shown, and the way on to compare chosen entries.
    hrefs = [a["href"] for a in soup.select(".downloads a")]
    assert "/compare/states.csv?s=TX&s=CO&s=KY&s=US" in hrefs
    assert "/compare/states.xlsx?s=TX&s=CO&s=KY&s=US" in hrefs
    assert soup.select_one("form#pick-entries")["action"] == "/compare/entries"


def test_entries_side_by_side_row_by_row(client):
    response = client.get(
        "/compare/entries?e=tx-districts-of-innovation&e=co-innovation-schools-act"
        "&e=us-iada"
    )
    soup = BeautifulSoup(response.data, "html.parser")
    heads = soup.select("table.compare-entries thead th a:not(.remove)")
    assert [a.get_text() for a in heads] == [
        "Districts of Innovation",
        "Innovation Schools Act",
        "Innovative Assessment Demonstration Authority",
    ]
    rows = {
        tr.th.get_text(strip=True): [td.get_text(" ", strip=True) for td in tr("td")]
        for tr in soup.select("table.compare-entries tbody tr")
    }
    assert list(rows) == [
        "Jurisdiction",
        "Kind",
        "Summary",
        "Citations",
        "Eligibility",
        "Approver",
        "Term",
        "Activation",
        "Public process",
        "Can never waive",
        "Verification",
        "Sources",
    ]
    assert rows["Jurisdiction"] == ["Texas", "Colorado", "Federal"]
    assert rows["Approver"][:2] == [
        "Local board of trustees; the commissioner is notified",
        "Local board, then the State Board of Education",
    ]
    assert rows["Verification"][1].startswith("Not fully verified")
    td = soup.select("table.compare-entries tbody tr")[0]("td")[1]
    assert td["data-label"] == "Innovation Schools Act (Colorado)"
    remove = soup.select("a.remove")[0]["href"]
    assert remove == "/compare/entries?e=co-innovation-schools-act&e=us-iada"
    # A fourth may be added; the chooser offers only entries not shown yet.
    options = [o["value"] for o in soup.select("select#add option") if o["value"]]
    assert "us-iada" not in options
    assert "ky-districts-of-innovation" in options


def test_entries_page_explains_odd_input_and_escapes_it(client):
    response = client.get(
        "/compare/entries?e=%3Cscript%3Ealert(1)%3C/script%3E&e=us-iada&e=US-IADA"
    )
    assert response.status_code == 200
    assert b"<script>alert" not in response.data
    soup = BeautifulSoup(response.data, "html.parser")
    assert "left out: “<script>alert(1)</script>”" in soup.select_one(".notice").text
    assert "Add one more entry" in soup.get_text()
    assert len(soup.select("table.compare-entries thead th")) == 2
    five = "&".join(
        f"e={i}"
        for i in (
            "us-iada",
            "us-esea-8401-waivers",
            "co-reduced-calendar",
            "ky-districts-of-innovation",
            "tx-districts-of-innovation",
        )
    )
    soup = BeautifulSoup(client.get(f"/compare/entries?{five}").data, "html.parser")
    assert len(soup.select("table.compare-entries thead th")) == 5
    assert "At most 4" in soup.select_one(".notice").get_text()
    assert not soup.select("select#add")  # full: nothing more to add
    empty = BeautifulSoup(client.get("/compare/entries").data, "html.parser")
    assert "Choose two to 4 catalog entries" in empty.get_text()


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
