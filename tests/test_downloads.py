"""The downloads, parsed back and compared with the data they were built from."""

from __future__ import annotations

import json
from pathlib import Path

import bibtexparser
import jsonschema
import pytest
import rispy

from factbase import FactBase
from factbase.specs import CITATION, CORRECTION, ENTITY, FACT, FIGURE, QUOTATION, SECTION, SOURCE, TOPIC, Spec
from factsite import download_model as model

from .conftest import PROJECT, SITE_URL, article

# The record of the download that each kind of data entry becomes.
EXPORTED: list[tuple[Spec, type[model.msgspec.Struct]]] = [
    (SOURCE, model.Source),
    (TOPIC, model.Topic),
    (SECTION, model.Section),
    (FACT, model.Fact),
    (CITATION, model.Citation),
    (ENTITY, model.Entity),
    (FIGURE, model.Figure),
    (QUOTATION, model.Quotation),
    (CORRECTION, model.Correction),
]
CAPTURE_ONLY = ("text", "subheads", "furniture", "photo_captions", "copyright_line", "furniture_after")


def download(site: Path, name: str) -> str:
    return (site / "downloads" / name).read_text(encoding="utf-8")


def test_fact_base_json_validates_against_its_schema_and_matches_the_data(real: FactBase, built_site: Path) -> None:
    document = json.loads(download(built_site, "facts.json"))
    schema = json.loads(download(built_site, "facts.schema.json"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(document, schema, cls=jsonschema.Draft202012Validator)
    assert [f["id"] for f in document["facts"]] == [f.id for f in real.facts]
    for exported, fact in zip(document["facts"], real.facts, strict=True):
        assert exported["statement"] == fact.statement
        assert [c["quote"] for c in exported["citations"]] == [c.quote for c in fact.citations]
        assert [c["paragraph"] for c in exported["citations"]] == [c.paragraph for c in fact.citations]
    assert [s["id"] for s in document["sources"]] == [s.id for s in real.sources]
    assert [e["id"] for e in document["entities"]] == [e.id for e in real.entities]
    assert [q["shown"] for q in document["quotations"]] == [q.shown for q in real.quotations]
    assert [q["complete"] for q in document["quotations"]] == [q.excerpt is None for q in real.quotations]
    assert [f["value"] for f in document["figures"]] == [f.value for f in real.figures]


def test_the_download_schema_has_its_own_address(built_site: Path) -> None:
    schema = json.loads(download(built_site, "facts.schema.json"))
    assert schema["$id"] == SITE_URL + "downloads/facts.schema.json"
    data_schema = json.loads((PROJECT / "schemas" / "facts.schema.json").read_text(encoding="utf-8"))
    assert data_schema["$id"] != schema["$id"], "the download and the data files' facts share a schema id"


def test_the_schema_rejects_what_the_data_never_holds(built_site: Path) -> None:
    schema = json.loads(download(built_site, "facts.schema.json"))
    document = json.loads(download(built_site, "facts.json"))
    document["facts"][0]["citations"][0]["paragraph"] = 0
    validator = jsonschema.Draft202012Validator(schema)
    assert list(validator.iter_errors(document)), "a paragraph 0 should not validate"


def test_the_site_and_its_downloads_never_republish_the_stored_texts(real: FactBase, built_site: Path) -> None:
    longest_paragraph = max((p.text for s in real.sources for p in s.article.paragraphs), key=len)
    for path in built_site.rglob("*"):
        if path.suffix in (".html", ".json", ".bib", ".ris", ".txt", ".xml"):
            assert longest_paragraph not in path.read_text(encoding="utf-8"), path
    assert not list(built_site.rglob("*.txt")), "a stored text was copied into the site"


def test_csl_json_round_trips(real: FactBase, built_site: Path) -> None:
    items = json.loads(download(built_site, "sources.csl.json"))
    assert [item["id"] for item in items] == [s.id for s in real.sources]
    for item, source in zip(items, real.sources, strict=True):
        assert item["type"] == "article-newspaper"
        assert item["title"] == source.title
        assert item["publisher"] == source.publisher
        assert item["issued"]["date-parts"] == [[source.published.year, source.published.month, source.published.day]]
        assert item.get("URL") == source.url


def test_bibtex_round_trips(real: FactBase, built_site: Path) -> None:
    library = bibtexparser.parse_string(download(built_site, "sources.bib"))
    assert not library.failed_blocks
    entries = {entry.key: entry for entry in library.entries}
    assert list(entries) == [s.id for s in real.sources]
    for source in real.sources:
        fields = entries[source.id].fields_dict
        assert entries[source.id].entry_type == "article"
        assert fields["entrysubtype"].value == "newspaper"
        assert fields["title"].value == source.title
        assert fields["journal"].value == source.publisher
        assert fields["date"].value == source.published.isoformat()
        assert ("url" in fields and fields["url"].value) == (source.url or False)


def test_ris_round_trips(real: FactBase, built_site: Path) -> None:
    records = rispy.loads(download(built_site, "sources.ris"))
    assert [r["id"] for r in records] == [s.id for s in real.sources]
    for record, source in zip(records, real.sources, strict=True):
        assert record["type_of_reference"] == "NEWS"
        assert record["title"] == source.title
        assert record["publisher"] == source.publisher
        assert record["date"] == source.published.strftime("%Y/%m/%d")
        assert record.get("urls", [None])[0] == source.url


def test_the_downloads_page_links_every_download(built_site: Path) -> None:
    links = article(built_site, "downloads.md").select("ul.downloads a")
    assert "../feed.xml" in {a["href"] for a in links}, "the feed is offered with the downloads"
    hrefs = {a["href"] for a in links if a.has_attr("download")}
    assert hrefs == {
        "facts.json",
        "facts.schema.json",
        "sources.csl.json",
        "sources.bib",
        "sources.ris",
    }


def test_every_quote_carries_a_text_quote_selector_that_anchors_it_once(real: FactBase, built_site: Path) -> None:
    """What an annotation tool does with a W3C TextQuoteSelector: find prefix + exact + suffix in
    the document's text. Here the document is the stored capture; each must be found exactly once,
    with context given only where the exact words alone would be found more than once."""
    document = json.loads(download(built_site, "facts.json"))
    stored = {source.id: source.text for source in real.sources}
    citations = [
        citation
        for kind in ("facts", "entities", "quotations")
        for entry in document[kind]
        for citation in entry["citations"]
    ] + [figure["citation"] for figure in document["figures"]]
    anchored = 0
    for citation in citations:
        for location in [citation, *citation["also_in"]]:
            selector = location["selector"]
            assert selector["type"] == "TextQuoteSelector"
            assert selector["exact"] == citation["quote"]
            whole = selector["prefix"] + selector["exact"] + selector["suffix"]
            assert stored[location["source"]].count(whole) == 1, (location["source"], whole)
            if selector["prefix"] or selector["suffix"]:
                assert stored[location["source"]].count(selector["exact"]) > 1, "context only where it is needed"
            anchored += 1
    assert anchored > len(citations), "the copies' selectors are given too"


# What the download leaves out of each kind of data entry, and why.
LEFT_OUT = {
    **{("source", key): "only finds the article in a capture" for key in CAPTURE_ONLY},
    ("quotation", "words"): "exported as shown and complete",
    ("quotation", "excerpt"): "exported as shown and complete",
    ("figure", "citations"): "a figure has one citation, exported as citation",
}


@pytest.mark.parametrize(("spec", "record"), EXPORTED, ids=[spec.noun for spec, _ in EXPORTED])
def test_the_download_model_holds_every_field_of_the_data_but_what_it_leaves_out(
    spec: Spec, record: type[model.msgspec.Struct]
) -> None:
    exported = set(record.__struct_fields__)
    left_out = {key for (noun, key) in LEFT_OUT if noun == spec.noun}
    assert set(spec.fields) - exported == left_out, f"a field of data's {spec.noun} that facts.json lacks"
    assert not left_out & exported
