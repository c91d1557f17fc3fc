"""The facts.json download's model, from which both the file and its JSON Schema are made.

Each record is a msgspec Struct, so what the download holds is written once: exports.py fills
the records in, and msgspec writes the schema from them. A field the data files hold too takes
its constraints and its help from factbase.specs, so the download promises what the loader
checks; what the loader works out (paragraph counts, resolved dates, the same words in other
copies, a TextQuoteSelector for each quote, each fact's corrections) is described here. A key
the data may leave out is exported as null, or as an empty list. The stored texts, and what
only finds the article in a capture, are never exported.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

import msgspec
from msgspec import Meta, Struct

from factbase.specs import CITATION, CORRECTION, ENTITY, FACT, FIGURE, QUOTATION, SECTION, SOURCE, TOPIC, Spec


def _data(spec: Spec[Any], name: str) -> Meta:
    """A data field's constraints and help: the download holds what the data file holds. (The
    constraints on a list's items are _item's: msgspec keeps the items' schema it makes.)"""
    field = spec.fields[name]
    schema = {
        key: value
        for key, value in field.kind.schema.items()
        if key != "items" and (field.required or key != "minItems")
    }
    if field.choices:
        schema["enum"] = list(field.choices)
    return Meta(description=field.help or None, extra_json_schema=schema)


def _item(spec: Spec[Any], name: str) -> Meta:
    """The constraints on each item of a data field that is a list."""
    items = spec.fields[name].kind.items
    assert items is not None, f"{spec.noun}.{name} is not a list"
    return Meta(extra_json_schema=dict(items.schema))


class _Record(Struct, forbid_unknown_fields=True):
    """A record of the download: every key required, no other allowed."""


class TextQuoteSelector(_Record):
    """A W3C Web Annotation TextQuoteSelector, for annotation tools to anchor the quote: the exact
    words, with the fewest whole words of their paragraph before and after that find them once in
    the capture (none where the words stand only once)."""

    type: Literal["TextQuoteSelector"]
    exact: Annotated[str, Meta(min_length=1)]
    prefix: str
    suffix: str


class SameWords(_Record):
    """The same words in another copy of the report."""

    source: Annotated[str, _data(CITATION, "source")]
    paragraph: Annotated[int | str, _data(CITATION, "paragraph")]
    selector: TextQuoteSelector


class Citation(_Record):
    """A source paragraph and the exact words in it that support a claim."""

    source: Annotated[str, _data(CITATION, "source")]
    paragraph: Annotated[int | str, _data(CITATION, "paragraph")]
    quote: Annotated[str, _data(CITATION, "quote")]
    selector: TextQuoteSelector
    also_in: Annotated[list[SameWords], Meta(description="the same words in other copies of the report")]


class QuotedShare(_Record):
    """How much of the body the site shows word for word (see the source's page)."""

    body_words: Annotated[int, Meta(ge=0)]
    reproduced_words: Annotated[int, Meta(ge=0)]
    quoted_words: Annotated[int, Meta(ge=0)]


class Source(_Record):
    """A captured copy of the report."""

    id: Annotated[str, _data(SOURCE, "id")]
    role: Annotated[str, _data(SOURCE, "role")]
    copy_of: Annotated[str, _data(SOURCE, "copy_of")] | None
    quote_budget: Annotated[int, _data(SOURCE, "quote_budget")] | None
    publisher: Annotated[str, _data(SOURCE, "publisher")]
    title: Annotated[str, _data(SOURCE, "title")]
    published: Annotated[str, _data(SOURCE, "published")]
    timestamp_as_shown: Annotated[str, _data(SOURCE, "timestamp_as_shown")] | None
    dateline: Annotated[str, _data(SOURCE, "dateline")]
    credit_line: Annotated[str, _data(SOURCE, "credit_line")]
    url: Annotated[str | None, _data(SOURCE, "url")]
    url_note: Annotated[str, _data(SOURCE, "url_note")] | None
    paragraphs: Annotated[int, Meta(ge=0, description="body paragraphs")]
    quoted_share: QuotedShare | None


class Section(_Record):
    """A subhead of a topic's page."""

    id: Annotated[str, _data(SECTION, "id")]
    title: Annotated[str, _data(SECTION, "title")]


class Topic(_Record):
    """A topic: a page of its own, and a place in the navigation."""

    id: Annotated[str, _data(TOPIC, "id")]
    title: Annotated[str, _data(TOPIC, "title")]
    summary: Annotated[str, _data(TOPIC, "summary")]
    introduction: Annotated[list[Annotated[str, _item(TOPIC, "introduction")]], _data(TOPIC, "introduction")]
    sections: Annotated[list[Section], _data(TOPIC, "sections")]


class When(_Record):
    """The date the report gives, resolved against the publication date."""

    reported_as: Annotated[str, Meta(description="the report's own words")]
    start: Annotated[str, Meta(extra_json_schema={"format": "date"})]
    end: Annotated[str, Meta(extra_json_schema={"format": "date"})]
    precision: Literal["day", "week", "month"]
    note: str | None


class Fact(_Record):
    """One claim, cited."""

    id: Annotated[str, _data(FACT, "id")]
    topics: Annotated[list[Annotated[str, _item(FACT, "topics")]], _data(FACT, "topics")]
    statement: Annotated[str, _data(FACT, "statement")]
    prose: Annotated[str, _data(FACT, "prose")] | None
    lead: Annotated[str, _data(FACT, "lead")] | None
    when: When | None
    mentions: Annotated[
        list[Annotated[str, _item(FACT, "mentions")]], Meta(description="everyone the fact names or mentions")
    ]
    added: Annotated[str, _data(FACT, "added")]
    corrections: Annotated[
        list[Annotated[str, _data(CORRECTION, "id")]],
        Meta(description="the ids of the corrections made to it, newest first"),
    ]
    citations: Annotated[list[Citation], _data(FACT, "citations")]


class Entity(_Record):
    """A person, organisation, group or place the report names."""

    id: Annotated[str, _data(ENTITY, "id")]
    name: Annotated[str, _data(ENTITY, "name")]
    kind: Annotated[str, _data(ENTITY, "kind")]
    aliases: Annotated[list[Annotated[str, _item(ENTITY, "aliases")]], _data(ENTITY, "aliases")]
    description: Annotated[str, _data(ENTITY, "description")]
    citations: Annotated[list[Citation], _data(ENTITY, "citations")]


class Figure(_Record):
    """A number the report gives."""

    id: Annotated[str, _data(FIGURE, "id")]
    as_written: Annotated[str, _data(FIGURE, "as_written")]
    value: Annotated[float, _data(FIGURE, "value")]
    unit: Annotated[str, _data(FIGURE, "unit")]
    counts: Annotated[str, _data(FIGURE, "counts")]
    given_by: Annotated[str, _data(FIGURE, "given_by")] | None
    citation: Citation


class Quotation(_Record):
    """A direct quotation in the report."""

    id: Annotated[str, _data(QUOTATION, "id")]
    shown: Annotated[str, Meta(description="the quotation as the site shows it: whole, or cut with …")]
    complete: Annotated[bool, Meta(description="true if shown is the whole quotation")]
    about: Annotated[str, _data(QUOTATION, "about")]
    speaker: Annotated[str, _data(QUOTATION, "speaker")] | None
    attribution: Annotated[str, _data(QUOTATION, "attribution")]
    citations: Annotated[list[Citation], _data(QUOTATION, "citations")]


class Correction(_Record):
    """A change to published facts: when, what and why."""

    id: Annotated[str, _data(CORRECTION, "id")]
    date: Annotated[str, _data(CORRECTION, "date")]
    facts: Annotated[list[Annotated[str, _item(CORRECTION, "facts")]], _data(CORRECTION, "facts")]
    retracted: Annotated[list[Annotated[str, _item(CORRECTION, "retracted")]], _data(CORRECTION, "retracted")]
    change: Annotated[str, _data(CORRECTION, "change")]
    reason: Annotated[str, _data(CORRECTION, "reason")]
    summary: Annotated[str, _data(CORRECTION, "summary")] | None


class FactBaseDocument(_Record):
    """The sources, topics, facts, people, figures, quotations and corrections of the site, every
    claim cited to a source paragraph with its exact words."""

    sources: list[Source]
    topics: list[Topic]
    facts: list[Fact]
    entities: list[Entity]
    figures: list[Figure]
    quotations: list[Quotation]
    corrections: list[Correction]


def download_schema(schema_id: str) -> dict[str, Any]:
    """The JSON Schema facts.json validates against, identified by its own address."""
    generated = msgspec.json.schema(FactBaseDocument)
    definitions: dict[str, Any] = generated["$defs"]
    document = definitions.pop(FactBaseDocument.__name__)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": schema_id,
        **document,
        "title": "Fact base",
        "description": f"{document['description']} Generated from factsite/download_model.py.",
        "$defs": definitions,
    }
