"""The suggester on the labelled set of real rules: agreement and how often it defers."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from finder.audit.agreement import measure
from finder.catalog import load_catalog
from finder.catalog.validate import is_url
from finder.config import shipped_catalog_dir

DATA = Path(__file__).parent.parent / "data"
LABELS = {"essential_oversight", "unnecessary_control", "not_a_rule"}


@pytest.fixture(scope="module")
def labelled():
    rules = []
    for name in ("labelled_rules_a.yaml", "labelled_rules_b.yaml"):
        rules += yaml.safe_load((DATA / name).read_text())["rules"]
    return rules


def test_labelled_set_is_real_and_sourced(labelled):
    assert len(labelled) >= 60
    assert len({r["state"] for r in labelled}) >= 5
    for rule in labelled:
        assert rule["label"] in LABELS, rule["text"]
        assert rule["why"].strip(), rule["text"]
        assert is_url(rule["source"]["url"]), rule["text"]
    assert min(Counter(r["label"] for r in labelled).values()) >= 5


def test_agreement_on_the_labelled_set(labelled):
    result = measure(labelled, load_catalog([shipped_catalog_dir()]))
    assert result.agreement >= 0.85, result.disagreements
    assert result.review_share <= 0.20
