"""The published cases and barriers reports the public pages read, cached per process.

Every public view (pages, feed, CSV, API, entry pages) reads through here. A cheap
stamp of the publications table (count, sum of ids, latest publishing time) is asked
on each request; while it is unchanged the parsed cases and the built reports are
reused, so a page view costs one small query however many cases are published, and
publishing, publishing again or unpublishing is seen by the next request.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from finder.learning.barriers import BarriersReport, build_barriers
from finder.learning.cases import Publication
from finder.store import publications
from finder.web import db

REPORTS_KEPT = 64  # reports of different states kept for one stamp

_lock = threading.Lock()
_cached: dict = {"stamp": None, "cases": [], "reports": OrderedDict()}


def _current() -> tuple[tuple, list[Publication]]:
    session = db.session()
    stamp = publications.stamp(session)
    with _lock:
        if _cached["stamp"] == stamp:
            return stamp, _cached["cases"]
    cases = publications.published(session)
    with _lock:
        _cached.update(stamp=stamp, cases=cases, reports=OrderedDict())
    return stamp, cases


def cases(state: str = "") -> list[Publication]:
    """Every published case (of one state, by postal code, when given), newest first."""
    _, found = _current()
    return [p for p in found if p.case.state == state] if state else list(found)


def report(state: str = "") -> BarriersReport:
    """The barriers report of one state, or of the nation for "" (built once per
    change of what is published)."""
    stamp, found = _current()
    with _lock:
        reports = _cached["reports"]
        if _cached["stamp"] == stamp and state in reports:
            reports.move_to_end(state)
            return reports[state]
    built = build_barriers(found, state)
    with _lock:
        if _cached["stamp"] == stamp:
            reports = _cached["reports"]
            reports[state] = built
            while len(reports) > REPORTS_KEPT:
                reports.popitem(last=False)
    return built
