"""What a section builder reads (the audit, the catalog, the chosen mechanisms) and writes to."""

from __future__ import annotations

from dataclasses import dataclass, field

from finder.audit.matching import LOCAL_ROUTES
from finder.audit.model import AuditData, AuditRule
from finder.catalog import Catalog
from finder.documents.blanks import Blank, missing
from finder.law import link_for, parse_citation

# Where warnings about the whole document go: the cover's before every rule's,
# the rest after.
BEFORE_RULES = -1
AFTER_RULES = 1_000_000


def law_link(citation: str, state: str) -> tuple[str, bool]:
    """(URL, official?) of the text a citation names, or ("", True) if it does not parse."""
    cit = parse_citation(citation, state) if citation else None
    link = link_for(cit) if cit else None
    return (link.url, link.official) if link else ("", True)


@dataclass
class BuildContext:
    """One build of the document: its sources, and the warnings its sections raise.

    Every section's builder runs on every build, chosen or not, so warnings and stored
    versions do not depend on which sections the team prints.
    """

    data: AuditData
    catalog: Catalog
    # The mechanisms the requests rely on (catalog entries and local routes), by id,
    # in the order the requests first name them.
    mechanisms: dict[str, object] = field(default_factory=dict)
    # (position, message): warnings about a rule sit at its index among the audit's
    # rules, so the list reads in the audit's order whichever section raised them.
    warnings: list[tuple[int, str]] = field(default_factory=list)
    blocking: list[str] = field(default_factory=list)
    advisory: list[str] = field(default_factory=list)
    # the section whose builder raised each warning ("" for the document as a whole)
    section_of: dict[str, str] = field(default_factory=dict)
    building: str = ""  # the section being built now

    def __post_init__(self) -> None:
        for rule in self.data.rules:
            if rule.decision == "unnecessary_control":
                for mechanism in self.mechanisms_of(rule):
                    self.mechanisms.setdefault(mechanism.id, mechanism)

    def mechanisms_of(self, rule: AuditRule) -> list:
        """The mechanisms a rule names that exist (in the catalog or as a local route)."""
        found = [self.catalog.get(m) or LOCAL_ROUTES.get(m) for m in rule.mechanisms]
        return [m for m in found if m is not None]

    def warn(
        self,
        message: str,
        at: int = AFTER_RULES,
        blocking: bool = False,
        advisory: bool = False,
    ) -> None:
        """A warning for "To resolve". Every one but an ``advisory`` one (a check the
        reader makes, such as reading the law in its official text) is work left, which
        a final document cannot have; ``blocking`` ones are the law's own refusals."""
        self.warnings.append((at, message))
        self.section_of.setdefault(message, self.building)
        if blocking:
            self.blocking.append(message)
        if advisory:
            self.advisory.append(message)

    def require(
        self, subject: str, obj, blanks: tuple[Blank, ...], at: int = AFTER_RULES
    ) -> None:
        """Warn once about every blank of ``blanks`` that ``obj`` leaves empty."""
        message = missing(subject, obj, blanks)
        if message:
            self.warn(message, at)

    def ordered_warnings(self) -> list[str]:
        return [message for _, message in sorted(self.warnings, key=lambda w: w[0])]
