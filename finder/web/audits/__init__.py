"""The audit wizard's pages, one module per step, on one blueprint.

``common`` holds the blueprint and what every step shares (loading an audit with its
team's permission, saving with conflict detection, the page context); the other modules
only register views on it.
"""

from finder.web.audits import (
    evaluation,
    exchange,
    publish,
    review,
    rules,
    setup,
    summary,
)
from finder.web.audits.common import bp

__all__ = [
    "bp",
    "evaluation",
    "exchange",
    "publish",
    "review",
    "rules",
    "setup",
    "summary",
]
