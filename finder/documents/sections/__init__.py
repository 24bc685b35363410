"""The document's sections, each declared once: id, title, builder and a renderer per format.

To add a section:

1. write ``finder/documents/sections/<id>.py`` with ``build(outline, ctx)``, which fills
   the section's part of the :class:`~finder.documents.outline.Outline` from the audit
   (``ctx``, a :class:`~finder.documents.context.BuildContext`), and ``docx(doc,
   outline)``, which writes it to a Word document after its heading;
2. write ``templates/sections/<id>.html.j2`` (the whole ``<section>``, heading
   included) and ``templates/sections/<id>.md.j2`` (what follows the ``## title``
   line);
3. add its row to ``REGISTRY`` below, where it belongs in the default order.

If the section keeps new data in the outline, give the new ``Outline`` field a
default so versions stored before it still load. ``tests/documents/test_sections.py``
fails while a section lacks any of these parts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from finder.documents.context import BuildContext
from finder.documents.outline import Outline
from finder.documents.sections import (
    activation,
    evaluation,
    kept,
    not_binding,
    requests,
    sources,
    timeline,
    vision,
)


@dataclass(frozen=True)
class Section:
    id: str  # kept in stored versions (``Outline.sections``): never rename one
    title: str  # its heading in every format
    build: Callable[[Outline, BuildContext], None]
    docx: Callable[[object, Outline], None]  # (python-docx Document, outline)

    @property
    def html(self) -> str:
        """Its HTML template, included by ``outline.html.j2``."""
        return f"sections/{self.id}.html.j2"

    @property
    def markdown(self) -> str:
        """Its Markdown template, included by ``outline.md.j2``."""
        return f"sections/{self.id}.md.j2"


# In the default order. Builders run in this order on every build.
REGISTRY: dict[str, Section] = {
    s.id: s
    for s in (
        Section("vision", "Vision and why this design", vision.build, vision.docx),
        Section("requests", "Requested flexibilities", requests.build, requests.docx),
        Section("kept", "Essential oversight we keep", kept.build, kept.docx),
        Section(
            "not_binding",
            "Flexibility we already have",
            not_binding.build,
            not_binding.docx,
        ),
        Section("activation", "Activation plan", activation.build, activation.docx),
        Section("evaluation", "Evaluation plan", evaluation.build, evaluation.docx),
        Section("timeline", "Timeline", timeline.build, timeline.docx),
        Section("sources", "Sources", sources.build, sources.docx),
    )
}
SECTIONS = {key: section.title for key, section in REGISTRY.items()}
DEFAULT_ORDER = tuple(REGISTRY)


def known(keys) -> list[str]:
    """The sections of ``keys`` that exist, in their order (stored versions may name
    a section since removed); every section when ``keys`` is empty."""
    return [key for key in keys if key in REGISTRY] if keys else list(DEFAULT_ORDER)
