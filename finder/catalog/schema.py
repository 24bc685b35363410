"""The catalog's JSON Schema (draft 2020-12), derived from the declarations in model.py.

``file_schema()`` describes a catalog file (``flexibilities/schema.json``, which YAML
editors can check files against); ``entry_schema()`` one entry, as the API serves it
(the YAML's fields and its page's ``url``).
``finder validate`` checks more than a schema can say (citations that parse, hosts,
ids that exist); the schema catches typos and wrong shapes while one types.
"""

from __future__ import annotations

import copy
import json
from dataclasses import MISSING

from finder.catalog.model import (
    NESTED,
    TEXT_FORM,
    CatalogFile,
    Entry,
    declared_fields,
)

DIALECT = "https://json-schema.org/draft/2020-12/schema"
_DEFS = {cls: name for name, cls in NESTED.items()} | {Entry: "entry"}


def _text(meta) -> dict:
    out: dict = {"type": "string"}
    if "choices" in meta:
        out["enum"] = list(meta["choices"])
    if "pattern" in meta:
        out["pattern"] = meta["pattern"]
    elif "blank_message" in meta:
        out["pattern"] = r"\S"
    return out


def _property(meta) -> dict:
    shape = meta["shape"]
    nullable = shape.endswith("?")
    shape = shape.rstrip("?")
    if shape == "str":
        out = _text(meta)
    elif shape == "text":
        out = {"type": "string", "pattern": r"\S"}
    elif shape == "url":
        out = {"type": "string", "format": "uri", "pattern": r"^https?://\S+$"}
    elif shape == "bool":
        out = {"type": "boolean"}
    elif shape == "date":
        out = {"type": "string", "format": "date"}
    elif shape in {"list[str]", "list[citation]"}:
        out = {"type": "array", "items": {**_text(meta), "pattern": r"\S"}}
        if "pattern" in meta:
            out["items"]["pattern"] = meta["pattern"]
    else:
        cls = NESTED.get(shape[len("list[") : -1]) or Entry
        item: dict = {"$ref": f"#/$defs/{_DEFS[cls]}"}
        if cls in TEXT_FORM:
            item = {"anyOf": [{"type": "string", "pattern": r"\S"}, item]}
        out = {"type": "array", "items": item}
    if "min_items" in meta:
        out["minItems"] = meta["min_items"]
    if nullable or not meta["required"]:
        # an optional field given as null is left out (finder validate reads it so)
        out["type"] = [out["type"], "null"]
        if "enum" in out:
            out["enum"] = [*out["enum"], None]
    return {"description": meta["doc"], **out}


def object_schema(cls) -> dict:
    """A declared dataclass as a JSON Schema object: its fields, the required ones,
    no others."""
    fields = declared_fields(cls)
    required = [f.name for f in fields if f.metadata["required"]]
    out = {
        "type": "object",
        "properties": {f.name: _property(f.metadata) for f in fields},
        "required": required,
        "additionalProperties": False,
    }
    if cls.__doc__ and not cls.__doc__.startswith(cls.__name__ + "("):
        out = {"description": " ".join(cls.__doc__.split()), **out}
    return out


def _defs() -> dict:
    return {name: object_schema(cls) for cls, name in _DEFS.items()}


def entry_schema(served: bool = True) -> dict:
    """The JSON Schema of one catalog entry as the API returns it: the fields of the
    YAML (``$defs/entry``) and ``url``, the entry's page on the site; with
    ``served=False``, as written in the YAML."""
    defs = _defs()
    if not served:
        return {
            "$schema": DIALECT,
            "title": "Flexibility Finder catalog entry",
            "$ref": "#/$defs/entry",
            "$defs": defs,
        }
    served = copy.deepcopy(defs["entry"])
    served["properties"]["url"] = {
        "description": "The entry's page on this site (given by the API, not written "
        "in the YAML).",
        "type": "string",
        "format": "uri",
    }
    served["required"] = [*served["required"], "url"]
    return {
        "$schema": DIALECT,
        "title": "Flexibility Finder catalog entry",
        "$ref": "#/$defs/served_entry",
        "$defs": {**defs, "served_entry": served},
    }


def file_schema() -> dict:
    """The JSON Schema of a catalog file (``flexibilities/<code>.yaml``)."""
    return {
        "$schema": DIALECT,
        "title": "Flexibility Finder catalog file",
        **object_schema(CatalogFile),
        "$defs": _defs(),
    }


def schema_text() -> str:
    """``file_schema()`` as the text of ``flexibilities/schema.json``."""
    return json.dumps(file_schema(), indent=2, ensure_ascii=False) + "\n"


def blank_entry() -> dict:
    """Every required field of an entry with an empty value of its shape, in the
    declared order (drafts start from this, so none is forgotten)."""
    empty = {"str": "", "bool": False}
    out = {}
    for f in declared_fields(Entry):
        if not f.metadata["required"]:
            continue
        shape = f.metadata["shape"]
        out[f.name] = [] if shape.startswith("list[") else empty.get(shape)
    return out


def optional_defaults() -> dict:
    """The optional fields of an entry and the values that mean "left out"."""
    return {
        f.name: f.default
        for f in declared_fields(Entry)
        if not f.metadata["required"] and f.default is not MISSING
    }
