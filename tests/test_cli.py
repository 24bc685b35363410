"""The `finder` command line, run through click's test runner."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from finder.cli import main
from tests.conftest import TEST_CATALOG, write_catalog


def invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_validate_ok():
    result = invoke("validate", "--catalog", TEST_CATALOG)
    assert result.exit_code == 0
    assert "OK: 9 entries in 4 files." in result.output


def validate_with_knowledge(tmp_path, monkeypatch, edit):
    """`finder validate` with the shipped rubric and knowledge copied to ``tmp_path``,
    the knowledge's text changed by ``edit``."""
    from finder.audit import rubric, suggester

    for name in ("rubric.yaml", "knowledge.yaml"):
        shutil.copy(rubric.DEFAULT_DIR / name, tmp_path / name)
    knowledge = tmp_path / "knowledge.yaml"
    knowledge.write_text(edit(knowledge.read_text(encoding="utf-8")), encoding="utf-8")
    load = suggester.load_knowledge
    monkeypatch.setattr(suggester, "load_knowledge", lambda: load(tmp_path))
    return invoke("validate", "--catalog", TEST_CATALOG)


def test_validate_checks_the_rubric_and_the_knowledge(tmp_path, monkeypatch):
    result = validate_with_knowledge(
        tmp_path, monkeypatch, lambda text: text.replace("\nfederal:", "\nfederl:")
    )
    assert result.exit_code == 1
    assert "audit_templates: knowledge.yaml: federl: unknown field" in result.output
    assert "problems in the rubric and knowledge." in result.output


def test_validate_says_when_the_knowledge_is_not_yaml(tmp_path, monkeypatch):
    result = validate_with_knowledge(
        tmp_path, monkeypatch, lambda text: "protects: [unclosed\n"
    )
    assert result.exit_code == 1
    assert "audit_templates: knowledge.yaml:" in result.output
    assert "not readable YAML" in result.output
    assert "Traceback" not in result.output


def test_validate_reports_problems_and_exits_1(tmp_path):
    folder = write_catalog(
        tmp_path / "bad",
        {
            "tx.yaml": (TEST_CATALOG / "tx.yaml")
            .read_text()
            .replace("status: active", "status: gone", 1)
        },
    )
    result = invoke("validate", "--catalog", folder)
    assert result.exit_code == 1
    assert "tx.yaml:" in result.output
    assert ": tx-districts-of-innovation: status: 'gone' is not one of" in result.output


def test_index_then_search_json_has_the_api_shape(tmp_path):
    built = invoke("index", "--catalog", TEST_CATALOG, "--index-dir", tmp_path)
    assert built.exit_code == 0, built.output
    assert "Indexed 9 entries" in built.output
    result = invoke(
        "search",
        "KRS",
        "156.108",
        "--json",
        "--catalog",
        TEST_CATALOG,
        "--index-dir",
        tmp_path,
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) >= {"total", "page", "results", "facets", "suggestion"}
    assert data["results"][0]["id"] == "ky-districts-of-innovation"


def test_search_text_output_and_filters(tmp_path):
    result = invoke(
        "search",
        "waiver",
        "--state",
        "co",
        "--catalog",
        TEST_CATALOG,
        "--index-dir",
        tmp_path,
    )
    assert result.exit_code == 0
    assert "co-state-board-waivers" in result.output
    assert "us-esea-8401-waivers" not in result.output


def test_search_rejects_bad_filters(tmp_path):
    result = invoke(
        "search",
        "x",
        "--kind",
        "nope",
        "--catalog",
        TEST_CATALOG,
        "--index-dir",
        tmp_path,
    )
    assert result.exit_code == 2
    assert "unknown kind" in result.output


def test_eval_prints_recall_and_mrr(tmp_path):
    relevance = tmp_path / "rel.yaml"
    relevance.write_text("questions:\n  - query: IADA\n    expected: [us-iada]\n")
    result = invoke(
        "eval",
        "--file",
        relevance,
        "--catalog",
        TEST_CATALOG,
        "--index-dir",
        tmp_path / "ix",
    )
    assert result.exit_code == 0
    assert "recall@5: 1.000  MRR: 1.000" in result.output


def test_report_json_keys():
    result = invoke("report", "--json", "--catalog", TEST_CATALOG)
    data = json.loads(result.output)
    assert set(data) >= {
        "total",
        "by_state",
        "by_kind",
        "cited_share",
        "verified_share",
        "cannot_waive_share",
        "below_target",
    }
    assert data["total"] == 9
    assert data["by_state"]["CO"] == 4
    assert data["refused_hosts"] == []
    assert data["official_share"] == 1.0
    assert set(data["sources_by_publisher"]) >= {"official_law", "mirror"}
    assert data["cited_share"] == round(8 / 9, 3)
    assert data["verified_share"] == round(1 / 9, 3)
    below = {b["state"]: b["entries"] for b in data["below_target"]}
    assert below["CO"] == 4  # the target is five entries per jurisdiction
    assert below["WY"] == 0


def test_report_table():
    result = invoke("report", "--catalog", TEST_CATALOG)
    assert "Entries: 9" in result.output
    assert "Colorado" in result.output


def test_classify_reads_yaml_and_prints_suggestions(tmp_path):
    rules = tmp_path / "rules.yaml"
    rules.write_text(
        "- {text: Uniform school start date, source_level: state_statute, citation: '§ 25.0811', state: TX, label: unnecessary_control}\n"
        "- {text: We always do it this way, source_level: practice, label: not_a_rule}\n"
    )
    result = CliRunner().invoke(
        main, ["classify", "--score", str(rules), "--catalog", str(TEST_CATALOG)]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [r["suggestion"] for r in data] == ["unnecessary_control", "not_a_rule"]
    assert "agreement: 100.0%" in result.stderr


def test_classify_reads_json_from_stdin():
    payload = json.dumps(
        [{"text": "Background checks for staff", "source_level": "state_statute"}]
    )
    result = CliRunner().invoke(
        main, ["classify", "-", "--catalog", str(TEST_CATALOG)], input=payload
    )
    assert json.loads(result.output)[0]["suggestion"] == "essential_oversight"


def test_classify_rejects_malformed_input():
    result = CliRunner().invoke(main, ["classify", "-"], input="just: [a, mapping")
    assert result.exit_code == 1
    assert "cannot read the rules" in result.output


def test_match_prints_ranked_mechanisms_with_the_law(tmp_path):
    rules = tmp_path / "rules.yaml"
    rules.write_text(
        "- text: Bilingual education requirements\n  source_level: state_statute\n"
        "  state: TX\n  policy_area: student_services\n"
        "- text: Uniform start date\n  citation: TEC 25.0811\n  state: TX\n"
        "  policy_area: calendar\n"
    )
    result = invoke("match", str(rules), "--json", "--catalog", TEST_CATALOG)
    data = json.loads(result.output)
    assert [d["rule"] for d in data] == [0, 1]
    doi = next(
        m for m in data[0]["mechanisms"] if m["id"] == "tx-districts-of-innovation"
    )
    assert doi["usable"] is False
    assert set(doi) >= {"id", "usable", "score", "reasons"}
    assert data[1]["mechanisms"][0] == {
        **data[1]["mechanisms"][0],
        "id": "tx-districts-of-innovation",
        "usable": True,
    }


def test_match_score_reports_the_law_figures():
    from tests.conftest import DATA

    result = invoke("match", "--score", str(DATA / "law_match"), "--json")
    figures = json.loads(result.output)
    assert figures["barred_offered_as_usable"] == 0
    assert figures["recall_top_3"] >= 0.8


def test_extract_prints_candidates_from_several_documents(tmp_path):
    from tests.audit import document_samples as samples

    plan = tmp_path / "plan.docx"
    plan.write_bytes(samples.plan_docx())
    manual = tmp_path / "manual.pdf"
    manual.write_bytes(samples.manual_pdf())
    result = invoke("extract", "--state", "TX", plan, manual)
    assert result.exit_code == 0, result.output
    assert "plan.docx: 3 candidate rules" in result.output
    assert "manual.pdf: 5 candidate rules" in result.output
    assert "table 1, row 2: First day of instruction" in result.output
    assert "[Tex. Educ. Code § 25.0811] (state statute)" in result.output

    result = invoke("extract", "--json", "--state", "tx", plan)
    data = json.loads(result.output)
    assert data[0]["kind"] == "docx"
    assert [c["citation"] for c in data[0]["candidates"]] == [
        "Tex. Educ. Code § 25.0811",
        "Tex. Educ. Code § 21.003",
        "Tex. Educ. Code § 25.092",
    ]


def test_extract_reports_unreadable_documents_and_exits_1(tmp_path):
    from tests.audit import document_samples as samples

    scan = tmp_path / "scan.pdf"
    scan.write_bytes(samples.scanned_pdf())
    result = invoke("extract", scan)
    assert result.exit_code == 1
    assert "scan.pdf: 0 candidate rules" in result.output
    assert "probably a scan" in result.output
    assert invoke("extract", "--state", "ZZ", scan).exit_code == 2


def test_validate_templates_checks_the_application_formats(tmp_path):
    folder = write_catalog(
        tmp_path / "texas", {"tx.yaml": (TEST_CATALOG / "tx.yaml").read_text()}
    )
    result = invoke("validate", "--catalog", folder, "--templates")
    assert result.exit_code == 1
    assert (
        "application_formats/us-iada-application.yaml: entries: no catalog entry "
        "'us-iada'" in result.output
    )
    assert "5 problems in the formats." in result.output


@pytest.mark.parametrize(
    ("command", "folder"),
    [
        (["classify", "--set"], "suggest_set"),
        (["match", "--relevance"], "relevance_set"),
        (["match", "--score"], "law_match"),
    ],
)
def test_scores_on_the_test_part_name_no_rule_and_the_dev_part_lists_its_misses(
    command, folder
):
    """The fixed test part is reported as figures only, so no one tunes on which of its
    rules fail; the development part lists each miss for tuning. (A law breach, a
    barred mechanism offered as usable, is named on every part.)"""
    from finder.audit.law_eval import load_labelled, part_of
    from tests.conftest import DATA

    labelled = DATA / folder
    test_texts = [str(r["text"])[:40] for r in part_of(load_labelled(labelled), "test")]
    for args in ([], ["--json"]) if command[0] == "match" else ([],):
        shown = invoke(*command, str(labelled), *args).output
        assert not [t for t in test_texts if t in shown]
        assert "rules" in shown
    dev = invoke(*command, str(labelled), "--part", "dev").output
    assert dev.splitlines()[-1].startswith("rules: ")
    assert invoke(*command, str(labelled), "--part", "all").output != dev
