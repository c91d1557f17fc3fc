"""Each page's JSON-LD, read as a JSON-LD processor reads it and checked against schema.org.

pyld expands every page's JSON-LD with the schema.org context vendored in tests/jsonld/ (no
network: any other context is refused). Every type must be a schema.org type, every property a
schema.org property whose domain admits the node's type, every typed value one its range admits.
Then what the JSON-LD says is held to the data: on tests/sites/tiny/, the reports, their copy,
and each fact as a Claim appearing in the paragraphs it cites, with no verdict or rating.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from pyld import jsonld

from factbase import FactIndex, load_factbase
from factsite.pages import source_doc, topic_doc

from .conftest import PROJECT, SITE_URL, SITES, page_path, parse, site_pages

VENDORED = PROJECT / "tests" / "jsonld"
SCHEMA = "http://schema.org/"  # what the vendored context's @vocab expands terms to
SCHEMA_CONTEXTS = {"https://schema.org", "https://schema.org/", "http://schema.org", "http://schema.org/"}
TINY = load_factbase(SITES / "tiny" / "data")
SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@cache
def vocabulary() -> dict[str, Any]:
    vocabulary: dict[str, Any] = json.loads((VENDORED / "schemaorg-vocabulary.json").read_text(encoding="utf-8"))
    return vocabulary


@cache
def context() -> dict[str, Any]:
    document: dict[str, Any] = json.loads((VENDORED / "schemaorg-context.jsonld").read_text(encoding="utf-8"))
    return document


def load_document(url: str, _options: dict[str, Any] | None = None) -> dict[str, Any]:
    """pyld's document loader: the vendored schema.org context, and nothing from the network."""
    if url.rstrip("/") + "/" not in {c.rstrip("/") + "/" for c in SCHEMA_CONTEXTS}:
        raise ValueError(f"the JSON-LD asks for a context from {url}, which is not schema.org")
    return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url, "document": context()}


def expand(document: dict[str, Any]) -> list[dict[str, Any]]:
    expanded: list[dict[str, Any]] = jsonld.expand(document, {"documentLoader": load_document})
    return expanded


def ancestors(type_name: str) -> set[str]:
    """A schema.org type and all its supertypes."""
    types = vocabulary()["types"]
    found, stack = set(), [type_name]
    while stack:
        name = stack.pop()
        if name not in found:
            found.add(name)
            stack.extend(types.get(name, []))
    return found


def local(iri: str) -> str:
    assert iri.startswith(SCHEMA), f"{iri} is not in the schema.org vocabulary"
    return iri.removeprefix(SCHEMA)


def problems_in(node: dict[str, Any], where: str) -> list[str]:
    """Every type, property and typed value of an expanded node (and those nested in it) that
    schema.org does not define or does not allow there."""
    found: list[str] = []
    types = [local(t) for t in node.get("@type", [])]
    for name in types:
        if name not in vocabulary()["types"]:
            found.append(f"{where}: {name} is not a schema.org type")
    admitted = set().union(*(ancestors(name) for name in types)) if types else set()
    for key, values in node.items():
        if key.startswith("@"):
            continue
        name = local(key)
        spec = vocabulary()["properties"].get(name)
        if spec is None:
            found.append(f"{where}: {name} is not a schema.org property")
            continue
        if admitted and not admitted & set(spec["domains"]):
            found.append(f"{where}: {name} is not a property of {types}")
        for value in values:
            if "@value" in value:
                continue
            value_types = [local(t) for t in value.get("@type", [])]
            if value_types and not any(ancestors(t) & set(spec["ranges"]) for t in value_types):
                found.append(f"{where}: {name} cannot hold a {value_types}")
            found.extend(problems_in(value, f"{where} > {name}"))
    return found


def page_documents(page: Path) -> list[dict[str, Any]]:
    return [json.loads(text) for text in SCRIPT.findall(page.read_text(encoding="utf-8"))]


def nodes(document: dict[str, Any]) -> list[dict[str, Any]]:
    return document.get("@graph", [document])


def test_the_vocabulary_check_catches_what_schema_org_does_not_define() -> None:
    wrong = {
        "@context": "https://schema.org",
        "@type": "Claim",
        "text": "A claim.",
        "reviewRatingg": "typo",
        "headline": "fine",
        "appearance": {"@type": "Organization", "name": "not a creative work"},
    }
    (node,) = expand(wrong)
    found = problems_in(node, "test")
    assert any("reviewRatingg is not a schema.org property" in p for p in found), found
    assert any("appearance cannot hold a ['Organization']" in p for p in found), found
    assert not any("headline" in p for p in found), "headline is a CreativeWork property, so a Claim's"
    assert problems_in(expand({"@context": "https://schema.org", "@type": "Claimm"})[0], "t"), "unknown type"
    with pytest.raises(jsonld.JsonLdError, match="loading remote context failed"):
        expand({"@context": "https://elsewhere.example/context", "@type": "Claim"})


def test_every_page_of_the_real_site_uses_schema_org_as_defined(built_site: Path) -> None:
    checked = 0
    for page in site_pages(built_site):
        for document in page_documents(page):
            for node in expand(document):
                problems = problems_in(node, page.relative_to(built_site).as_posix())
                assert not problems, problems
                checked += 1
    assert checked >= 8, "the home page, the topics and the sources describe themselves"


def test_the_reports_are_news_articles_and_the_copy_is_based_on_the_original(tiny_site: Path) -> None:
    for source in TINY.sources:
        (document,) = page_documents(page_path(tiny_site, source_doc(source.id)))
        report = nodes(document)[0]
        assert report["@type"] == "NewsArticle"
        assert report["@id"] == f"{SITE_URL}sources/{source.id}/#report"
        assert report["headline"] == source.title
        assert report["datePublished"] == source.published.isoformat()
        assert report["publisher"] == {"@type": "Organization", "name": source.publisher}
        assert report.get("url") == source.url, "an address is given only where one is known"
        if source.copy_of:
            assert report["isBasedOn"] == {"@id": f"{SITE_URL}sources/{source.copy_of}/#report"}
        else:
            assert "isBasedOn" not in report


def test_each_fact_is_a_claim_appearing_in_the_paragraphs_it_cites(tiny_site: Path) -> None:
    index = FactIndex(TINY)
    for topic in TINY.topics:
        (document,) = page_documents(page_path(tiny_site, topic_doc(topic.id)))
        article = nodes(document)[0]
        assert article["@type"] == "Article" and article["headline"] == topic.title
        claims = {claim["@id"]: claim for claim in article["hasPart"]}
        # Every fact the page shows is a claim, named once for the whole site: at its home.
        filed = [fact for fact in TINY.facts if topic.id in fact.topics]
        assert set(claims) == {f"{SITE_URL}topics/{fact.home.topic}/#fact-{fact.id}" for fact in filed}
        for fact in filed:
            claim = claims[f"{SITE_URL}topics/{fact.home.topic}/#fact-{fact.id}"]
            assert claim["@type"] == "Claim" and claim["text"] == fact.statement
            locations = {location for citation in fact.citations for location in (citation.location, *citation.also_in)}
            # A paragraph of an original is named by its place on the original's page, which indexes
            # them; a copy's page does not, so its paragraphs have no address of their own.
            expected = {
                (
                    f"{SITE_URL}sources/{location.source_id}/#{location.anchor}"
                    if TINY.source(location.source_id).copy_of is None
                    else None,
                    f"{TINY.source(location.source_id).publisher}, {location.label}",
                    f"{SITE_URL}sources/{location.source_id}/#report",
                )
                for location in locations
            }
            shown = {(a.get("@id"), a["name"], a["isPartOf"]["@id"]) for a in claim["appearance"]}
            assert shown == expected
            corrections = index.corrections_of(fact.id)
            assert claim.get("dateModified") == (corrections[0].date.isoformat() if corrections else None)
        # The reports it cites are described on the page too, by the same ids as on their own pages.
        reports = {node["@id"] for node in nodes(document) if node["@type"] == "NewsArticle"}
        assert {c["@id"] for c in article["citation"]} == reports


def ids_and_urls(value: Any) -> Iterator[str]:
    """Every @id and url in a JSON-LD document, nested ones included."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ("@id", "url") and isinstance(item, str):
                yield item
            else:
                yield from ids_and_urls(item)
    elif isinstance(value, list):
        for item in value:
            yield from ids_and_urls(item)


def test_every_address_on_this_site_that_the_json_ld_names_exists(built_site: Path, tiny_site: Path) -> None:
    checked = 0
    for site in (built_site, tiny_site):
        for page in site_pages(site):
            for document in page_documents(page):
                for address in ids_and_urls(document):
                    if not address.startswith(SITE_URL):
                        continue
                    path, _, fragment = address.removeprefix(SITE_URL).partition("#")
                    target = site / path / "index.html" if not path.endswith(".html") else site / path
                    assert target.is_file(), f"{page}: {address} names no page"
                    if fragment:
                        assert parse(target).find(id=fragment) is not None, f"{page}: {address} names no anchor"
                    checked += 1
    assert checked > 50


def test_no_claim_carries_a_verdict_or_a_rating(built_site: Path, tiny_site: Path) -> None:
    for site in (built_site, tiny_site):
        for page in site_pages(site):
            text = " ".join(json.dumps(document) for document in page_documents(page))
            for term in ("ClaimReview", "reviewRating", "Rating", "reviewBody", "itemReviewed"):
                assert term not in text, f"{page}: {term}"
