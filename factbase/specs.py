"""What each data file holds: the one definition the loader checks and the JSON Schemas come from."""

from __future__ import annotations

from factbase.collector import Field

SOURCES_FILE = "sources.yaml"
TOPICS_FILE = "topics.yaml"
ENTITIES_FILE = "entities.yaml"
FIGURES_FILE = "figures.yaml"
QUOTATIONS_FILE = "quotations.yaml"
FACTS_DIR = "facts"

CITATION_FIELDS = {
    "source": Field("id"),
    "paragraph": Field("paragraph"),
    "quote": Field("text", help="the source's exact words"),
}

SECTION_FIELDS = {"id": Field("id"), "title": Field("text")}

SOURCE_FIELDS = {
    "id": Field("id", help="a stable id, e.g. cnn-business-2019-12-02"),
    "role": Field("text", choices=("original", "syndicated"), help="original, or syndicated for a copy of another source"),
    "copy_of": Field("id", required=False, help="for a syndicated copy: the id of the original"),
    "publisher": Field("text"),
    "title": Field("text", help="the headline as the copy gives it"),
    "published": Field("text", help="publication date, YYYY-MM-DD"),
    "timestamp_as_shown": Field("text", required=False, help="the copy's own line giving date and time"),
    "dateline": Field("text", help="how the body begins, before its first words"),
    "credit_line": Field("text", help="the line that ends the article, exactly"),
    "url": Field("text or null", help="the copy's confirmed address, or null"),
    "url_note": Field("text", required=False, help="why no address is recorded (when url is null)"),
    "text": Field("text", help="the stored text, a path inside data/"),
    "subheads": Field("list of text", required=False),
    "furniture": Field("list of text", required=False, help="how non-article blocks inside the body begin"),
    "photo_captions": Field("list of text", required=False, help="how photo caption lines begin"),
    "copyright_line": Field("text", required=False),
    "furniture_after": Field("text", required=False, help="what the page furniture after the article is"),
}
TOPIC_FIELDS = {
    "id": Field("id"),
    "title": Field("text"),
    "summary": Field("text", help="one sentence on what the topic covers"),
    "introduction": Field("list of ids", required=False, help="facts whose statements open the page"),
    "sections": Field("list", required=False, items=SECTION_FIELDS, help="subheads: each an id and a title"),
}
FACT_FIELDS = {
    "id": Field("id"),
    "topics": Field("list of text", help="topic ids, or topic/section where the topic has subheads"),
    "statement": Field("text", help="the claim in plain language"),
    "citations": Field("list", items=CITATION_FIELDS),
    "when": Field("text", required=False, help="the date as the report words it, e.g. Last month"),
    "mentions": Field("list of ids", required=False, help="entities the fact refers to without naming"),
}
ENTITY_FIELDS = {
    "id": Field("id"),
    "name": Field("text"),
    "kind": Field("text", choices=("person", "organisation", "group", "place")),
    "aliases": Field("list of text", required=False, help="other names the report uses"),
    "description": Field("text"),
    "citations": Field("list", items=CITATION_FIELDS),
}
FIGURE_FIELDS = {
    "id": Field("id"),
    "as_written": Field("text", help="the number as the report writes it"),
    "value": Field("number"),
    "unit": Field("text"),
    "counts": Field("text", help="what the number counts"),
    "given_by": Field("id", required=False, help="the entity the report credits with it"),
    "citations": Field("list", items=CITATION_FIELDS),
}
QUOTATION_FIELDS = {
    "id": Field("id"),
    "words": Field("text", help="exactly the words between the report's quote marks"),
    "speaker": Field("id", required=False, help="the entity who said or wrote it, if named"),
    "attribution": Field("text", help="who said or wrote it, and in what capacity"),
    "citations": Field("list", items=CITATION_FIELDS, help="first, where the quotation stands"),
}
