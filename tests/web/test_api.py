"""The JSON API: search shape, entry shape, and 400s with messages."""

from __future__ import annotations


def test_search_shape(client):
    data = client.get("/api/v1/flexibilities?q=waiver&state=CO&state=US").json
    assert set(data) >= {"total", "page", "results", "facets", "suggestion"}
    assert data["total"] == 3
    first = data["results"][0]
    assert set(first) >= {
        "id",
        "state",
        "title",
        "kind",
        "policy_areas",
        "citations",
        "summary",
        "url",
        "score",
        "snippet",
    }
    assert first["url"].startswith("http://localhost/flexibilities/")
    assert set(data["facets"]) == {"state", "kind", "area"}
    assert data["facets"]["state"]["TX"] == 1  # OR within the state facet


def test_repeat_parameters_for_or(client):
    one = client.get("/api/v1/flexibilities?kind=waiver_authority").json["total"]
    two = client.get(
        "/api/v1/flexibilities?kind=waiver_authority&kind=innovation_district"
    ).json["total"]
    assert two > one


def test_suggestion_in_api(client):
    assert (
        client.get("/api/v1/flexibilities?q=calender").json["suggestion"] == "calendar"
    )


def test_entry(client):
    data = client.get("/api/v1/flexibilities/us-iada").json
    assert data["citations"] == ["ESEA § 1204", "20 U.S.C. § 6364"]
    assert data["sources"][0]["accessed"] == "2026-11-01"
    assert data["verified"] is False


def test_bad_parameters_get_400_json(client):
    for url, fragment in [
        ("/api/v1/flexibilities?state=ZZ", "unknown state"),
        ("/api/v1/flexibilities?kind=nope", "unknown kind"),
        ("/api/v1/flexibilities?area=lunch", "unknown area"),
        ("/api/v1/flexibilities?page=0", "page"),
        ("/api/v1/flexibilities?page=two", "page"),
        ("/api/v1/flexibilities?sort=random", "sort"),
        ("/api/v1/flexibilities?colour=red", "unknown parameter"),
    ]:
        response = client.get(url)
        assert response.status_code == 400, url
        assert fragment in response.json["message"], url


def test_unknown_entry_is_json_404(client):
    response = client.get("/api/v1/flexibilities/nope")
    assert response.status_code == 404
    assert response.json["status"] == 404


def test_the_entry_schema_is_served_and_matches_an_entry(client):
    from finder.catalog.schema import entry_schema, file_schema

    response = client.get("/api/v1/schema/flexibility")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    schema = response.json
    assert schema == entry_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    entry = client.get("/api/v1/flexibilities/tx-districts-of-innovation").json
    assert set(entry) == set(schema["$defs"]["served_entry"]["properties"])
    from tests.catalog.test_schema import schema_errors

    assert schema_errors(entry, schema) == []
    assert set(entry) - {"url"} == set(schema["$defs"]["entry"]["properties"])
    assert client.get("/api/v1/schema/catalog-file").json == file_schema()
