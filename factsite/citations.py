"""Numbering of citations on one page."""

from __future__ import annotations

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
    """Numbers citations in order of first use; the same source paragraph keeps its number."""

    def __init__(self) -> None:
        self._references: dict[Location, Reference] = {}

    def cite(self, citation: Citation) -> tuple[Reference, str]:
        """Record one use of a citation; return its reference and the id for its marker."""
        reference = self._references.get(citation.location)
        if reference is None:
            reference = Reference(len(self._references) + 1, citation.location)
            self._references[citation.location] = reference
        _add_quote(reference.quotes, citation.quote)
        for location in citation.also_in:
            if location not in reference.also_in:
                reference.also_in.append(location)
        use_id = f"{reference.anchor}-use-{len(reference.use_ids) + 1}"
        reference.use_ids.append(use_id)
        return reference, use_id

    @property
    def references(self) -> list[Reference]:
        """The page's references in number order."""
        return list(self._references.values())


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
