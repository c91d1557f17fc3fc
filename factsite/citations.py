"""Numbering of citations on one page, and the facts it shows (for its corrections notice)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from factbase import Citation, Location


@dataclass
class Reference:
    """One entry of a page's reference list: a source paragraph and every use of it."""

    number: int
    location: Location
    quotes: list[str] = field(default_factory=list)  # distinct, in order of first use
    use_ids: list[str] = field(default_factory=list)  # element ids of the markers citing it
    also_in: list[Location] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"ref-{self.number}"


class PageCitations:
    """Numbers citations in order of first use; the same source paragraph keeps its number. Notes,
    too, which facts the page shows, so that it can end by saying which of them were corrected."""

    def __init__(self) -> None:
        self._references: dict[Location, Reference] = {}
        self.facts_shown: dict[str, None] = {}  # fact ids, in order of first showing

    def show(self, fact_id: str) -> None:
        """Record that the page shows a fact's words."""
        self.facts_shown.setdefault(fact_id)

    def cite(self, citation: Citation) -> tuple[Reference, str]:
        """Record one use of a citation; return its reference and the id for its marker."""
        return self.cite_all([citation])[0]

    def cite_all(self, citations: Iterable[Citation]) -> list[tuple[Reference, str]]:
        """Record the citations of one statement: one marker per reference, in number order.

        Several quotes of one paragraph are one use of its reference, so a statement never shows
        the same number twice; each reference its quotes add to keeps them all.
        """
        references: dict[int, Reference] = {}
        for citation in citations:
            reference = self._references.get(citation.location)
            if reference is None:
                reference = Reference(len(self._references) + 1, citation.location)
                self._references[citation.location] = reference
            _add_quote(reference.quotes, citation.quote)
            for location in citation.also_in:
                if location not in reference.also_in:
                    reference.also_in.append(location)
            references[reference.number] = reference
        uses = []
        for number in sorted(references):
            reference = references[number]
            use_id = f"{reference.anchor}-use-{len(reference.use_ids) + 1}"
            reference.use_ids.append(use_id)
            uses.append((reference, use_id))
        return uses

    @property
    def references(self) -> list[Reference]:
        """The page's references in number order."""
        return list(self._references.values())

    def uses(self) -> int:
        """How many markers the page has: the number of uses of all its references."""
        return sum(len(reference.use_ids) for reference in self._references.values())


def _add_quote(quotes: list[str], quote: str) -> None:
    """Add a quote to a reference, showing words that lie inside another quote only once."""
    if any(quote in shown for shown in quotes):
        return
    inside = [i for i, shown in enumerate(quotes) if shown in quote]
    if inside:
        quotes[inside[0]] = quote
        for i in reversed(inside[1:]):
            del quotes[i]
    else:
        quotes.append(quote)
