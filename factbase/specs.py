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
    "source": Field("id", help="the id of the source in data/sources.yaml"),
    "paragraph": Field("paragraph", help="the paragraph number on the source's page, or credit line"),
    "quote": Field("text", help="the source's exact words"),
}

SECTION_FIELDS = {
    "id": Field("id", help="facts are filed under topic-id/section-id"),
    "title": Field("text", help="the subhead as the page shows it"),
}

SOURCE_FIELDS = {
    "id": Field("id", help="a stable id, e.g. cnn-business-2019-12-02"),
    "role": Field(
        "text", choices=("original", "syndicated"), help="original, or syndicated for a copy of another source"
    ),
    "copy_of": Field("id", required=False, help="for a syndicated copy: the id of the original"),
    "publisher": Field("text", help="who published this copy"),
    "title": Field("text", help="the headline as the copy gives it"),
    "published": Field("text", help="publication date, YYYY-MM-DD"),
    "timestamp_as_shown": Field("text", required=False, help="the copy's own line giving date and time"),
    "dateline": Field("text", help="how the body begins, before its first words"),
    "credit_line": Field("text", help="the line that ends the article, exactly"),
    "url": Field("text or null", help="the copy's confirmed address, or null"),
    "url_note": Field("text", required=False, help="why no address is recorded (when url is null)"),
    "text": Field("text", help="the stored text, a path inside data/"),
    "subheads": Field("list of text", required=False, help="the article's subheads, exactly"),
    "furniture": Field("list of text", required=False, help="how non-article blocks inside the body begin"),
    "photo_captions": Field("list of text", required=False, help="how photo caption lines begin"),
    "copyright_line": Field("text", required=False, help="the copy's copyright line, exactly"),
    "furniture_after": Field("text", required=False, help="what the page furniture after the article is"),
}
TOPIC_FIELDS = {
    "id": Field("id", help="a stable id; the page is topics/<id>/"),
    "title": Field("text", help="the page title and navigation entry"),
    "summary": Field("text", help="one sentence on what the topic covers"),
    "introduction": Field("list of ids", required=False, help="facts whose statements open the page"),
    "sections": Field("list", required=False, items=SECTION_FIELDS, help="subheads: each an id and a title"),
}
FACT_FIELDS = {
    "id": Field("id", help="a stable id, unique across all facts; the fact's anchor is #fact-<id>"),
    "topics": Field("list of text", help="topic ids, or topic/section where the topic has subheads"),
    "statement": Field("text", help="the claim in plain language"),
    "citations": Field("list", items=CITATION_FIELDS, help="the source paragraphs and exact words that support it"),
    "when": Field("text", required=False, help="the date as the report words it, e.g. Last month"),
    "mentions": Field("list of ids", required=False, help="entities the fact refers to without naming"),
}
ENTITY_FIELDS = {
    "id": Field("id", help="a stable id; the anchor on the people page"),
    "name": Field("text", help="the name as the report gives it"),
    "kind": Field("text", choices=("person", "organisation", "group", "place")),
    "aliases": Field("list of text", required=False, help="other names the report uses"),
    "description": Field("text", help="a short description taken from the reporting"),
    "citations": Field("list", items=CITATION_FIELDS, help="the source paragraphs and exact words that support it"),
}
FIGURE_FIELDS = {
    "id": Field("id", help="a stable id"),
    "as_written": Field("text", help="the number as the report writes it"),
    "value": Field("number", help="the number itself"),
    "unit": Field("text", help="what the number is measured in"),
    "counts": Field("text", help="what the number counts"),
    "given_by": Field("id", required=False, help="the entity the report credits with it"),
    "citations": Field("list", items=CITATION_FIELDS, help="the source paragraphs and exact words that support it"),
}
QUOTATION_FIELDS = {
    "id": Field("id", help="a stable id; the anchor on the quotes page is #q-<id>"),
    "words": Field("text", help="exactly the words between the report's quote marks"),
    "speaker": Field("id", required=False, help="the entity who said or wrote it, if named"),
    "attribution": Field("text", help="who said or wrote it, and in what capacity"),
    "citations": Field("list", items=CITATION_FIELDS, help="first, where the quotation stands"),
}
