"""One declaration of the catalog entry: the validator, the loader, to_dict, the JSON
Schema (and its committed copy) and the importer all agree with it."""

from __future__ import annotations

import copy
import json
from dataclasses import fields

import pytest
import yaml
from click.testing import CliRunner
from jsonschema import Draft202012Validator, FormatChecker

from finder.catalog import read
from finder.catalog.importer import draft_entries
from finder.catalog.loader import FILE_FIELDS, catalog_files
from finder.catalog.model import NESTED, CatalogFile, Entry, declared_fields
from finder.catalog.schema import entry_schema, file_schema, schema_text
from finder.catalog.validate import (
    CHECK_FIELDS,
    EXAMPLE_FIELDS,
    FIELDS,
    PROVISION_FIELDS,
    SOURCE_FIELDS,
    entry_problems,
)
from finder.cli import main
from finder.config import shipped_catalog_dir

SHIPPED = shipped_catalog_dir()


def schema_errors(value, schema: dict) -> list[str]:
    """Every place where ``value`` does not fit the JSON Schema (draft 2020-12, dates
    checked as dates), as "path: message"."""
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    return [
        "/".join(str(p) for p in error.absolute_path) + ": " + error.message
        for error in validator.iter_errors(value)
    ]


def as_json(raw):
    """YAML data as JSON would carry it (dates as ISO text)."""
    return json.loads(json.dumps(raw, default=lambda d: d.isoformat()))


def shipped_files() -> list[dict]:
    return [
        yaml.safe_load(p.read_text(encoding="utf-8")) for p in catalog_files([SHIPPED])
    ]


@pytest.fixture(scope="module")
def raw_entry() -> dict:
    return copy.deepcopy(shipped_files()[0]["entries"][0])


def test_every_model_field_is_declared_and_everywhere():
    entry_props = entry_schema()["$defs"]["entry"]["properties"]
    declared = [f.name for f in declared_fields(Entry)]
    # every dataclass field but the loader's own note of origin is a YAML field
    assert [f.name for f in fields(Entry) if f.name != "origin"] == declared
    assert list(entry_props) == declared == list(FIELDS)
    for name, cls in NESTED.items():
        assert list(entry_schema()["$defs"][name]["properties"]) == [
            f.name for f in fields(cls)
        ]
    nested = {
        "source": SOURCE_FIELDS,
        "provision": PROVISION_FIELDS,
        "check": CHECK_FIELDS,
        "example": EXAMPLE_FIELDS,
    }
    defs = entry_schema()["$defs"]
    assert {k: set(defs[k]["properties"]) for k in nested} == nested
    required = entry_schema()["$defs"]["entry"]["required"]
    assert required == [name for name, (req, _) in FIELDS.items() if req]
    assert (
        set(file_schema()["properties"])
        == FILE_FIELDS
        == {f.name for f in fields(CatalogFile)}
    )


def test_to_dict_of_every_loaded_entry_has_the_schema_s_properties_and_fits(catalog):
    schema = entry_schema()
    props = set(schema["$defs"]["entry"]["properties"])
    yaml_entry = entry_schema(served=False)
    shipped = read([SHIPPED])
    for entry in [*catalog.entries, *shipped.entries]:
        data = entry.to_dict()
        assert set(data) == props
        assert schema_errors(data, yaml_entry) == [], entry.id
        served = {**data, "url": f"https://finder.example.org/flexibilities/{entry.id}"}
        assert schema_errors(served, schema) == [], entry.id
    assert schema_errors(data, schema)  # the API's entry has its url


def test_the_shipped_catalog_fits_the_json_schema():
    schema = file_schema()
    for data in shipped_files():
        assert schema_errors(as_json(data), schema) == [], data["jurisdiction"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda e: e.pop("approver"), "approver"),
        (lambda e: e.pop("last_reviewed"), "last_reviewed"),
        (lambda e: e.update(aprover="x"), "aprover"),
        (lambda e: e.update(kind="waiver"), "kind"),
        (lambda e: e.update(policy_areas=[]), "policy_areas"),
        (lambda e: e.update(verified="maybe"), "verified"),
        (lambda e: e.update(effective="soon"), "effective"),
        (lambda e: e["sources"][0].update(publisher="blog"), "sources[0].publisher"),
        (lambda e: e["sources"][0].update(ulr="x"), "sources[0].ulr"),
        (lambda e: e["sources"][0].pop("title"), "sources[0].title"),
        (
            lambda e: e.update(examples=[{"name": "X", "source": 5}]),
            "examples[0].source",
        ),
        (lambda e: e.update(cannot_waive=[{"txt": "x"}]), "cannot_waive[0]"),
        (lambda e: e.update(verified_against=[{"url": "x"}]), "verified_against[0]"),
    ],
)
def test_the_validator_and_the_json_schema_refuse_the_same_entry(
    raw_entry, change, field
):
    raw = copy.deepcopy(raw_entry)
    assert entry_problems(raw, raw["state"]) == []
    assert schema_errors(as_json(raw), entry_schema(served=False)) == []
    change(raw)
    problems = entry_problems(raw, raw["state"])
    assert any(name.startswith(field) for name, _ in problems), problems
    assert schema_errors(as_json(raw), entry_schema(served=False))


@pytest.mark.parametrize(
    "change",
    [
        lambda e: e.update(note=None),
        lambda e: e.update(official_source=None),
        lambda e: e["sources"][0].update(publisher=None),
        lambda e: e.update(
            examples=[{"name": "X", "note": None, "source": "https://example.org/x"}]
        ),
        lambda e: e.update(cannot_waive=[{"text": "x", "citations": None}]),
    ],
)
def test_the_validator_and_the_json_schema_accept_the_same_nulls(raw_entry, change):
    """An optional field given as null is left out, for both."""
    raw = copy.deepcopy(raw_entry)
    change(raw)
    assert entry_problems(raw, raw["state"]) == []
    assert schema_errors(as_json(raw), entry_schema(served=False)) == []


def test_an_id_with_a_line_break_is_refused(raw_entry):
    """ "a-b\n" would pass a pattern ending in $ and slip past the duplicate check."""
    raw = copy.deepcopy(raw_entry)
    raw["id"] += "\n"
    assert any(name == "id" for name, _ in entry_problems(raw, raw["state"]))


def test_missing_and_unknown_fields_keep_their_messages(raw_entry):
    raw = copy.deepcopy(raw_entry)
    del raw["term"]
    raw["trem"] = "x"
    assert ("term", "is required") in entry_problems(raw, raw["state"])
    assert ("trem", "unknown field (a typo?)") in entry_problems(raw, raw["state"])


def test_waives_left_out_or_null_is_the_default_scope(raw_entry):
    raw = copy.deepcopy(raw_entry)
    raw["waives"] = None
    assert entry_problems(raw, raw["state"]) == []
    raw["waives"] = "Tex. Educ. Code"
    assert ("waives", "must be a list") in entry_problems(raw, raw["state"])


def test_the_committed_schema_is_the_generated_one():
    committed = (SHIPPED / "schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(), "run: finder schema --write"
    assert json.loads(committed) == file_schema()


def test_the_cli_prints_the_schema():
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0
    assert result.output == schema_text()


def test_the_loader_reads_yaml_files_only():
    assert (SHIPPED / "schema.json").is_file()
    assert all(p.suffix in {".yaml", ".yml"} for p in catalog_files([SHIPPED]))


def test_a_draft_from_the_importer_has_every_required_field():
    html = "<title>Guide</title><h2>Seat time waiver</h2><p>Districts may waive seat time.</p>"
    draft = draft_entries(html, "TX", "guide.html", "https://tea.texas.gov/guide")
    [entry] = draft["entries"]
    required = entry_schema()["$defs"]["entry"]["required"]
    assert [k for k in entry if k in required] == required
    assert schema_errors(as_json(draft), file_schema()) == []
