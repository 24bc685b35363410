"""The Whoosh schema, built in one place; field-name constants used everywhere else."""

from __future__ import annotations

from collections import Counter

from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema
from whoosh.formats import Frequency
from whoosh.system import pack_uint

from finder.search.analysis import CITATION_ANALYZER, SPELL_ANALYZER, TEXT_ANALYZER

ID_FIELD = "id"
STATE = "state"
KIND = "kind"
AREA = "area"
TITLE = "title"
CITATIONS = "citations"
SPELL = "spell"
TITLE_SORT = "title_sort"
REVIEWED = "reviewed"
HASH = "hash"
LAW = "law"
ALL = "all"

# Fields a free-text query searches, with the weight BM25F gives each.
TEXT_FIELDS = (TITLE, CITATIONS, ALL)


class CountedTerms(Frequency):
    """Term frequencies, counted from the analyzer's list of terms when it has one.

    Whoosh's Frequency format passes every token of a long text through a generator
    to count it; the prose and spelling analyzers can give the terms as a list, which
    is counted at once. The postings are the same (a test compares them).
    """

    def word_values(self, value, analyzer, **kwargs):
        terms = getattr(analyzer, "terms", None)
        if terms is None or not isinstance(value, str):
            return super().word_values(value, analyzer, **kwargs)
        boost = self.field_boost
        counts = Counter(terms(value))
        return ((w, n, float(n) * boost, pack_uint(n)) for w, n in counts.items())


def _counted(field: TEXT) -> TEXT:
    """A text field without positions whose postings are counted from term lists."""
    field.format = CountedTerms(field_boost=field.format.field_boost)
    return field


def build_schema() -> Schema:
    """The index layout; every field says what it holds and why."""
    return Schema(
        # Entry id: the key for updates and for looking the entry up in the catalog.
        id=ID(stored=True, unique=True, sortable=True),
        # Postal code (or US): sortable for "sort by state". Filters and facet counts
        # read state, kind and areas from the catalog (see FacetTable), so none of
        # these is stored: the stored document is only what the index itself needs.
        state=ID(sortable=True),
        # Kind from the closed list.
        kind=ID(),
        # Policy areas (several per entry).
        area=KEYWORD(commas=True),
        # Title: the strongest evidence that an entry is about the words.
        title=TEXT(analyzer=TEXT_ANALYZER, field_boost=3.0),
        # Citations as typed ("12A.004", "22-32.5"), with chapter prefixes.
        citations=TEXT(analyzer=CITATION_ANALYZER, phrase=False, field_boost=4.0),
        # Every text field's words (snippets come from the catalog entry itself) (title, summary, kind and area labels, state name, body,
        # what it cannot waive) in one posting list: one list per concept to walk.
        all=_counted(TEXT(analyzer=TEXT_ANALYZER, phrase=False)),
        # Unstemmed words, only for "did you mean" corrections.
        spell=_counted(TEXT(analyzer=SPELL_ANALYZER, phrase=False)),
        # Sort keys.
        title_sort=ID(sortable=True),
        reviewed=ID(sortable=True),
        # Parsed citations as containment keys ("oh-rc~~3313/3313.603"): a search for a
        # section finds entries citing it or a subsection of it, in any written form.
        law=KEYWORD(field_boost=6.0),
        # Content hash of the entry, to update only changed entries.
        hash=STORED(),
    )
