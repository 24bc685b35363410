"""The search page says which filters are in force and removes each with one link."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from bs4 import BeautifulSoup


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.data, "html.parser")


def query(href: str) -> dict:
    return parse_qs(urlsplit(href).query)


def test_chips_name_every_filter_and_remove_only_it(client):
    soup = soup_of(client, "/search?q=waiver&state=TX&kind=waiver_authority")
    chips = soup.select(".active-filters a.chip")
    labels = [a["aria-label"] for a in chips]
    assert labels == [
        "Remove filter Search: “waiver”",
        "Remove filter State: Texas",
        "Remove filter Kind: Waiver authority",
    ]
    assert chips[1].get_text(" ", strip=True).startswith("State: Texas")
    assert query(chips[1]["href"]) == {"q": ["waiver"], "kind": ["waiver_authority"]}
    assert query(chips[2]["href"]) == {"q": ["waiver"], "state": ["TX"]}
    assert query(chips[0]["href"]) == {"state": ["TX"], "kind": ["waiver_authority"]}
    clear = soup.select_one(".active-filters a.clear-all")
    assert clear.get_text(" ", strip=True) == "Clear all filters"
    assert urlsplit(clear["href"]).query == ""


def test_following_a_chip_drops_that_filter(client):
    soup = soup_of(client, "/search?state=TX&state=CO")
    texas = soup.find("a", attrs={"aria-label": "Remove filter State: Texas"})
    after = soup_of(client, texas["href"])
    assert [a["aria-label"] for a in after.select("a.chip")] == [
        "Remove filter State: Colorado"
    ]


def test_selected_state_leads_its_facet_list(client):
    soup = soup_of(client, "/search?state=KY")
    first = soup.select_one("#facet-state + ul li a")
    assert "Kentucky" in first.get_text()
    assert first["aria-current"] == "true"


def test_no_filters_no_chips(client):
    soup = soup_of(client, "/search")
    assert soup.select_one(".active-filters") is None


def test_chip_text_is_escaped(client):
    response = client.get("/search?q=%3Cb%3Ebold%3C/b%3E")
    assert b"<b>bold</b>" not in response.data
    assert "Remove filter Search: “&lt;b&gt;bold&lt;/b&gt;”" in response.text
