"""The pages a district leader sees: home, search, entry, state, errors, headers."""

from __future__ import annotations

from bs4 import BeautifulSoup


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return BeautifulSoup(response.data, "html.parser")


def test_home_has_search_box_and_catalog_at_a_glance(client):
    soup = page(client, "/")
    assert soup.find("html")["lang"] == "en"
    assert soup.find("form", role="search").find("input", attrs={"name": "q"})
    assert "9 entries for 4 jurisdictions" in soup.get_text()
    assert "November 1, 2026" in soup.get_text()  # coded-through date
    assert soup.find("a", class_="skip-link")["href"] == "#main"


def test_search_page_shows_results_facets_and_shareable_links(client):
    soup = page(client, "/search?q=waiver")
    assert (
        soup.find("h2", id="results-heading")
        .get_text(" ", strip=True)
        .startswith("5 results")
    )
    facet_links = [a["href"] for a in soup.select(".facets a")]
    assert any("state=CO" in href and "q=waiver" in href for href in facet_links)
    assert soup.find("title").get_text().startswith("waiver")


def test_selected_facet_is_marked_and_removable(client):
    soup = page(client, "/search?q=waiver&state=CO")
    selected = soup.select_one(".facets a.selected")
    assert selected["aria-current"] == "true"
    assert "state=" not in selected["href"]


def test_did_you_mean_link(client):
    soup = page(client, "/search?q=calender")
    link = soup.select_one(".suggestion a")
    assert link.get_text() == "calendar"
    assert "q=calendar" in link["href"]


def test_state_named_in_query_shows_notice(client):
    soup = page(client, "/search?q=Colorado+waiver")
    notice = soup.find(string=lambda s: s and "because your search names it" in s)
    assert notice is not None


def test_paging_links(app, client):
    app.config["PAGE_SIZE"] = 4
    soup = page(client, "/search?q=")
    assert soup.select_one(".pager a[rel=next]")["href"].endswith("page=2")
    soup = page(client, "/search?page=3")
    assert soup.select_one(".pager a[rel=prev]")


def test_entry_page_shows_every_field(client):
    soup = page(client, "/flexibilities/tx-districts-of-innovation")
    text = soup.get_text(" ", strip=True)
    for expected in [
        "Districts of Innovation",
        "Tex. Educ. Code § 12A.004",
        "Post the plan online for 30 days",
        "Special education",
        "Up to five years",
        "accessed November 1, 2026",
        "Example ISD",
        "ESEA section 8401 waivers",
    ]:
        assert expected in text, expected
    assert (
        soup.select_one("ol li").get_text()
        == "Board resolution or advisory committee petition"
    )
    assert not soup.select(".badge.unverified")


def test_unverified_badge_and_note(client):
    soup = page(client, "/flexibilities/tx-teacher-certification-cte-permit")
    assert soup.select_one(".badge.unverified")
    note = soup.select_one(".unverified-note")
    assert "Not every statement of law in this entry was read in official text" in (
        note.get_text()
    )
    # the research note is there, folded: the entry's law comes first on the page
    folded = note.select_one("details.research-note")
    assert "Fixture entry; term not confirmed." in folded.get_text()
    assert not folded.has_attr("open")


def test_catalog_text_is_escaped(client):
    response = client.get("/flexibilities/tx-teacher-certification-cte-permit")
    assert b"<b>Not bold</b>" not in response.data
    assert b"&lt;b&gt;Not bold&lt;/b&gt;" in response.data


def test_state_page_groups_by_kind_with_notes(client):
    soup = page(client, "/states/co")
    headings = [h.get_text() for h in soup.select("main h2")]
    assert headings[:4] == [
        "Waiver authority",
        "Innovation schools or zones",
        "Calendar and instructional time",
        "Flexibility guide",
    ]
    assert "Fixture notes for Colorado." in soup.get_text()


def test_states_index_lists_every_jurisdiction(client):
    soup = page(client, "/states")
    assert len(soup.select("tbody tr")) == 52


def test_not_found_pages(client):
    assert "could not find" in page(client, "/flexibilities/nope", 404).get_text()
    page(client, "/states/ZZ", 404)
    page(client, "/no/such/page", 404)


def test_hostile_query_is_escaped(client):
    response = client.get("/search?q=<script>alert(1)</script>")
    assert response.status_code == 200
    assert b"<script>alert(1)</script>" not in response.data


def test_security_headers(client):
    headers = client.get("/").headers
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"]


def test_no_inline_scripts(client):
    for url in ["/", "/search?q=waiver", "/flexibilities/us-iada", "/states/TX"]:
        assert not BeautifulSoup(client.get(url).data, "html.parser").find("script")


def test_unexpected_errors_get_a_friendly_500(app, client, monkeypatch):
    from finder.search import engine

    def boom(*args, **kwargs):
        raise RuntimeError("kaboom")

    monkeypatch.setattr(engine.SearchIndex, "search", boom)
    response = client.get("/search?q=x")
    assert response.status_code == 500
    assert b"Nothing you saved was lost" in response.data
    assert b"kaboom" not in response.data
    api = client.get("/api/v1/flexibilities?q=x")
    assert api.status_code == 500
    assert api.json["status"] == 500


def test_request_size_is_limited(client):
    response = client.post("/signin", data={"email": "x" * (3 * 1024 * 1024)})
    assert response.status_code == 413
    assert b"too large" in response.data
