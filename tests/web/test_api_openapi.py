"""/api/v1/openapi.json: a valid OpenAPI 3.1 document that describes every API route,
whose declared parameters are the ones the API accepts and whose declared responses
fit what the API really returns."""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

import pytest
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate as validate_openapi
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from finder import create_app
from finder.catalog import KINDS, POLICY_AREAS
from finder.catalog.jurisdictions import NAMES
from finder.catalog.schema import entry_schema
from finder.search.results import MAX_PAGE, SORTS
from finder.web import api
from tests.conftest import app_config

URL = "/api/v1/openapi.json"
METHODS = {"get", "put", "post", "delete", "patch", "head", "options", "trace"}


@pytest.fixture
def doc(client) -> dict:
    response = client.get(URL)
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    return response.json


def prefix(doc: dict) -> str:
    """The path part of the document's server address ("/api/v1")."""
    return urlsplit(doc["servers"][0]["url"]).path


def operations(doc: dict):
    for path, item in doc["paths"].items():
        for method, operation in item.items():
            if method in METHODS:
                yield path, method, operation


def template_of(doc: dict, path: str) -> str:
    """The documented path template an address under the API falls in."""
    rest = path.removeprefix(prefix(doc))
    for template in doc["paths"]:
        pattern = re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template))
        if re.fullmatch(pattern, rest):
            return template
    raise AssertionError(f"{path} is not described")


def undescribed(app, doc: dict) -> list[str]:
    """Every (method, route) under /api/v1 that the document does not describe."""
    missing = []
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith(prefix(doc) + "/"):
            continue
        template = re.sub(r"<(?:[^:>]+:)?([^>]+)>", r"{\1}", rule.rule)
        template = template.removeprefix(prefix(doc))
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            if method.lower() not in doc["paths"].get(template, {}):
                missing.append(f"{method} {rule.rule}")
    return missing


def body_errors(doc: dict, pointer: str, body) -> list[str]:
    """Where ``body`` does not fit the schema at ``pointer`` in the document (its
    references resolved within the document)."""
    registry = Registry().with_resource("urn:api", DRAFT202012.create_resource(doc))
    validator = Draft202012Validator(
        {"$ref": "urn:api#" + quote(pointer)},
        registry=registry,
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator.iter_errors(body)
    ]


def escape(part: str) -> str:
    return part.replace("~", "~0").replace("/", "~1")


def response_errors(doc: dict, path: str, response, method="get") -> list[str]:
    """Checks a real response against the operation's declared response for its
    status (the ``default`` one only for 5xx), content type and body schema."""
    template = template_of(doc, path)
    declared = doc["paths"][template][method]["responses"]
    status = str(response.status_code)
    if status not in declared:
        assert status.startswith("5"), f"{method} {path}: {status} not declared"
        status = "default"
    content = declared[status]["content"]
    assert response.mimetype in content, f"{path}: {response.mimetype}"
    pointer = "/".join(
        ["", "paths", escape(template), method, "responses", status, "content"]
        + [escape(response.mimetype), "schema"]
    )
    return body_errors(doc, pointer, response.json)


def test_the_document_is_valid_openapi_3_1(doc):
    validate_openapi(doc)  # the OpenAPI 3.1 schema and its rules (path parameters, …)
    assert re.fullmatch(r"3\.1\.\d+", doc["openapi"])
    assert doc["info"]["title"]
    assert doc["info"]["version"]
    assert doc["paths"]
    ids = [op["operationId"] for _, _, op in operations(doc)]
    assert len(ids) == len(set(ids))
    for path, method, operation in operations(doc):
        assert path.startswith("/")
        assert operation["responses"], f"{method} {path}"
        assert any(s.startswith("2") for s in operation["responses"]), path
        for status, response in operation["responses"].items():
            assert response["description"], f"{method} {path} {status}"
    for schema in doc["components"]["schemas"].values():
        Draft202012Validator.check_schema(schema)


def test_the_validators_see_a_broken_document_and_a_wrong_body(doc):
    broken = {**doc, "paths": {"/x/{id}": {"get": {"responses": {}}}}}
    with pytest.raises(Exception, match="id"):
        validate_openapi(broken)
    pointer = "/components/schemas/SearchResults"
    assert body_errors(doc, pointer, {"total": 1}) != []
    assert body_errors(doc, "/components/schemas/Error", {"error": 1}) != []


def test_every_api_route_is_described_and_nothing_else(app, doc):
    assert undescribed(app, doc) == []
    routes = {
        re.sub(r"<(?:[^:>]+:)?([^>]+)>", r"{\1}", r.rule)
        for r in app.url_map.iter_rules()
    }
    assert {prefix(doc) + p for p in doc["paths"]} <= routes


def test_a_new_route_without_a_description_is_noticed(tmp_path, database_url, doc):
    app = create_app(app_config(tmp_path, database_url))
    app.add_url_rule("/api/v1/changes/<int:since>", "changes", lambda since: "")
    assert undescribed(app, doc) == ["GET /api/v1/changes/<int:since>"]
    app.extensions["finder.engine"].dispose()


def test_servers_use_public_url_when_set(tmp_path, database_url, doc):
    assert doc["servers"][0]["url"] == "http://localhost/api/v1"
    app = create_app(
        app_config(tmp_path, database_url, PUBLIC_URL="https://finder.example.org/")
    )
    published = app.test_client().get(URL, base_url="http://internal:8000").json
    assert [s["url"] for s in published["servers"]] == [
        "https://finder.example.org/api/v1"
    ]
    # the links in answers agree with it, whatever Host the request came with
    found = app.test_client().get(
        "/api/v1/flexibilities?q=waiver", base_url="http://internal:8000"
    )
    assert found.json["results"][0]["url"].startswith(
        "https://finder.example.org/flexibilities/"
    )
    entry = app.test_client().get(
        "/api/v1/flexibilities/us-iada", base_url="http://internal:8000"
    )
    assert entry.json["url"] == "https://finder.example.org/flexibilities/us-iada"
    app.extensions["finder.engine"].dispose()


SEARCHES = [
    "",
    "?q=waiver&state=CO&state=US",
    "?q=calender",
    "?q=seat+time&sort=state",
    "?kind=waiver_authority&kind=innovation_district&sort=reviewed",
    "?area=calendar&page=2",
    "?q=zzqxv+wvvq",
    "?q=12A.004",
    "?state=tx&q=innovation+plan+calendar",
    "?page=9999",
]


@pytest.mark.parametrize("query", SEARCHES)
def test_search_responses_fit_the_description(client, doc, query):
    response = client.get("/api/v1/flexibilities" + query)
    assert response.status_code == 200
    assert response_errors(doc, "/api/v1/flexibilities", response) == []


def test_every_entry_fits_the_description(client, doc, catalog):
    assert len(catalog.entries) > 3
    for entry in catalog.entries:
        path = f"/api/v1/flexibilities/{entry.id}"
        response = client.get(path)
        assert response.status_code == 200
        assert response_errors(doc, path, response) == [], entry.id


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/flexibilities?state=ZZ",
        "/api/v1/flexibilities?kind=nope&area=lunch",
        "/api/v1/flexibilities?page=0",
        f"/api/v1/flexibilities?page={MAX_PAGE + 1}",
        "/api/v1/flexibilities?sort=random",
        "/api/v1/flexibilities?colour=red",
        "/api/v1/flexibilities/nope",
        "/api/v1/flexibilities/Not_An_Id",
    ],
)
def test_errors_fit_the_description(client, doc, path):
    response = client.get(path)
    assert response.status_code in (400, 404)
    assert response_errors(doc, path.partition("?")[0], response) == []
    assert response.json["status"] == response.status_code


def test_an_unexpected_error_fits_the_default_response(app, client, doc, monkeypatch):
    live = app.extensions["finder.live"]

    def broken(*args, **kwargs):
        raise RuntimeError("the index is gone")

    monkeypatch.setattr(type(live.index), "search", broken)
    response = client.get("/api/v1/flexibilities?q=waiver")
    assert response.status_code == 500
    assert response_errors(doc, "/api/v1/flexibilities", response) == []
    assert "index is gone" not in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "path", ["/api/v1/schema/flexibility", "/api/v1/schema/catalog-file", URL]
)
def test_schema_documents_fit_the_description(client, doc, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response_errors(doc, path, response) == []
    if path != URL:
        Draft202012Validator.check_schema(response.json)


def search_parameters(doc: dict) -> dict:
    return {p["name"]: p for p in doc["paths"]["/flexibilities"]["get"]["parameters"]}


def test_declared_parameters_are_the_accepted_ones(client, doc):
    params = search_parameters(doc)
    assert set(params) == api.ALLOWED
    enums = {n: params[n]["schema"]["items"]["enum"] for n in ("state", "kind", "area")}
    assert set(enums["state"]) == set(NAMES)
    assert enums["kind"] == list(KINDS)
    assert enums["area"] == list(POLICY_AREAS)
    for name in ("state", "kind", "area"):
        query = "&".join(f"{name}={value}" for value in enums[name])
        assert client.get(f"/api/v1/flexibilities?{query}").status_code == 200, name
    assert params["sort"]["schema"]["enum"] == list(SORTS)
    for value in params["sort"]["schema"]["enum"]:
        assert client.get(f"/api/v1/flexibilities?sort={value}").status_code == 200
    page = params["page"]["schema"]
    for value, status in [
        (page["minimum"], 200),
        (page["maximum"], 200),
        (page["minimum"] - 1, 400),
        (page["maximum"] + 1, 400),
    ]:
        response = client.get(f"/api/v1/flexibilities?page={value}")
        assert response.status_code == status, value


def test_the_page_size_is_the_configured_one(tmp_path, database_url):
    app = create_app(app_config(tmp_path, database_url, PAGE_SIZE=2))
    client = app.test_client()
    doc = client.get(URL).json
    results = doc["components"]["schemas"]["SearchResults"]["properties"]["results"]
    assert results["maxItems"] == 2
    response = client.get("/api/v1/flexibilities")
    assert response.json["total"] > 2
    assert len(response.json["results"]) == 2
    assert response_errors(doc, "/api/v1/flexibilities", response) == []
    app.extensions["finder.engine"].dispose()


def test_the_entry_shape_is_the_published_json_schema(doc):
    schemas = doc["components"]["schemas"]
    published = entry_schema()["$defs"]
    entry = published["entry"]
    assert schemas["Entry"]["properties"].keys() == entry["properties"].keys()
    assert schemas["Entry"]["required"] == entry["required"]
    assert schemas["Source"] == published["source"]
    served = schemas["FlexibilityEntry"]
    assert set(served["properties"]) == set(entry["properties"]) | {"url"}
    assert served["required"] == [*entry["required"], "url"]
    assert "#/$defs/" not in str(doc)


def test_the_footer_links_to_the_description(client):
    page = client.get("/").get_data(as_text=True)
    assert f'href="{URL}"' in page
