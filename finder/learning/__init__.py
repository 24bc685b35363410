"""From local audits to state learning: what a team publishes and what the public sees.

No Flask and no database here. ``cases`` turns an audit and an owner's choices into
the public view of one case; ``barriers`` aggregates published cases into the
barriers report (rules grouped by parsed citation, small anonymous groups withheld).
"""

from finder.learning.barriers import (
    MIN_DISTRICTS,
    Barrier,
    BarriersReport,
    build_barriers,
    districts_using,
)
from finder.learning.cases import (
    CHOICES,
    Case,
    Choices,
    Publication,
    PublicMetric,
    PublicRule,
    build_case,
)

__all__ = [
    "CHOICES",
    "MIN_DISTRICTS",
    "Barrier",
    "BarriersReport",
    "Case",
    "Choices",
    "PublicMetric",
    "PublicRule",
    "Publication",
    "build_barriers",
    "build_case",
    "districts_using",
]
