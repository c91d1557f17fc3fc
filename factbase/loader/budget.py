"""The quoted-share budget: how much of each report's body the site reproduces word for word.

Everything the site shows verbatim is gathered, wherever it appears (pages and downloads alike):
citation quotes, in every copy the same words stand in, with the words of context their
selectors give in the downloads; the words each quotation shows (its
excerpt, or all of them); words a statement, description, note or correction puts in quote marks; the
locators of an original's paragraph index. A body word counts once however often it is shown.
Together they cover runs of the body's words; a word is reproduced when its run is at least
REPRODUCED_RUN words long (the length at which the own-words rule calls a text a copy, and at
which the built site is scanned). The share is each source's reproduced words over its body
words; an original's `quote_budget` caps it, for itself and its copies, and the build fails
above it, naming the excerpts that make up the longest runs. Every word shown at all, however
short the phrase, is counted too, and reported beside it.
"""

from __future__ import annotations

from dataclasses import dataclass

from factbase.loader.citations import find_whole_words
from factbase.loader.context import Loader
from factbase.model import CREDIT_LINE, Citation, FactBase, QuotedShare, Source
from factbase.selectors import select_quote
from factbase.words import QUOTED, positions_of, shared_run_positions, words
from factbase.yamlfile import Origin

# How many of the longest excerpts a message over budget names.
NAMED_CONTRIBUTORS = 5
# A run of this many consecutive body words shown verbatim is reproduction, not a phrase.
REPRODUCED_RUN = 6


@dataclass(frozen=True)
class _Excerpt:
    positions: frozenset[tuple[int, int]]  # (paragraph, word) of the body it shows
    origin: Origin
    owner: str  # how a message names what shows it


class _Coverage:
    """Which body words of each source the site shows, and which excerpts show them."""

    def __init__(self, sources: dict[str, Source]) -> None:
        self.sources = sources
        self.covered: dict[str, set[tuple[int, int]]] = {source_id: set() for source_id in sources}
        self.excerpts: dict[str, list[_Excerpt]] = {source_id: [] for source_id in sources}

    def add(self, source_id: str, number: int, excerpt: str, origin: Origin, owner: str) -> None:
        source = self.sources.get(source_id)
        paragraph = source.article.paragraph(number) if source is not None else None
        if paragraph is None or number == CREDIT_LINE:  # the credit line is a byline, not body
            return
        start = find_whole_words(paragraph.text, excerpt)
        if start == -1:
            return
        shown = frozenset((number, position) for position in positions_of(paragraph.text, excerpt, start))
        self.covered[source_id].update(shown)
        self.excerpts[source_id].append(_Excerpt(shown, origin, owner))

    def reproduced(self, source_id: str) -> set[tuple[int, int]]:
        """The covered body words that stand in runs of at least REPRODUCED_RUN."""
        covered = self.covered[source_id]
        result: set[tuple[int, int]] = set()
        for number, position in covered:
            if (number, position - 1) in covered:
                continue  # not the start of a run
            run = [(number, position)]
            while (number, run[-1][1] + 1) in covered:
                run.append((number, run[-1][1] + 1))
            if len(run) >= REPRODUCED_RUN:
                result.update(run)
        return result

    def cited(self, citation: Citation, text: str, origin: Origin, owner: str) -> None:
        """Text shown as from a citation's paragraph, in every copy that holds the same words."""
        for location in (citation.location, *citation.also_in):
            self.add(location.source_id, location.paragraph, text, origin, owner)

    def quoted(self, citation: Citation, owner: str) -> None:
        """A citation's quote, in every copy it stands in, with the context its TextQuoteSelector
        gives in the downloads (factbase.selectors)."""
        for location in (citation.location, *citation.also_in):
            source = self.sources.get(location.source_id)
            if source is None:
                continue
            selector = select_quote(source, location, citation.quote)
            self.add(location.source_id, location.paragraph, selector.shown, citation.origin, owner)

    def marked(self, text: str, citations: tuple[Citation, ...], origin: Origin, owner: str) -> None:
        """What a text of the site's own shows of the paragraphs it cites: the words it puts in quote
        marks, and any run of REPRODUCED_RUN words it shares with them, quote marks or not (its own
        words around a quotation can carry the run on)."""
        for match in QUOTED.finditer(text):
            for citation in citations:
                self.cited(citation, match.group(0)[1:-1], origin, owner)
        for citation in citations:
            for location in (citation.location, *citation.also_in):
                self.run(location.source_id, location.paragraph, text, origin, owner)

    def run(self, source_id: str, number: int, text: str, origin: Origin, owner: str) -> None:
        source = self.sources.get(source_id)
        paragraph = source.article.paragraph(number) if source is not None else None
        if paragraph is None or number == CREDIT_LINE:
            return
        shown = frozenset((number, position) for position in shared_run_positions(text, paragraph.text, REPRODUCED_RUN))
        if shown:
            self.covered[source_id].update(shown)
            self.excerpts[source_id].append(_Excerpt(shown, origin, owner))


def quoted_shares(loader: Loader, loaded: FactBase) -> tuple[QuotedShare, ...]:
    """Each source's quoted share; a problem for every source over its report's budget."""
    coverage = _Coverage(loader.sources)
    for fact in loaded.facts:
        for citation in fact.citations:
            coverage.quoted(citation, f"fact {fact.id!r}")
        for text in fact.wordings:
            coverage.marked(text, fact.citations, fact.origin, f"fact {fact.id!r}")
    for entity in loaded.entities:
        for citation in entity.citations:
            coverage.quoted(citation, f"entity {entity.id!r}")
        coverage.marked(entity.description, entity.citations, entity.origin, f"entity {entity.id!r}")
    for figure in loaded.figures:
        owner = f"figure {figure.id!r}"
        coverage.quoted(figure.citation, owner)
        for text in (figure.counts, figure.unit, f"{figure.as_written} {figure.unit}"):
            coverage.marked(text, (figure.citation,), figure.origin, owner)
    for quotation in loaded.quotations:
        owner = f"quotation {quotation.id!r}"
        for citation in quotation.citations:
            coverage.quoted(citation, owner)
        for piece in quotation.shown.split("…"):
            if piece.strip():
                coverage.cited(quotation.citations[0], piece.strip(), quotation.origin, owner)
        for text in (quotation.attribution, quotation.about):
            coverage.marked(text, quotation.citations, quotation.origin, owner)
    for correction in loaded.corrections:
        cited = tuple(citation for fact_id in correction.facts for citation in loaded.fact(fact_id).citations)
        for text in (correction.change, correction.reason, *([correction.summary] if correction.summary else [])):
            coverage.marked(text, cited, correction.origin, f"correction {correction.id!r}")
    # An original's page indexes its paragraphs by locator: the opening words of a quote cited from
    # each (already counted), or for a paragraph nothing cites, its own first words.
    for source in loader.sources.values():
        if source.role == "original":
            for paragraph in source.article.paragraphs:
                if not any(number == paragraph.number for number, _ in coverage.covered[source.id]):
                    coverage.add(source.id, paragraph.number, paragraph.locator, source.origin, "the paragraph index")

    shares = []
    over: dict[str, str] = {}  # the over-budget message of each source, by id
    for source in loader.sources.values():
        original = loader.sources.get(source.copy_of or source.id)
        if original is None or original.quote_budget is None:
            continue
        body = sum(len(words(paragraph.text)) for paragraph in source.article.paragraphs)
        reproduced = coverage.reproduced(source.id)
        share = QuotedShare(source.id, len(reproduced), len(coverage.covered[source.id]), body, original.quote_budget)
        shares.append(share)
        if share.percent > share.budget:
            over[source.id] = _over_budget(source, share, coverage.excerpts[source.id], reproduced, original)
    # One problem, reported once: a copy over the budget with its original says nothing new.
    for source_id, message in over.items():
        source = loader.sources[source_id]
        if source.copy_of is None or source.copy_of not in over:
            loader.add(source.origin, message)
    return tuple(shares)


def _over_budget(
    source: Source, share: QuotedShare, excerpts: list[_Excerpt], reproduced: set[tuple[int, int]], original: Source
) -> str:
    # One line per entry: an entry shows some words several times over (a quote, and the same
    # words in its selector's context), and a list naming one entry five times hides the rest.
    shown: dict[tuple[str, str], set[tuple[int, int]]] = {}
    for excerpt in excerpts:
        shown.setdefault((str(excerpt.origin), excerpt.owner), set()).update(excerpt.positions & reproduced)
    sized = sorted(((len(words), where) for where, words in shown.items() if words), key=lambda item: -item[0])
    named = "; ".join(f"{origin} ({owner}, {size} words)" for size, (origin, owner) in sized[:NAMED_CONTRIBUTORS])
    set_by = "" if original is source else f" that its original {original.id!r} sets"
    return (
        f"source {source.id!r}: the site would reproduce {share.reproduced_words} of its {share.body_words} "
        f"body words in runs of {REPRODUCED_RUN} or more ({share.percent:.1f}%), over the budget of "
        f"{share.budget}%{set_by}; the longest excerpts in those runs: {named}; "
        "quote fewer words, or say more in your own"
    )
