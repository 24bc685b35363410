"""The published-cases part of the API's OpenAPI description (no Flask here).

``finder.search.openapi`` merges these paths and schemas into the one document. The
shapes follow ``finder.learning.records``; the tests check real answers against them.
"""

from __future__ import annotations

from finder.catalog import POLICY_AREAS
from finder.catalog.jurisdictions import NAMES
from finder.learning.barriers import MIN_DISTRICTS
from finder.learning.cases import PUBLISHED_DECISIONS

JSON = "application/json"
STATES = sorted(code for code in NAMES if code != "US")


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _answer(description: str, schema: dict) -> dict:
    return {"description": description, "content": {JSON: {"schema": schema}}}


def _text_or_null(description: str) -> dict:
    return {"type": ["string", "null"], "description": description}


CASES_PER_PAGE = 50  # published cases in one answer of /cases


def _closed(properties: dict, description: str = "") -> dict:
    out = {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }
    return {"description": description, **out} if description else out


MECHANISM = _closed(
    {
        "id": {"type": "string", "description": "The catalog entry's id."},
        "title": {"type": "string"},
        "url": {
            "type": "string",
            "description": "Its page; empty once the entry left the catalog.",
        },
    },
    "A catalog mechanism a case chose.",
)

SCHEMAS = {
    "Mechanism": MECHANISM,
    "PublishedRule": _closed(
        {
            "text": {"type": "string"},
            "citation": {"type": "string", "description": "As the team wrote it."},
            "source_level": {"type": "string"},
            "policy_area": {"type": "string", "enum": list(POLICY_AREAS)},
            "decision": {"type": "string", "enum": list(PUBLISHED_DECISIONS)},
            "mechanisms": {"type": "array", "items": _ref("Mechanism")},
            "rationale": _text_or_null("Null unless the owner published rationales."),
            "replacement_plan": _text_or_null(
                "How the rule's intent is still met; null unless published."
            ),
        }
    ),
    "PublishedMetric": _closed(
        {
            k: {"type": "string"}
            for k in (
                "area",
                "metric",
                "baseline",
                "target",
                "data_source",
                "frequency",
            )
        }
    ),
    "PublishedCase": _closed(
        {
            "id": {"type": "integer"},
            "url": {"type": "string", "format": "uri"},
            "published": {"type": "string", "format": "date-time"},
            "state": {"type": "string", "enum": STATES},
            "named": {"type": "boolean"},
            "district": _text_or_null("Null for an anonymous case."),
            "title": _text_or_null("Null unless the owner published it."),
            "description": _text_or_null("Null unless the owner published it."),
            "rules": {"type": "array", "items": _ref("PublishedRule")},
            "mechanisms": {"type": "array", "items": _ref("Mechanism")},
            "metrics": {"type": "array", "items": _ref("PublishedMetric")},
        },
        "An audit's outcome as its owner chose to publish it; fields not chosen are "
        "null or empty.",
    ),
    "PublishedCases": _closed(
        {
            "cases": {
                "type": "array",
                "items": _ref("PublishedCase"),
                "maxItems": CASES_PER_PAGE,
            },
            "page": {"type": "integer", "minimum": 1},
            "pages": {"type": "integer", "minimum": 1},
            "next": {
                "type": ["string", "null"],
                "description": "The address of the next page; null on the last.",
            },
        },
        f"One page of published cases, at most {CASES_PER_PAGE}, newest first.",
    ),
    "Barrier": _closed(
        {
            "rule": {
                "type": "string",
                "description": "The citation in normal form, or the rule's words.",
            },
            "cited": {"type": "boolean"},
            "states": {"type": "array", "items": {"type": "string"}},
            "districts": {
                "type": ["integer", "null"],
                "minimum": 1,
                "description": f"Null where fewer than {MIN_DISTRICTS} districts "
                "share the rule and one of them is anonymous.",
            },
            "districts_text": {"type": "string"},
            "mechanisms": {
                "type": "array",
                "items": {
                    **MECHANISM,
                    "properties": {
                        **MECHANISM["properties"],
                        "districts": {"type": "integer", "minimum": 1},
                    },
                    "required": [*MECHANISM["required"], "districts"],
                },
            },
            "named_cases": {
                "type": "array",
                "items": _closed(
                    {
                        "id": {"type": "integer"},
                        "district": {"type": "string"},
                        "url": {"type": "string", "format": "uri"},
                    }
                ),
            },
        }
    ),
    "BarriersReport": _closed(
        {
            "state": {"type": ["string", "null"], "enum": [*STATES, None]},
            "cases": {"type": "integer", "minimum": 0},
            "named_districts": {
                "type": "integer",
                "minimum": 0,
                "description": "Districts that named themselves in a case (no total "
                "of districts is given, so anonymous cases cannot be told apart).",
            },
            "min_districts": {"const": MIN_DISTRICTS},
            "withheld": {
                "type": "integer",
                "minimum": 0,
                "description": "Rules without a citation shared by fewer than "
                f"{MIN_DISTRICTS} districts, an anonymous one among them: not listed.",
            },
            "rows": {"type": "array", "items": _ref("Barrier")},
        },
        "Rules districts judged unnecessary control, grouped by parsed citation.",
    ),
}


def _state_parameter(what: str) -> dict:
    return {
        "name": "state",
        "in": "query",
        "required": False,
        "description": f"Only {what} of this state (postal code). Absent: every state.",
        "schema": {"type": "string", "enum": STATES},
    }


def paths(unexpected: dict) -> dict:
    """The published-cases paths; ``unexpected`` is the shared default response."""
    bad = {"400": _answer("An unknown parameter or state.", _ref("Error"))}
    return {
        "/cases": {
            "get": {
                "operationId": "listPublishedCases",
                "tags": ["cases"],
                "summary": "Published audits",
                "description": "Every audit outcome an owner published, newest first.",
                "parameters": [
                    _state_parameter("cases"),
                    {
                        "name": "page",
                        "in": "query",
                        "required": False,
                        "description": "Which page (from 1).",
                        "schema": {"type": "integer", "minimum": 1, "default": 1},
                    },
                ],
                "responses": {
                    "200": _answer("The cases.", _ref("PublishedCases")),
                    **bad,
                    **unexpected,
                },
            }
        },
        "/cases/{case_id}": {
            "get": {
                "operationId": "getPublishedCase",
                "tags": ["cases"],
                "summary": "One published audit",
                "parameters": [
                    {
                        "name": "case_id",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "integer"},
                    }
                ],
                "responses": {
                    "200": _answer("The case.", _ref("PublishedCase")),
                    "404": _answer("No published case has that id.", _ref("Error")),
                    **unexpected,
                },
            }
        },
        "/barriers": {
            "get": {
                "operationId": "getBarriersReport",
                "tags": ["cases"],
                "summary": "Rules most often judged unnecessary control",
                "description": "Grouped by parsed citation, most districts first.",
                "parameters": [_state_parameter("cases")],
                "responses": {
                    "200": _answer("The report.", _ref("BarriersReport")),
                    **bad,
                    **unexpected,
                },
            }
        },
    }


TAG = {
    "name": "cases",
    "description": "Audit outcomes district teams chose to publish, and the barriers "
    "reports built from them.",
}
