"""Command-line doors for files: classify's loader, import-html's text, restore's lock."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

from click.testing import CliRunner

from finder.cli import main
from tests.audit.test_exchange import LAUGHS
from tests.conftest import TEST_CATALOG
from tests.test_cli_store import env, upgraded_with_admin  # noqa: F401  (fixture)


def run(*args, **kwargs):
    return CliRunner().invoke(main, list(args), **kwargs)


def test_classify_refuses_expanding_yaml_at_once():
    start = time.perf_counter()
    result = run("classify", "-", "--catalog", str(TEST_CATALOG), input=LAUGHS)
    assert time.perf_counter() - start < 2  # was: never returned
    assert result.exit_code == 1
    assert "anchors and aliases" in result.output


def test_match_uses_the_same_bounded_loader():
    start = time.perf_counter()
    result = run("match", "-", "--catalog", str(TEST_CATALOG), input=LAUGHS)
    assert time.perf_counter() - start < 2
    assert result.exit_code == 1
    assert "anchors and aliases" in result.output
    wrong = run("match", "-", "--catalog", str(TEST_CATALOG), input="rules: 5\n")
    assert "rules: expected a list" in wrong.output
    body = '[{"text": "Uniform start date\\u000b", "source_level": "state_statute", "state": "TX"}]'
    ok = run("match", "-", "--json", "--catalog", str(TEST_CATALOG), input=body)
    assert ok.exit_code == 0, ok.output
    assert json.loads(ok.output)[0]["rule"] == 0


def test_classify_reports_each_wrong_rule_with_its_place():
    body = "rules:\n  - text: Start date\n  - 5\n  - {text: x, answers: [1]}\n"
    result = run("classify", "-", "--catalog", str(TEST_CATALOG), input=body)
    assert result.exit_code == 1
    assert "rules[1]: expected a mapping" in result.output
    assert "rules[2].answers: expected a mapping" in result.output


def test_classify_reads_cleaned_text(tmp_path):
    path = tmp_path / "rules.json"
    path.write_bytes(b'[{"text": "Minimum minutes\\u000b of instruction\\r\\n"}]')
    result = run("classify", str(path), "--catalog", str(TEST_CATALOG))
    assert result.exit_code == 0, result.output


def test_import_html_cleans_control_characters(tmp_path):
    page = tmp_path / "guide.html"
    page.write_bytes(
        b"<html><body><h2>Innovation\x0b zones\x00</h2><p>Districts may apply "
        b"\x1bfor waivers of seat time under section 1.2.\r\n</p></body></html>"
    )
    result = run("import-html", str(page), "--state", "TX")
    assert result.exit_code == 0, result.output
    assert "\x00" not in result.output
    assert "\x1b" not in result.output


def test_restore_refuses_while_the_app_runs(env, tmp_path):  # noqa: F811
    upgraded_with_admin()
    backup = tmp_path / "backup.sqlite3"
    assert run("backup", str(backup)).exit_code == 0
    # A real app process on the same database (as `finder serve` would start it).
    app = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from finder import create_app; create_app(); "
            "print('up', flush=True); time.sleep(60)",
        ],
        env={**os.environ, "FINDER_INSTANCE_DIR": str(tmp_path)},
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert app.stdout.readline().strip() == "up"
        refused = run("restore", str(backup), "--yes")
        assert refused.exit_code == 1
        assert "The app is running" in refused.output
        assert "Stop every app process" in refused.output
    finally:
        app.kill()
        app.wait()
        app.stdout.close()
    assert run("restore", str(backup), "--yes").exit_code == 0  # stopped: allowed
