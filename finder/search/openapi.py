"""The JSON API described as an OpenAPI 3.1 document (no Flask here).

The entry shape is the catalog's published JSON Schema (``entry_schema()``), moved
into ``components/schemas``; the closed lists (jurisdictions, kinds, policy areas,
sorts) and the limits (page numbers, query length) come from the code that enforces
them, so the description cannot drift from what the API accepts. The web layer
serves it with the deployment's address and page size.
"""

from __future__ import annotations

import copy

from finder.catalog import KINDS, POLICY_AREAS
from finder.catalog.jurisdictions import NAMES
from finder.catalog.schema import DIALECT, entry_schema
from finder.learning import openapi as learning_openapi
from finder.search.engine import FEW_RESULTS
from finder.search.facets import FACETS
from finder.search.query import MAX_QUERY_CHARS
from finder.search.results import MAX_PAGE, SORTS

OPENAPI = "3.1.0"
VERSION = "1"
JSON = "application/json"
MODES = {
    "all": "every word of the query matched",
    "any": f"fewer than {FEW_RESULTS} entries matched every word, so entries matching "
    "any of them are shown, those matching more words first",
    "fuzzy": "nothing matched as typed, so near spellings were searched",
}
# The catalog schema's $defs, as named in components/schemas.
COMPONENT_NAMES = {
    "entry": "Entry",
    "served_entry": "FlexibilityEntry",
    "source": "Source",
    "provision": "Provision",
    "check": "Check",
    "example": "Example",
}


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _moved(node, names: dict[str, str]):
    """A schema with its ``#/$defs/x`` references pointed at components/schemas."""
    if isinstance(node, dict):
        out = {k: _moved(v, names) for k, v in node.items()}
        ref = out.get("$ref", "")
        if ref.startswith("#/$defs/"):
            out["$ref"] = _ref(names[ref.removeprefix("#/$defs/")])["$ref"]
        return out
    if isinstance(node, list):
        return [_moved(v, names) for v in node]
    return node


def _catalog_schemas() -> dict:
    defs = entry_schema()["$defs"]
    missing = set(defs) - set(COMPONENT_NAMES)
    if missing:  # a new nested shape in the catalog needs a component name here
        raise ValueError(f"no component name for {sorted(missing)}")
    return {COMPONENT_NAMES[k]: _moved(v, COMPONENT_NAMES) for k, v in defs.items()}


def _with_url(entry: dict, what: str) -> dict:
    out = copy.deepcopy(entry)
    out["properties"]["url"] = {
        "description": f"The address of {what} page on this site.",
        "type": "string",
        "format": "uri",
    }
    out["required"] = [*out["required"], "url"]
    return out


def _search_schemas(entry: dict, page_size: int) -> dict:
    props = entry["properties"]
    shown = ("id", "state", "title", "kind", "policy_areas", "citations", "summary")
    hit = {
        "type": "object",
        "description": "One matching entry: the fields a results list shows.",
        "properties": {k: copy.deepcopy(props[k]) for k in shown},
        "required": [*shown, "score", "snippet", "verified", "url"],
        "additionalProperties": False,
    }
    hit["properties"] |= {
        "url": _with_url(entry, "the entry's")["properties"]["url"],
        "score": {
            "description": "Relevance score (BM25F), rounded to 4 places; higher "
            "is closer. Comparable only within one search.",
            "type": "number",
        },
        "snippet": {
            "description": "A short passage as HTML: text escaped, the words that "
            "matched inside <mark> elements.",
            "type": "string",
        },
        "verified": copy.deepcopy(props["verified"]),
    }
    facet_values = {
        "state": ("Jurisdiction", sorted(NAMES)),
        "kind": ("Kind", list(KINDS)),
        "area": ("Policy area", list(POLICY_AREAS)),
    }
    facets = {
        name: {
            "description": f"{label}: how many matching entries have each value "
            "(counted with the other filters applied but not this one's own, so a "
            "value shows what adding it to the filter would bring).",
            "type": "object",
            "propertyNames": {"enum": values},
            "additionalProperties": {"type": "integer", "minimum": 0},
        }
        for name, (label, values) in facet_values.items()
    }
    return {
        "SearchHit": hit,
        "SearchResults": {
            "type": "object",
            "description": "One page of search results with facet counts.",
            "properties": {
                "total": {
                    "description": "How many entries match, on all pages.",
                    "type": "integer",
                    "minimum": 0,
                },
                "page": {
                    "description": "This page's number.",
                    "type": "integer",
                    "minimum": 1,
                    "maximum": MAX_PAGE,
                },
                "pages": {
                    "description": "How many pages there are (at least 1).",
                    "type": "integer",
                    "minimum": 1,
                },
                "results": {
                    "description": f"The hits on this page, best first; at most "
                    f"{page_size} on this server.",
                    "type": "array",
                    "items": _ref("SearchHit"),
                    "maxItems": page_size,
                },
                "facets": {
                    "type": "object",
                    "properties": facets,
                    "required": list(FACETS),
                    "additionalProperties": False,
                },
                "suggestion": {
                    "description": "A corrected query when a word looks misspelled "
                    '("did you mean"), else null.',
                    "type": ["string", "null"],
                },
                "match": {
                    "description": "How the words were matched: "
                    + "; ".join(f"{k}: {v}" for k, v in MODES.items())
                    + ".",
                    "type": "string",
                    "enum": list(MODES),
                },
            },
            "required": [
                "total",
                "page",
                "pages",
                "results",
                "facets",
                "suggestion",
                "match",
            ],
            "additionalProperties": False,
        },
    }


ERROR = {
    "type": "object",
    "description": "Every error under /api/v1 has this body.",
    "properties": {
        "error": {
            "description": 'The HTTP status phrase, e.g. "Bad Request".',
            "type": "string",
        },
        "message": {
            "description": "What was wrong, in words meant for a person; for a "
            "search, each parameter that was refused and why.",
            "type": "string",
        },
        "status": {
            "description": "The HTTP status code, as in the response.",
            "type": "integer",
            "minimum": 400,
            "maximum": 599,
        },
    },
    "required": ["error", "message", "status"],
    "additionalProperties": False,
}


def _error(description: str) -> dict:
    return {"description": description, "content": {JSON: {"schema": _ref("Error")}}}


def _ok(description: str, schema: dict) -> dict:
    return {"description": description, "content": {JSON: {"schema": schema}}}


def _list_filter(name: str, what: str, values: list[str], example: str) -> dict:
    return {
        "name": name,
        "in": "query",
        "description": f"Only entries with this {what}. Repeat the parameter for "
        "several (any of them matches); case does not matter. An unknown value "
        "is refused (400).",
        "required": False,
        "style": "form",
        "explode": True,
        "schema": {"type": "array", "items": {"type": "string", "enum": values}},
        "example": [example],
    }


def _search_parameters() -> list[dict]:
    return [
        {
            "name": "q",
            "in": "query",
            "description": "Words, citations as typed (12A.004, § 1204), state names "
            "or codes. A jurisdiction named in the text filters to it like state= "
            "(unless nothing matches there). Text past "
            f"{MAX_QUERY_CHARS} characters is ignored. Empty: every entry.",
            "required": False,
            "schema": {"type": "string"},
            "example": "seat time",
        },
        _list_filter(
            "state", "jurisdiction (postal code, DC or US)", sorted(NAMES), "CO"
        ),
        _list_filter("kind", "kind of mechanism", list(KINDS), "waiver_authority"),
        _list_filter("area", "policy area", list(POLICY_AREAS), "calendar"),
        {
            "name": "page",
            "in": "query",
            "description": "The page of results, from 1.",
            "required": False,
            "schema": {
                "type": "integer",
                "minimum": 1,
                "maximum": MAX_PAGE,
                "default": 1,
            },
        },
        {
            "name": "sort",
            "in": "query",
            "description": "Order of results: "
            + ", ".join(f"{k} ({v.lower()})" for k, v in SORTS.items())
            + ".",
            "required": False,
            "schema": {"type": "string", "enum": list(SORTS), "default": "relevance"},
        },
    ]


def _json_schema_document(what: str) -> dict:
    return {
        "description": f"A JSON Schema (draft 2020-12) of {what}; its $defs hold "
        "the nested shapes.",
        "type": "object",
        "properties": {
            "$schema": {"const": DIALECT},
            "$defs": {"type": "object", "additionalProperties": {"type": "object"}},
        },
        "required": ["$schema", "$defs"],
    }


def _paths(page_size: int) -> dict:
    unexpected = {"default": _error("Any other error (e.g. 500): the same body.")}
    return _catalog_paths(page_size, unexpected) | learning_openapi.paths(unexpected)


def _catalog_paths(page_size: int, unexpected: dict) -> dict:
    return {
        "/flexibilities": {
            "get": {
                "operationId": "searchFlexibilities",
                "tags": ["catalog"],
                "summary": "Search the catalog",
                "description": "Full-text search with filters, facet counts, "
                f"snippets and paging ({page_size} results a page on this server). "
                "Filters are ANDed across parameters and ORed within one. Any "
                "parameter not listed here is refused (400).",
                "parameters": _search_parameters(),
                "responses": {
                    "200": _ok("One page of results.", _ref("SearchResults")),
                    "400": _error(
                        "An unknown parameter or value, or a page out of range; "
                        "the message names each."
                    ),
                    **unexpected,
                },
            }
        },
        "/flexibilities/{entry_id}": {
            "get": {
                "operationId": "getFlexibility",
                "tags": ["catalog"],
                "summary": "One catalog entry",
                "description": "The whole entry, every field the catalog declares, "
                "plus the address of its page.",
                "parameters": [
                    {
                        "name": "entry_id",
                        "in": "path",
                        "required": True,
                        "description": "The entry's id, as in search results.",
                        "schema": copy.deepcopy(
                            entry_schema()["$defs"]["entry"]["properties"]["id"]
                        ),
                        "example": "us-iada",
                    }
                ],
                "responses": {
                    "200": _ok("The entry.", _ref("FlexibilityEntry")),
                    "404": _error("No entry has that id."),
                    **unexpected,
                },
            }
        },
        "/schema/flexibility": {
            "get": {
                "operationId": "getEntrySchema",
                "tags": ["schemas"],
                "summary": "JSON Schema of a catalog entry",
                "description": "What /flexibilities/{entry_id} returns, less its url "
                "(the same shape as components/schemas/Entry here).",
                "responses": {
                    "200": _ok(
                        "The schema.", _json_schema_document("one catalog entry")
                    ),
                    **unexpected,
                },
            }
        },
        "/schema/catalog-file": {
            "get": {
                "operationId": "getCatalogFileSchema",
                "tags": ["schemas"],
                "summary": "JSON Schema of a catalog file",
                "description": "The shape of one jurisdiction's YAML file in "
                "flexibilities/ (also committed as flexibilities/schema.json), for "
                "editors and for deployments adding their own catalog folders.",
                "responses": {
                    "200": _ok(
                        "The schema.", _json_schema_document("one catalog file")
                    ),
                    **unexpected,
                },
            }
        },
        "/openapi.json": {
            "get": {
                "operationId": "getOpenApiDocument",
                "tags": ["schemas"],
                "summary": "This description",
                "responses": {
                    "200": _ok(
                        "An OpenAPI 3.1 document.",
                        {
                            "type": "object",
                            "required": ["openapi", "info", "paths"],
                            "properties": {"openapi": {"const": OPENAPI}},
                        },
                    ),
                    **unexpected,
                },
            }
        },
    }


def document(server_url: str, page_size: int) -> dict:
    """The OpenAPI 3.1 document of the API at ``server_url`` (its /api/v1 address)."""
    schemas = _catalog_schemas()
    entry = schemas["Entry"]
    schemas["Entry"] = {
        **entry,
        "description": "A catalog entry as the YAML files hold it; the published "
        "JSON Schema at /schema/flexibility. " + entry.get("description", ""),
    }
    schemas["FlexibilityEntry"] = {
        **schemas["FlexibilityEntry"],
        "description": "A catalog entry as the API returns it: every declared field "
        "and its page's address.",
    }
    schemas |= _search_schemas(entry, page_size)
    schemas["Error"] = ERROR
    schemas |= learning_openapi.SCHEMAS
    return {
        "openapi": OPENAPI,
        "info": {
            "title": "Flexibility Finder API",
            "version": VERSION,
            "summary": "Read-only access to the catalog of state and federal "
            "flexibility mechanisms for school districts, and to the audit outcomes "
            "districts published.",
            "description": "Search the catalog, read whole entries and the JSON "
            "Schemas of the catalog, published audits and the barriers reports built "
            "from them. No sign-in; every answer is JSON, errors "
            "included. Entries summarize public sources: check the cited sources "
            "before relying on one.",
        },
        "servers": [{"url": server_url, "description": "This site's API."}],
        "tags": [
            {"name": "catalog", "description": "Search and read catalog entries."},
            {"name": "schemas", "description": "Machine-readable descriptions."},
            learning_openapi.TAG,
        ],
        "paths": _paths(page_size),
        "components": {"schemas": schemas},
    }
