"""The typed, immutable objects the loader returns."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from functools import cached_property

from factbase.yamlfile import Origin

# The number a citation uses for a copy's credit line, which is part of the article but not
# one of its numbered paragraphs. Data files write it as `paragraph: credit line`.
CREDIT_LINE = 0


@dataclass(frozen=True)
class Paragraph:
    """One numbered paragraph of an article body (or its credit line, number 0), as stored."""

    number: int
    text: str
    section: str | None  # the subhead it stands under; None before the first subhead
    line: int  # 1-based line in the stored text


@dataclass(frozen=True)
class Article:
    """The body of one captured copy: its paragraphs, numbered from 1, and its credit line."""

    paragraphs: tuple[Paragraph, ...]
    credit: Paragraph | None = None

    def paragraph(self, number: int) -> Paragraph | None:
        """The paragraph with this number (CREDIT_LINE for the credit line), or None."""
        if number == CREDIT_LINE:
            return self.credit
        if 1 <= number <= len(self.paragraphs):
            return self.paragraphs[number - 1]
        return None

    def sections(self) -> tuple[tuple[str | None, tuple[Paragraph, ...]], ...]:
        """Paragraphs grouped under their subheads, in reading order."""
        groups: list[tuple[str | None, list[Paragraph]]] = []
        for paragraph in self.paragraphs:
            if not groups or groups[-1][0] != paragraph.section:
                groups.append((paragraph.section, []))
            groups[-1][1].append(paragraph)
        return tuple((section, tuple(members)) for section, members in groups)


@dataclass(frozen=True)
class Source:
    """One captured copy of a report."""

    id: str
    role: str  # "original" or "syndicated"
    copy_of: str | None  # for a syndicated copy, the id of the original
    publisher: str
    title: str
    published: datetime.date
    timestamp_as_shown: str | None  # the copy's own wording of date and time, if it gives one
    dateline: str
    credit_line: str
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
    precision: str  # "day", "week" or "month"
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
    statement: str
    citations: tuple[Citation, ...]
    when: ResolvedDate | None
    mentions: tuple[str, ...]  # entity ids named explicitly as mentioned, beyond the names found
    origin: Origin

    @property
    def topics(self) -> tuple[str, ...]:
        return tuple(placement.topic for placement in self.placements)


@dataclass(frozen=True)
class Entity:
    """A person, organisation, group or place named in the reporting."""

    id: str
    name: str
    kind: str  # "person", "organisation", "group" or "place"
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


@dataclass(frozen=True)
class Quotation:
    """A direct quotation in the report, with who said or wrote it and in what capacity."""

    id: str
    words: str  # exactly as between the report's quote marks
    speaker: str | None  # entity id, if the speaker is named
    attribution: str
    citations: tuple[Citation, ...]  # the first is where the quotation stands
    origin: Origin

    @property
    def location(self) -> Location:
        return self.citations[0].location


_WORD = re.compile(r"\w+")


class _NameIndex:
    """Finds which names occur in a text, whole words only, in one pass over its words."""

    def __init__(self, names: dict[str, list[str]]) -> None:
        # A name is matched as its sequence of words; the key is that sequence.
        self._ids: dict[tuple[str, ...], list[str]] = {}
        for name, ids in names.items():
            words = tuple(_WORD.findall(name))
            if words:
                self._ids.setdefault(words, []).extend(ids)
        self._longest = max((len(words) for words in self._ids), default=0)

    def ids_in(self, text: str) -> list[str]:
        words = _WORD.findall(text)
        found: list[str] = []
        for start in range(len(words)):
            for size in range(1, min(self._longest, len(words) - start) + 1):
                found.extend(self._ids.get(tuple(words[start : start + size]), ()))
        return found


@dataclass(frozen=True)
class FactBase:
    """Everything in data/, checked and cross-referenced."""

    sources: tuple[Source, ...]
    topics: tuple[Topic, ...]
    facts: tuple[Fact, ...]
    entities: tuple[Entity, ...] = ()
    figures: tuple[Figure, ...] = ()
    quotations: tuple[Quotation, ...] = ()

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

    # The indexes below are each built once, on first use, so that a page asks in O(answer).

    @cached_property
    def _facts_by_placement(self) -> dict[tuple[str, str | None], list[Fact]]:
        index: dict[tuple[str, str | None], list[Fact]] = {}
        for fact in self.facts:
            for placement in dict.fromkeys(fact.placements):
                index.setdefault((placement.topic, None), []).append(fact)
                if placement.section is not None:
                    index.setdefault((placement.topic, placement.section), []).append(fact)
        return index

    def facts_on(self, topic_id: str, section_id: str | None = None) -> tuple[Fact, ...]:
        """The facts filed under a topic (or one of its subheads), in data order."""
        return tuple(dict.fromkeys(self._facts_by_placement.get((topic_id, section_id), ())))

    @cached_property
    def _sources_by_report(self) -> dict[str, list[Source]]:
        index: dict[str, list[Source]] = {}
        for source in self.sources:
            index.setdefault(source.report_id, []).append(source)
        return index

    def copies_of(self, source: Source) -> tuple[Source, ...]:
        """The other captured copies of the same report."""
        return tuple(other for other in self._sources_by_report[source.report_id] if other.id != source.id)

    @cached_property
    def _mentions(self) -> dict[str, tuple[str, ...]]:
        """Fact id to the entity ids it names, in statement or quotes, or lists explicitly."""
        names: dict[str, list[str]] = {}
        for entity in self.entities:
            for name in entity.names:
                names.setdefault(name, []).append(entity.id)
        index = _NameIndex(names)
        found: dict[str, tuple[str, ...]] = {}
        for fact in self.facts:
            named = [i for text in (fact.statement, *(c.quote for c in fact.citations)) for i in index.ids_in(text)]
            found[fact.id] = tuple(dict.fromkeys([*named, *fact.mentions]))
        return found

    @cached_property
    def _facts_by_entity(self) -> dict[str, list[Fact]]:
        index: dict[str, list[Fact]] = {}
        for fact in self.facts:
            for entity_id in self._mentions[fact.id]:
                index.setdefault(entity_id, []).append(fact)
        return index

    def entities_in(self, fact: Fact) -> tuple[Entity, ...]:
        """The people, organisations, groups and places a fact mentions."""
        return tuple(self.entity(eid) for eid in self._mentions[fact.id])

    def facts_mentioning(self, entity_id: str) -> tuple[Fact, ...]:
        """The facts that mention an entity, in data order."""
        return tuple(self._facts_by_entity.get(entity_id, ()))

    def quotations_by(self, entity_id: str) -> tuple[Quotation, ...]:
        """The quotations whose speaker is this entity."""
        return tuple(q for q in self._quotations_by_speaker.get(entity_id, ()))

    @cached_property
    def _quotations_by_speaker(self) -> dict[str | None, list[Quotation]]:
        index: dict[str | None, list[Quotation]] = {}
        for quotation in self.quotations:
            index.setdefault(quotation.speaker, []).append(quotation)
        return index

    @cached_property
    def _figures_by_giver(self) -> dict[str | None, list[Figure]]:
        index: dict[str | None, list[Figure]] = {}
        for figure in self.figures:
            index.setdefault(figure.given_by, []).append(figure)
        return index

    def figures_given_by(self, entity_id: str) -> tuple[Figure, ...]:
        """The figures the report credits to this entity."""
        return tuple(self._figures_by_giver.get(entity_id, ()))

    def locations_on(self, topic_id: str) -> set[Location]:
        """Every source paragraph the facts of a topic cite, in every copy."""
        locations: set[Location] = set()
        for fact in self.facts_on(topic_id):
            for citation in fact.citations:
                locations.add(citation.location)
                locations.update(citation.also_in)
        return locations

    @cached_property
    def _quotations_by_location(self) -> dict[Location, list[Quotation]]:
        index: dict[Location, list[Quotation]] = {}
        for quotation in self.quotations:
            index.setdefault(quotation.location, []).append(quotation)
        return index

    @cached_property
    def _figures_by_location(self) -> dict[Location, list[Figure]]:
        index: dict[Location, list[Figure]] = {}
        for figure in self.figures:
            index.setdefault(figure.citation.location, []).append(figure)
        return index

    def quotations_at(self, locations: set[Location]) -> tuple[Quotation, ...]:
        """The quotations standing in any of these paragraphs, in data order."""
        found = {id(q) for location in locations for q in self._quotations_by_location.get(location, ())}
        return tuple(q for q in self.quotations if id(q) in found) if found else ()

    def figures_at(self, locations: set[Location]) -> tuple[Figure, ...]:
        """The figures given in any of these paragraphs, in data order."""
        found = {id(f) for location in locations for f in self._figures_by_location.get(location, ())}
        return tuple(f for f in self.figures if id(f) in found) if found else ()

    @cached_property
    def _citations_by_source(self) -> dict[str, dict[int, list[tuple[Fact, Citation]]]]:
        index: dict[str, dict[int, list[tuple[Fact, Citation]]]] = {}
        for fact in self.facts:
            for citation in fact.citations:
                for location in (citation.location, *citation.also_in):
                    index.setdefault(location.source_id, {}).setdefault(location.paragraph, []).append((fact, citation))
        return index

    def citations_of(self, source_id: str) -> dict[int, tuple[tuple[Fact, Citation], ...]]:
        """For each paragraph of a source, the facts that cite it and how."""
        by_paragraph = self._citations_by_source.get(source_id, {})
        return {number: tuple(pairs) for number, pairs in sorted(by_paragraph.items())}

    def uncited_paragraphs(self) -> tuple[Location, ...]:
        """Every body paragraph of every source that no fact cites, directly or in another copy."""
        uncited: list[Location] = []
        for source in self.sources:
            cited = self._citations_by_source.get(source.id, {})
            uncited.extend(Location(source.id, p.number) for p in source.article.paragraphs if p.number not in cited)
        return tuple(uncited)

    def timeline(self) -> tuple[Fact, ...]:
        """The facts that carry a date, in date order (data order within a date)."""
        dated = [fact for fact in self.facts if fact.when is not None]
        return tuple(sorted(dated, key=lambda f: (f.when.start, f.when.end)))  # type: ignore[union-attr]
