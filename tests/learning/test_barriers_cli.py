"""`finder barriers` prints the report of the published audits in the database."""

from __future__ import annotations

import json

from click.testing import CliRunner

from finder.cli import main
from finder.store.db import make_engine, make_sessionmaker
from tests.learning.sample import seed


def test_the_command_prints_the_sample_report(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    monkeypatch.setenv("DATABASE_URL", url)
    runner = CliRunner()
    assert runner.invoke(main, ["db", "upgrade"]).exit_code == 0
    engine = make_engine(url)
    with make_sessionmaker(engine)() as session:
        assert len(seed(session)) == 12
    engine.dispose()

    texas = runner.invoke(main, ["barriers", "--state", "tx"])
    assert texas.exit_code == 0, texas.output
    lines = texas.output.splitlines()
    assert lines[:2] == [
        "Barriers report: Texas",
        "5 published cases, 2 named districts",
    ]
    assert lines[3].split() == ["4", "Tex.", "Educ.", "Code", "§", "25.0811"]
    assert "fewer than 3  Tex. Educ. Code § 21.003" in texas.output

    nation = json.loads(runner.invoke(main, ["barriers", "--json"]).output)
    assert nation["cases"] == 12
    assert nation["rows"][0]["districts"] == 4
    refused = runner.invoke(main, ["barriers", "--state", "ZZ"])
    assert refused.exit_code == 2
    assert "not a state's postal code" in refused.output
