"""The quoted-share budget: how much of each report's body the site reproduces word for word.

Everything the site shows is gathered, whoever wrote it and wherever it appears (pages and
downloads alike): every free text of every entry (statements, descriptions, notes, figures'
words, quotations' attributions, corrections, topics' titles and summaries, sources' details),
every citation quote in every copy it stands in, with the words of context its selector gives
in the downloads, the words each quotation shows, and the locators of an original's paragraph
index. Each is held against the whole body of every source, not only the paragraphs it cites:

- any run of REPRODUCED_RUN words a shown text shares with a body covers those body words,
  wherever they stand (each body word's run is looked up once in the set of runs shown);
- a quote, a quotation's words, words a text puts in quote marks and a locator also cover the
  words where they are placed (the paragraph they cite), so that short pieces that meet in the
  report join up.

A body word is reproduced when it stands in a run of at least REPRODUCED_RUN covered words (the
length at which the own-words rule calls a text a copy, and at which the built site is scanned
again, factsite.budget). The share is each source's reproduced words over its body words; an
original's `quote_budget` caps it, for itself and its copies, and the check fails above it,
naming the excerpts that make up the longest runs. Every word shown at all, however short the
phrase, is counted too, and reported beside it.
"""

from __future__ import annotations

from dataclasses import dataclass

from factbase.article import CREDIT_LINE
from factbase.loader.context import Loader
from factbase.model import Citation, FactBase, Location, QuotedShare, Source
from factbase.selectors import select_quote
from factbase.textindex import ShownRuns, TextIndex
from factbase.words import QUOTED, RUN, keys, words
from factbase.yamlfile import Origin

# How many of the longest excerpts a message over budget names.
NAMED_CONTRIBUTORS = 5
# A run of this many consecutive body words shown verbatim is reproduction, not a phrase.
REPRODUCED_RUN = RUN


@dataclass(frozen=True)
class _Owner:
    """What shows some words: where it is written, and how a message names it."""

    origin: Origin
    name: str
    order: int  # the order in which the data shows it: ties in a message go in this order


class _Shown:
    """Everything the site shows, as runs of words and as excerpts placed in the paragraphs they cite."""

    def __init__(self, sources: dict[str, Source]) -> None:
        self.sources = sources
        self.runs: ShownRuns[_Owner] = ShownRuns()
        self.placed: dict[str, dict[int, list[_Owner]]] = {source_id: {} for source_id in sources}
        self.owners: dict[tuple[Origin, str], _Owner] = {}

    def owner(self, origin: Origin, name: str) -> _Owner:
        """One owner per place and name, in the order they are first met."""
        return self.owners.setdefault((origin, name), _Owner(origin, name, len(self.owners)))

    def text(self, text: str, owner: _Owner) -> None:
        """A text the site shows: each of its runs counts wherever a body holds it."""
        self.runs.add(text, owner)

    def place(self, location: Location, excerpt: str, owner: _Owner) -> None:
        """Words shown as from one paragraph: they cover the body words where they first stand in it."""
        source = self.sources.get(location.source_id)
        if source is None or location.paragraph == CREDIT_LINE:  # the credit line is a byline, not body
            return
        unit = source.index.paragraph(location.paragraph)
        # The check of the words an entry puts in quote marks has already found most of them there.
        span = source.index.first(excerpt, unit) if unit is not None else None
        if span is not None:
            first = span[0].start + span[1]
            self.cover(location.source_id, range(first, first + len(words(excerpt))), owner)

    def cover(self, source_id: str, positions: range, owner: _Owner) -> None:
        placed = self.placed[source_id]
        for position in positions:
            placed.setdefault(position, []).append(owner)

    def cited(self, citation: Citation, excerpt: str, owner: _Owner) -> None:
        """Words shown as from a citation's paragraph, in every copy that holds the same words."""
        for location in (citation.location, *citation.also_in):
            self.place(location, excerpt, owner)

    def quoted(self, citation: Citation, name: str) -> None:
        """A citation's quote, in every copy it stands in, with the context its TextQuoteSelector
        gives in the downloads (factbase.selectors); a message names it by the citation's line."""
        owner = self.owner(citation.origin, name)
        for location in (citation.location, *citation.also_in):
            source = self.sources.get(location.source_id)
            if source is None:
                continue
            # The selector knows where its words stand: they are neither looked for nor read again.
            positions = select_quote(source, location, citation.quote).positions
            if location.paragraph != CREDIT_LINE:  # the credit line is a byline, not body
                self.cover(location.source_id, positions, owner)
            self.runs.add_keys(source.index.keys[positions.start : positions.stop], owner)

    def marked(self, text: str, citations: tuple[Citation, ...], owner: _Owner) -> None:
        """A text of the site's own: its runs, and the words it puts in quote marks, placed in the
        paragraphs it cites."""
        self.text(text, owner)
        for match in QUOTED.finditer(text):
            for citation in citations:
                self.cited(citation, match.group(0)[1:-1], owner)


@dataclass
class _Tally:
    """One source's body words that the site shows, and who shows each."""

    covered: dict[int, list[_Owner]]  # a body word's position: who shows it
    reproduced: set[int]  # the covered body words that stand in runs of REPRODUCED_RUN or more
    body_words: int


def _tally(index: TextIndex, shown: _Shown, source_id: str) -> _Tally:
    covered: dict[int, list[_Owner]] = {}
    for position, owners in shown.placed[source_id].items():
        covered.setdefault(position, []).extend(owners)
    body = list(index.body())
    for start, owners in shown.runs.covered(index, body).items():
        for position in range(start, start + RUN):
            covered.setdefault(position, []).extend(owners)
    # Runs of covered words, each within one paragraph: read from the covered words alone.
    reproduced: set[int] = set()
    run: list[int] = []
    for position in sorted(covered):
        if run and position == run[-1] + 1 and position < index.unit_at(run[0]).end:
            run.append(position)
            continue
        if len(run) >= REPRODUCED_RUN:
            reproduced.update(run)
        run = [position]
    if len(run) >= REPRODUCED_RUN:
        reproduced.update(run)
    return _Tally(covered, reproduced, sum(unit.size for unit in body))


def quoted_shares(loader: Loader, loaded: FactBase) -> tuple[QuotedShare, ...]:
    """Each source's quoted share; a problem for every source over its report's budget."""
    shown = _Shown(loader.sources)
    cited: set[Location] = set()  # every paragraph a citation names, in every copy
    for source in loader.sources.values():
        owner = shown.owner(source.origin, f"source {source.id!r}")
        for text in _source_texts(source):
            shown.text(text, owner)
    for topic in loaded.topics:
        owner = shown.owner(topic.origin, f"topic {topic.id!r}")
        for text in (topic.title, topic.summary, *(section.title for section in topic.sections)):
            shown.text(text, owner)
    for fact in loaded.facts:
        for citation in fact.citations:
            shown.quoted(citation, f"fact {fact.id!r}")
        owner = shown.owner(fact.origin, f"fact {fact.id!r}")
        for text in fact.wordings:
            shown.marked(text, fact.citations, owner)
        if fact.when is not None:
            shown.text(fact.when.reported_as, owner)
    for entity in loaded.entities:
        for citation in entity.citations:
            shown.quoted(citation, f"entity {entity.id!r}")
        owner = shown.owner(entity.origin, f"entity {entity.id!r}")
        shown.marked(entity.description, entity.citations, owner)
        for name in entity.names:
            shown.text(name, owner)
    names = {entity.id: entity.name for entity in loaded.entities}
    for figure in loaded.figures:
        shown.quoted(figure.citation, f"figure {figure.id!r}")
        owner = shown.owner(figure.origin, f"figure {figure.id!r}")
        # Search shows what a figure counts, its unit and who gives it in one sentence, as the page
        # does not (factsite.search's figure records): "… (unit), according to the mayor."
        speaker = names.get(figure.given_by or "")  # none where it names no entity (reported already)
        given_by = f" according to {speaker}" if speaker else ""
        for text in (
            figure.counts,
            figure.unit,
            f"{figure.as_written} {figure.unit}",
            f"{figure.counts} {figure.unit}{given_by}",
        ):
            shown.marked(text, (figure.citation,), owner)
    for quotation in loaded.quotations:
        for citation in quotation.citations:
            shown.quoted(citation, f"quotation {quotation.id!r}")
        owner = shown.owner(quotation.origin, f"quotation {quotation.id!r}")
        for piece in quotation.shown.split("…"):
            if piece.strip():
                shown.cited(quotation.citations[0], piece.strip(), owner)
                shown.text(piece, owner)
        for text in (quotation.attribution, quotation.about):
            shown.marked(text, quotation.citations, owner)
    for correction in loaded.corrections:
        owner = shown.owner(correction.origin, f"correction {correction.id!r}")
        corrected = tuple(citation for fact_id in correction.facts for citation in loaded.fact(fact_id).citations)
        for text in (correction.change, correction.reason, *([correction.summary] if correction.summary else [])):
            shown.marked(text, corrected, owner)
    for citation in loaded.citations():
        cited.update((citation.location, *citation.also_in))
    # An original's page indexes its paragraphs by locator: the opening words of a quote cited from
    # each (already counted), or for a paragraph nothing cites, its own first words.
    for source in loader.sources.values():
        if source.role == "original":
            owner = shown.owner(source.origin, "the paragraph index")
            for paragraph in source.article.paragraphs:
                unit = source.index.paragraph(paragraph.number)
                if unit is not None and Location(source.id, paragraph.number) not in cited:
                    # its locator is its first few words
                    shown.cover(source.id, range(unit.start, unit.start + len(keys(paragraph.locator))), owner)

    shares = []
    over: dict[str, str] = {}  # the over-budget message of each source, by id
    for source in loader.sources.values():
        original = loader.sources.get(source.copy_of or source.id)
        if original is None or original.quote_budget is None:
            continue
        tally = _tally(source.index, shown, source.id)
        share = QuotedShare(
            source.id, len(tally.reproduced), len(tally.covered), tally.body_words, original.quote_budget
        )
        shares.append(share)
        if share.percent > share.budget:
            over[source.id] = _over_budget(source, share, tally, original)
    # One problem, reported once: a copy over the budget with its original says nothing new.
    for source_id, message in over.items():
        source = loader.sources[source_id]
        if source.copy_of is None or source.copy_of not in over:
            loader.add(source.origin, message)
    return tuple(shares)


def _source_texts(source: Source) -> list[str]:
    """What the site shows of a source's own details: its page, the comparison of copies, the downloads."""
    given = [source.publisher, source.title, source.dateline, source.credit_line]
    optional = [source.timestamp_as_shown, source.url_note, source.copyright_line, source.furniture_after[1]]
    subheads = [section for section, _ in source.article.sections() if section is not None]
    return [*given, *(text for text in optional if text), *subheads, *source.photo_captions]


def _over_budget(source: Source, share: QuotedShare, tally: _Tally, original: Source) -> str:
    # One line per entry: an entry shows some words several times over (a quote, and the same
    # words in its selector's context), and a list naming one entry five times hides the rest.
    shown: dict[_Owner, set[int]] = {}
    for position in tally.reproduced:
        for owner in tally.covered[position]:
            shown.setdefault(owner, set()).add(position)
    sized = sorted(shown.items(), key=lambda item: (-len(item[1]), item[0].order))
    named = "; ".join(
        f"{owner.origin} ({owner.name}, {len(positions)} words)" for owner, positions in sized[:NAMED_CONTRIBUTORS]
    )
    set_by = "" if original is source else f" that its original {original.id!r} sets"
    return (
        f"source {source.id!r}: the site would reproduce {share.reproduced_words} of its {share.body_words} "
        f"body words in runs of {REPRODUCED_RUN} or more ({share.percent:.1f}%), over the budget of "
        f"{share.budget}%{set_by}; the longest excerpts in those runs: {named}; "
        "quote fewer words, or say more in your own"
    )
