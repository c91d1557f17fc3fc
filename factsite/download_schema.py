"""The JSON Schema of the facts.json download, generated from factbase.specs like the data schemas.

The download holds what the data files hold, minus what is only for finding the article in a
capture, plus what the loader works out (paragraph counts, resolved dates, the same words in
other copies, a TextQuoteSelector for each quote, each fact's corrections). Each exported
field's schema is its kind's; a key the data may leave out is exported as null (or as an empty
list).
"""

from __future__ import annotations

from typing import Any

from factbase.kinds import ENTRIES, ID, PARAGRAPH
from factbase.specs import CITATION, CORRECTION, ENTITY, FACT, FIGURE, QUOTATION, SECTION, SOURCE, TOPIC, Field, Spec

# Source keys that say how to find the article in a capture; the download leaves them out.
CAPTURE_ONLY = ("text", "subheads", "furniture", "photo_captions", "copyright_line", "furniture_after")

_SELECTOR = {
    "description": (
        "a W3C Web Annotation TextQuoteSelector, for annotation tools to anchor the quote: the exact "
        "words, with the fewest whole words of their paragraph before and after that find them once "
        "in the capture (none where the words stand only once)"
    ),
    "type": "object",
    "additionalProperties": False,
    "required": ["type", "exact", "prefix", "suffix"],
    "properties": {
        "type": {"const": "TextQuoteSelector"},
        "exact": {"type": "string", "minLength": 1},
        "prefix": {"type": "string"},
        "suffix": {"type": "string"},
    },
}
_LOCATION = {
    "type": "object",
    "additionalProperties": False,
    "required": ["source", "paragraph", "selector"],
    "properties": {"source": ID.schema, "paragraph": PARAGRAPH.schema, "selector": _SELECTOR},
}
_WHEN = {
    "description": "The date the report gives, resolved against the publication date.",
    "oneOf": [
        {"type": "null"},
        {
            "type": "object",
            "additionalProperties": False,
            "required": ["reported_as", "start", "end", "precision", "note"],
            "properties": {
                "reported_as": {"type": "string", "description": "the report's own words"},
                "start": {"type": "string", "format": "date"},
                "end": {"type": "string", "format": "date"},
                "precision": {"enum": ["day", "week", "month"]},
                "note": {"type": ["string", "null"]},
            },
        },
    ],
}


def _value(field: Field) -> dict[str, Any]:
    if field.items is not None:
        schema: dict[str, Any] = {"type": "array", "items": _object(field.items)}
    else:
        schema = dict(field.kind.schema)
    if field.choices:
        schema["enum"] = list(field.choices)
    if not field.required:
        if field.kind.items is not None or field.kind is ENTRIES:
            schema.pop("minItems", None)
        elif schema.get("oneOf", [{}])[0] != {"type": "null"}:
            schema = {"oneOf": [schema, {"type": "null"}]}
    if field.help:
        schema["description"] = field.help
    return schema


def _object(spec: Spec, omit: tuple[str, ...] = (), extra: dict[str, Any] | None = None) -> dict[str, Any]:
    properties = {name: _value(field) for name, field in spec.fields.items() if name not in omit}
    if spec is CITATION:
        properties["selector"] = _SELECTOR
        properties["also_in"] = {
            "type": "array",
            "items": _LOCATION,
            "description": "the same words in other copies of the report",
        }
    properties.update(extra or {})
    return {"type": "object", "additionalProperties": False, "required": list(properties), "properties": properties}


def download_schema(schema_id: str) -> dict[str, Any]:
    """The schema facts.json validates against, identified by its own address."""
    definitions = {
        "source": _object(
            SOURCE,
            omit=CAPTURE_ONLY,
            extra={
                "paragraphs": {"type": "integer", "minimum": 0, "description": "body paragraphs"},
                "quoted_share": {
                    "description": "how much of the body the site shows word for word (see the source's page)",
                    "oneOf": [
                        {"type": "null"},
                        {
                            "type": "object",
                            "additionalProperties": False,
                            "required": ["body_words", "reproduced_words", "quoted_words"],
                            "properties": {
                                key: {"type": "integer", "minimum": 0}
                                for key in ("body_words", "reproduced_words", "quoted_words")
                            },
                        },
                    ],
                },
            },
        ),
        "section": _object(SECTION),
        "topic": _object(TOPIC),
        "fact": _object(
            FACT,
            extra={
                "when": _WHEN,
                "mentions": {"type": "array", "items": ID.schema, "description": "everyone the fact names or mentions"},
                "corrections": {
                    "type": "array",
                    "items": ID.schema,
                    "description": "the ids of the corrections made to it, newest first",
                },
            },
        ),
        "entity": _object(ENTITY),
        "correction": _object(CORRECTION),
        "figure": _object(FIGURE, omit=("citations",), extra={"citation": _object(CITATION)}),
        "quotation": _object(
            QUOTATION,
            omit=("words", "excerpt"),
            extra={
                "shown": {"type": "string", "description": "the quotation as the site shows it: whole, or cut with …"},
                "complete": {"type": "boolean", "description": "true if shown is the whole quotation"},
            },
        ),
    }
    collections = {"sources": "source", "topics": "topic", "facts": "fact"}
    collections |= {"entities": "entity", "figures": "figure", "quotations": "quotation", "corrections": "correction"}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": schema_id,
        "title": "Fact base",
        "description": (
            "The sources, topics, facts, people, figures, quotations and corrections of the site, "
            "every claim cited to a source paragraph with its exact words. Generated from factbase.specs."
        ),
        "type": "object",
        "additionalProperties": False,
        "required": list(collections),
        "properties": {name: {"type": "array", "items": definitions[kind]} for name, kind in collections.items()},
    }
