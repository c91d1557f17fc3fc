"""The typed, immutable objects the loader returns."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import cached_property

from factbase.yamlfile import Origin


@dataclass(frozen=True)
class Paragraph:
    """One numbered paragraph of an article body, as stored."""

    number: int
    text: str
    section: str | None  # the subhead it stands under; None before the first subhead
    line: int  # 1-based line in the stored text


@dataclass(frozen=True)
class Article:
    """The body of one captured copy: its paragraphs, numbered from 1."""

    paragraphs: tuple[Paragraph, ...]

    def paragraph(self, number: int) -> Paragraph | None:
        """The paragraph with this number, or None if there is none."""
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
    origin: Origin


@dataclass(frozen=True)
class Topic:
    """A subject the site groups facts under; each has a page."""

    id: str
    title: str
    summary: str
    origin: Origin


@dataclass(frozen=True)
class Location:
    """A paragraph of a source."""

    source_id: str
    paragraph: int


@dataclass(frozen=True)
class Citation:
    """The exact words of one source paragraph that support a fact."""

    source_id: str
    paragraph: int
    quote: str
    also_in: tuple[Location, ...]  # the same words in other copies of the same report
    origin: Origin

    @property
    def location(self) -> Location:
        return Location(self.source_id, self.paragraph)


@dataclass(frozen=True)
class Fact:
    """One claim the site makes, in plain language, with its evidence."""

    id: str
    topics: tuple[str, ...]
    statement: str
    citations: tuple[Citation, ...]
    origin: Origin


@dataclass(frozen=True)
class FactBase:
    """Everything in data/, checked and cross-referenced."""

    sources: tuple[Source, ...]
    topics: tuple[Topic, ...]
    facts: tuple[Fact, ...]

    @cached_property
    def _sources_by_id(self) -> dict[str, Source]:
        return {source.id: source for source in self.sources}

    @cached_property
    def _topics_by_id(self) -> dict[str, Topic]:
        return {topic.id: topic for topic in self.topics}

    @cached_property
    def _facts_by_id(self) -> dict[str, Fact]:
        return {fact.id: fact for fact in self.facts}

    def source(self, source_id: str) -> Source:
        """The source with this id; KeyError names it if there is none."""
        return self._sources_by_id[source_id]

    def topic(self, topic_id: str) -> Topic:
        """The topic with this id; KeyError names it if there is none."""
        return self._topics_by_id[topic_id]

    def fact(self, fact_id: str) -> Fact:
        """The fact with this id; KeyError names it if there is none."""
        return self._facts_by_id[fact_id]

    def facts_on(self, topic_id: str) -> tuple[Fact, ...]:
        """The facts filed under a topic, in data order."""
        return tuple(fact for fact in self.facts if topic_id in fact.topics)

    def citations_of(self, source_id: str) -> dict[int, tuple[tuple[Fact, Citation], ...]]:
        """For each paragraph of a source, the facts that cite it and how."""
        by_paragraph: dict[int, list[tuple[Fact, Citation]]] = {}
        for fact in self.facts:
            for citation in fact.citations:
                if citation.source_id == source_id:
                    by_paragraph.setdefault(citation.paragraph, []).append((fact, citation))
                for other in citation.also_in:
                    if other.source_id == source_id:
                        by_paragraph.setdefault(other.paragraph, []).append((fact, citation))
        return {number: tuple(pairs) for number, pairs in sorted(by_paragraph.items())}
