"""The typed, immutable objects the loader returns."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Literal

from factbase.article import CREDIT_LINE, Article, Layout
from factbase.specs import EntityKind, Role
from factbase.yamlfile import Origin

if TYPE_CHECKING:
    from factbase.textindex import TextIndex

Precision = Literal["day", "week", "month"]


@dataclass(frozen=True)
class Source:
    """One captured copy of a report."""

    id: str
    role: Role
    copy_of: str | None  # for a syndicated copy, the id of the original
    quote_budget: int | None  # for an original: the most of its body the site may quote, in per cent
    publisher: str
    title: str
    published: datetime.date
    timestamp_as_shown: str | None  # the copy's own wording of date and time, if it gives one
    layout: Layout  # what marks out its body: dateline, credit line, subheads, furniture, captions
    url: str | None  # None where the copy's address is not confirmed
    url_note: str | None  # why there is no URL
    text_path: str  # relative to the data folder
    text: str
    article: Article
    photo_captions: tuple[str, ...]  # each caption line as it stands in the capture
    copyright_line: str | None
    furniture_after: tuple[int, str | None]  # blocks of page furniture after the article, and what they are
    origin: Origin

    @property
    def report_id(self) -> str:
        """The id of the original report this copy is (itself, for an original)."""
        return self.copy_of or self.id

    @property
    def dateline(self) -> str:
        """How its body begins, before the first words."""
        return self.layout.dateline

    @property
    def credit_line(self) -> str:
        """The line that ends the article."""
        return self.layout.credit_line

    @cached_property
    def index(self) -> TextIndex:
        """Its stored text's words, indexed once (built on first use, so always of this text)."""
        # Imported here: the index reads the text through factbase.article, which reads this module.
        from factbase.textindex import TextIndex

        return TextIndex(self.text, self.article)


@dataclass(frozen=True)
class Section:
    """A subhead on a topic page."""

    id: str
    title: str


@dataclass(frozen=True)
class Topic:
    """A subject the site groups facts under; each has a page."""

    id: str
    title: str
    summary: str
    introduction: tuple[str, ...]  # ids of the facts whose statements open the page
    sections: tuple[Section, ...]
    origin: Origin


@dataclass(frozen=True)
class Location:
    """A paragraph of a source (or its credit line)."""

    source_id: str
    paragraph: int

    @property
    def label(self) -> str:
        """How the site names it: "paragraph 8" or "the credit line"."""
        return "the credit line" if self.paragraph == CREDIT_LINE else f"paragraph {self.paragraph}"

    @property
    def anchor(self) -> str:
        """The element id of the paragraph on its source's page."""
        return "credit-line" if self.paragraph == CREDIT_LINE else f"p{self.paragraph}"


@dataclass(frozen=True)
class Citation:
    """The exact words of one source paragraph that support a statement."""

    source_id: str
    paragraph: int
    quote: str
    also_in: tuple[Location, ...]  # the same words in other copies of the same report
    origin: Origin

    @property
    def location(self) -> Location:
        return Location(self.source_id, self.paragraph)


@dataclass(frozen=True)
class ResolvedDate:
    """A date as the report words it, resolved against the publication date."""

    reported_as: str  # the report's own words, e.g. "Last month"
    start: datetime.date
    end: datetime.date
    precision: Precision
    note: str | None  # how it was resolved, and any ambiguity
    ambiguous: bool = False  # the wording allows another reading, which the note gives


@dataclass(frozen=True)
class Placement:
    """Where a fact is filed: a topic and, on topics with subheads, one of them."""

    topic: str
    section: str | None


@dataclass(frozen=True)
class Fact:
    """One claim the site makes, in plain language, with its evidence."""

    id: str
    placements: tuple[Placement, ...]
    statement: str  # a sentence that stands on its own, wherever the fact is shown out of its home's prose
    citations: tuple[Citation, ...]
    when: ResolvedDate | None
    mentions: tuple[str, ...]  # entity ids named explicitly as mentioned, beyond the names found
    added: datetime.date  # the day it was added to the site
    origin: Origin
    prose: str | None = None  # how it reads in its home topic's paragraph, if that differs
    lead: str | None = None  # how the home page's lead says it, for a fact the lead names

    @property
    def in_prose(self) -> str:
        """The sentence its home topic's paragraph shows."""
        return self.prose or self.statement

    @property
    def wordings(self) -> tuple[str, ...]:
        """Every sentence the site shows for it, in any context."""
        return tuple(text for text in (self.statement, self.prose, self.lead) if text is not None)

    @property
    def topics(self) -> tuple[str, ...]:
        return tuple(placement.topic for placement in self.placements)

    @property
    def home(self) -> Placement:
        """Its first placement: the page its links lead to, where it is shown in its prose wording."""
        return self.placements[0]


@dataclass(frozen=True)
class Entity:
    """A person, organisation, group or place named in the reporting."""

    id: str
    name: str
    kind: EntityKind
    aliases: tuple[str, ...]
    description: str
    citations: tuple[Citation, ...]
    origin: Origin

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Figure:
    """A number the report gives: what it counts, its unit and who gives it."""

    id: str
    as_written: str  # the words of the report, e.g. "More than 850 million"
    value: float
    unit: str
    counts: str
    given_by: str | None  # entity id; None when the report gives it on its own authority
    citation: Citation
    origin: Origin

    @property
    def hedge(self) -> str:
        """The report's qualifier on the number, e.g. "more than" or "about": the words of
        as_written before its first digit, so that the value is never shown without them."""
        digit = next((i for i, ch in enumerate(self.as_written) if ch.isdigit()), None)
        return "" if digit is None else self.as_written[:digit].strip().lower()


@dataclass(frozen=True)
class Quotation:
    """A direct quotation in the report, with who said or wrote it and in what capacity."""

    id: str
    words: str  # exactly as between the report's quote marks
    excerpt: str | None  # the part the site shows of a long quotation: pieces of words joined by …
    about: str  # what it is about, in the site's words: the link text wherever it is mentioned
    speaker: str  # entity id of who said or wrote it
    attribution: str
    citations: tuple[Citation, ...]  # the first is where the quotation stands
    origin: Origin

    @property
    def location(self) -> Location:
        return self.citations[0].location

    @property
    def shown(self) -> str:
        """The words the site shows: the excerpt, or all of them."""
        return self.excerpt or self.words


@dataclass(frozen=True)
class Correction:
    """A change to facts the site had published: when, which, what changed and why."""

    id: str
    date: datetime.date
    facts: tuple[str, ...]  # the ids of the facts it corrected
    change: str  # what the facts said before and say now
    reason: str
    origin: Origin
    retracted: tuple[str, ...] = ()  # the ids of facts it took off the site, no longer in the data
    summary: str | None = None  # what was corrected, in a phrase, for the notice on the pages showing the facts


@dataclass(frozen=True)
class QuotedShare:
    """How much of a source's body the site reproduces word for word, against its budget.

    A body word is reproduced when the site shows it in a run of at least six consecutive words
    of the body (the length at which the own-words rule also calls text a copy), counting
    everything shown anywhere together; quoted counts every body word shown at all, however short
    the phrase.
    """

    source_id: str
    reproduced_words: int  # body words in runs of six or more that the site shows verbatim
    quoted_words: int  # body words the site shows verbatim at all
    body_words: int
    budget: int  # per cent, for reproduced words

    @property
    def percent(self) -> float:
        return 100 * self.reproduced_words / self.body_words if self.body_words else 0.0

    @property
    def quoted_percent(self) -> float:
        return 100 * self.quoted_words / self.body_words if self.body_words else 0.0


@dataclass(frozen=True)
class FactBase:
    """Everything in data/, checked and cross-referenced."""

    sources: tuple[Source, ...]
    topics: tuple[Topic, ...]
    facts: tuple[Fact, ...]
    entities: tuple[Entity, ...] = ()
    figures: tuple[Figure, ...] = ()
    quotations: tuple[Quotation, ...] = ()
    corrections: tuple[Correction, ...] = ()  # newest first
    quoted_shares: tuple[QuotedShare, ...] = ()

    @cached_property
    def _sources_by_id(self) -> dict[str, Source]:
        return {source.id: source for source in self.sources}

    @cached_property
    def _topics_by_id(self) -> dict[str, Topic]:
        return {topic.id: topic for topic in self.topics}

    @cached_property
    def _facts_by_id(self) -> dict[str, Fact]:
        return {fact.id: fact for fact in self.facts}

    @cached_property
    def _entities_by_id(self) -> dict[str, Entity]:
        return {entity.id: entity for entity in self.entities}

    @cached_property
    def _shares_by_source(self) -> dict[str, QuotedShare]:
        return {share.source_id: share for share in self.quoted_shares}

    def quoted_share(self, source_id: str) -> QuotedShare | None:
        """How much of a source's body the site quotes, if it has a body to quote."""
        return self._shares_by_source.get(source_id)

    def source(self, source_id: str) -> Source:
        """The source with this id; KeyError if there is none."""
        return self._sources_by_id[source_id]

    def topic(self, topic_id: str) -> Topic:
        """The topic with this id; KeyError if there is none."""
        return self._topics_by_id[topic_id]

    @cached_property
    def fact_ids(self) -> frozenset[str]:
        """Every fact's id."""
        return frozenset(self._facts_by_id)

    def fact(self, fact_id: str) -> Fact:
        """The fact with this id; KeyError if there is none."""
        return self._facts_by_id[fact_id]

    def entity(self, entity_id: str) -> Entity:
        """The person, organisation, group or place with this id; KeyError if there is none."""
        return self._entities_by_id[entity_id]

    @cached_property
    def _sources_by_report(self) -> dict[str, list[Source]]:
        index: dict[str, list[Source]] = {}
        for source in self.sources:
            index.setdefault(source.report_id, []).append(source)
        return index

    @cached_property
    def updated(self) -> datetime.date | None:
        """The newest date in the data: a source's publication, a fact's addition or a correction.
        Pages give it as their last-updated date, so every build of the same data says the same."""
        dates = [
            *(source.published for source in self.sources),
            *(fact.added for fact in self.facts),
            *(correction.date for correction in self.corrections),
        ]
        return max(dates, default=None)

    def citations(self) -> Iterator[Citation]:
        """Every citation in the data, in data order: facts', entities', figures', quotations'."""
        for fact in self.facts:
            yield from fact.citations
        for entity in self.entities:
            yield from entity.citations
        for figure in self.figures:
            yield figure.citation
        for quotation in self.quotations:
            yield from quotation.citations

    def copies_of(self, source: Source) -> tuple[Source, ...]:
        """The other captured copies of the same report."""
        return other_copies(self._sources_by_report.get(source.report_id, ()), source)


def other_copies(sources: Iterable[Source], source: Source) -> tuple[Source, ...]:
    """Of some sources, those that are other copies of the same report as `source`."""
    return tuple(other for other in sources if other.report_id == source.report_id and other.id != source.id)
