"""The audit's steps in order, and how far an audit has got through them."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from finder.audit.decisions import derived_decision, effective_decision
from finder.audit.matching import mechanism_problems
from finder.audit.model import AuditData
from finder.audit.rubric import DECISIONS, Rubric


@dataclass(frozen=True)
class Step:
    id: str
    title: str


STEPS = (
    Step("setup", "Set-up"),
    Step("template", "Template"),
    Step("rules", "Rules"),
    Step("review", "Review each rule"),
    Step("summary", "Summary"),
    Step("evaluation", "Evaluation plan"),
    Step("document", "Document"),
)


def rule_status(rule, rubric: Rubric) -> str:
    """Where one rule stands: 'decided', 'needs_review' or 'open'."""
    if rule.decision:
        return "decided"
    decision, _ = derived_decision(rule, rubric)
    return "needs_review" if decision == "needs_review" else "open"


@dataclass(frozen=True)
class Progress:
    """Where an audit stands. Decisions and suggestions are counted apart: a rule is
    decided only when the team recorded a decision."""

    total: int
    decided: int
    by_decision: Counter  # recorded decisions only
    suggested: Counter  # undecided rules, by what the rubric suggests
    by_area: dict[str, Counter]  # recorded decisions, plus "undecided"
    open_questions: list[
        tuple[str, tuple[str, ...]]
    ]  # (rule uid, what is open), once each

    @property
    def percent(self) -> int:
        return round(100 * self.decided / self.total) if self.total else 0


def progress(data: AuditData, rubric: Rubric, catalog=None) -> Progress:
    """Counts by recorded decision and policy area, suggestions apart, and what is left
    (with a catalog: also each chosen mechanism that is unknown or cannot lawfully lift
    its rule, the same items that block a final document)."""
    by_decision: Counter = Counter()
    suggested: Counter = Counter()
    by_area: dict[str, Counter] = {}
    open_questions: list[tuple[str, tuple[str, ...]]] = []
    for rule in data.rules:
        left: list[str] = []
        if rule.decision:
            by_decision[rule.decision] += 1
            by_area.setdefault(rule.policy_area, Counter())[rule.decision] += 1
        else:
            decision = effective_decision(rule, rubric)
            suggested[decision] += 1
            by_area.setdefault(rule.policy_area, Counter())["undecided"] += 1
            left.append(
                f"no decision recorded yet (suggested: {DECISIONS[decision].lower()})"
            )
        if rule.decision == "unnecessary_control" and not rule.mechanisms:
            left.append("no mechanism chosen to lift it")
        elif rule.decision == "unnecessary_control" and catalog is not None:
            left += mechanism_problems(rule, data.state, catalog)
        if rule.binds is None:
            left.append("nobody has checked whether it really binds")
        if left:
            open_questions.append((rule.uid, tuple(left)))
    return Progress(
        len(data.rules),
        sum(by_decision.values()),
        by_decision,
        suggested,
        by_area,
        open_questions,
    )


def chart(
    progress: Progress, labels: dict[str, str], decisions: dict[str, str]
) -> dict | None:
    """Geometry for a horizontal stacked bar chart of decisions by policy area (SVG units)."""
    if not progress.by_area:
        return None
    label_width, plot_width, step = 190, 420, 30
    largest = max(sum(c.values()) for c in progress.by_area.values())
    bars = []
    for row, (area, counts) in enumerate(sorted(progress.by_area.items())):
        x, segments = label_width, []
        for decision in [*decisions, "undecided"]:
            count = counts.get(decision, 0)
            if count:
                width = plot_width * count / largest
                segments.append(
                    {
                        "decision": decision,
                        "count": count,
                        "x": round(x, 1),
                        "width": round(width, 1),
                    }
                )
                x += width
        bars.append(
            {"label": labels.get(area, area), "y": row * step + 4, "segments": segments}
        )
    return {
        "width": label_width + plot_width + 10,
        "height": len(bars) * step + 8,
        "bars": bars,
    }
