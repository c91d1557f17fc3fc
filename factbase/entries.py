"""Each kind of entry in data/, as the checker accepts it, typed: what `Checked.values(spec)`
returns once an entry is sound. Generated from factbase/specs.py by python -m tools.entries; do
not edit."""

from __future__ import annotations

from typing import Literal, NotRequired, TypedDict


class SourceEntry(TypedDict):
    """One source, as the checker accepts it."""

    id: str
    role: Literal["original", "syndicated"]
    copy_of: NotRequired[str]
    quote_budget: NotRequired[int]
    publisher: str
    title: str
    published: str
    timestamp_as_shown: NotRequired[str]
    dateline: str
    credit_line: str
    url: str | None
    url_note: NotRequired[str]
    text: str
    subheads: NotRequired[list[str]]
    furniture: NotRequired[list[str]]
    photo_captions: NotRequired[list[str]]
    copyright_line: NotRequired[str]
    furniture_after: NotRequired[str]


class SectionEntry(TypedDict):
    """One section, as the checker accepts it."""

    id: str
    title: str


class TopicEntry(TypedDict):
    """One topic, as the checker accepts it."""

    id: str
    title: str
    summary: str
    introduction: NotRequired[list[str]]
    sections: NotRequired[list[SectionEntry]]


class CitationEntry(TypedDict):
    """One citation, as the checker accepts it."""

    source: str
    paragraph: int | Literal["credit line"]
    quote: str


class FactEntry(TypedDict):
    """One fact, as the checker accepts it."""

    id: str
    topics: list[str]
    statement: str
    prose: NotRequired[str]
    lead: NotRequired[str]
    citations: list[CitationEntry]
    when: NotRequired[str]
    mentions: NotRequired[list[str]]
    added: str


class EntityEntry(TypedDict):
    """One entity, as the checker accepts it."""

    id: str
    name: str
    kind: Literal["person", "organisation", "group", "place"]
    aliases: NotRequired[list[str]]
    description: str
    citations: list[CitationEntry]


class FigureEntry(TypedDict):
    """One figure, as the checker accepts it."""

    id: str
    as_written: str
    value: int | float
    unit: str
    counts: str
    given_by: NotRequired[str]
    citations: list[CitationEntry]


class QuotationEntry(TypedDict):
    """One quotation, as the checker accepts it."""

    id: str
    words: str
    excerpt: NotRequired[str]
    about: str
    speaker: str
    attribution: str
    citations: list[CitationEntry]


class CorrectionEntry(TypedDict):
    """One correction, as the checker accepts it."""

    id: str
    date: str
    facts: NotRequired[list[str]]
    retracted: NotRequired[list[str]]
    change: str
    reason: str
    summary: NotRequired[str]
