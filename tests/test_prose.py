"""The site reads as a story a newcomer can follow: a lead of its own on the home page, dates a
reader can place, reader pages free of the machinery behind them, and corrections noted once."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from factbase import FactBase
from factbase.loader.wording import RELATIVE
from factsite import topic_doc
from factsite.pages import CORRECTIONS

from .conftest import article, page_path, parse, site_pages

SENTENCE_END = re.compile(r"(?<=[.!?”])\s+(?=[A-Z“])")


def sentences(text: str) -> list[str]:
    """A text's sentences, without citation markers, spaced as written."""
    text = re.sub(r"\s*\[\d+\]", "", " ".join(text.split()))
    return [sentence for sentence in SENTENCE_END.split(text) if len(sentence.split()) > 3]


def lead_sentences(site: Path) -> list[str]:
    paragraphs = article(site, "index.md").select("p.lead-paragraph")
    return [sentence for paragraph in paragraphs for sentence in sentences(paragraph.get_text(" ", strip=True))]


def test_the_home_page_opens_with_a_lead_of_two_or_three_cited_paragraphs(built_site: Path) -> None:
    content = article(built_site, "index.md")
    paragraphs = content.select("p.lead-paragraph")
    assert 2 <= len(paragraphs) <= 3
    assert content.h1 is not None and content.h1.find_next("p") is paragraphs[0], "the lead comes first"
    for paragraph in paragraphs:
        for sentence in paragraph.select(".fact-sentence"):
            assert sentence.select("sup.citation"), f"an uncited sentence in the lead: {sentence.get_text()!r}"
    assert len(lead_sentences(built_site)) >= 6


def test_no_sentence_of_the_lead_stands_on_a_topic_page(built_site: Path, real: FactBase) -> None:
    lead = lead_sentences(built_site)
    for topic in real.topics:
        shown = " ".join(article(built_site, topic_doc(topic.id)).get_text(" ", strip=True).split())
        shown = re.sub(r"\s*\[\d+\]", "", shown)
        repeated = [sentence for sentence in lead if sentence in shown]
        assert not repeated, f"the lead repeats {topic.id}'s sentences: {repeated}"


def test_the_sentence_splitter_finds_a_repeated_sentence() -> None:
    # The negative control of the test above: a lead sentence copied onto a page is found.
    lead = sentences("China now requires a scan. [1] The rule covers new numbers only. [2]")
    assert lead == ["China now requires a scan.", "The rule covers new numbers only."]
    assert any(sentence in "Some words. The rule covers new numbers only. More." for sentence in lead)


# What a reader should never meet: the project's files and folders, and the words of its build.
FILE_PATHS = re.compile(
    r"\b(?:data|docs|texts|macros|factbase|factsite|overrides|schemas|tests|scripts)/"
    r"|\b[\w-]+\.(?:ya?ml|py|md|txt)\b"
    r"|\bmake (?:build|serve|check|test|offline|generate|recheck)\b"
)
BUILD_TERMS = re.compile(
    r"\b(?:subheads?|budget|stored texts?|builds?|built|YAML|macros?|loader|templates?|fixtures?|"
    r"mkdocs|pytest|quote_budget|data files?)\b",
    re.IGNORECASE,
)


def reader_text(page: Path) -> list[str]:
    """What a reader reads of a page: its article, its title and its description."""
    soup = parse(page)
    for tag in soup(["script", "style"]):
        tag.decompose()
    content = soup.select_one("article")
    texts = [content.get_text(" ", strip=True) if content else ""]
    texts += [soup.title.get_text() if soup.title else ""]
    texts += [meta.get("content", "") for meta in soup.find_all("meta", attrs={"name": "description"})]
    return texts


def test_no_reader_page_carries_a_file_path_or_a_build_term(built_site: Path) -> None:
    found = [
        f"{page.relative_to(built_site)}: {match.group(0)!r} in …{text[max(0, match.start() - 40) : match.end() + 40]}…"
        for page in site_pages(built_site)
        for text in reader_text(page)
        for pattern in (FILE_PATHS, BUILD_TERMS)
        for match in pattern.finditer(text)
    ]
    assert not found, "machinery on reader pages:\n" + "\n".join(found)


@pytest.mark.parametrize(
    "text",
    [
        "Kept in data/texts/cnn.txt so that the build can verify every quote.",
        "Before the first subhead",
        "12% of the body, within the budget of 15%.",
        "Run make build first.",
        "It is checked against the stored text.",
    ],
)
def test_the_machinery_scan_finds_what_readers_should_not_meet(text: str) -> None:
    assert FILE_PATHS.search(text) or BUILD_TERMS.search(text)


def test_the_machinery_scan_leaves_plain_words_alone() -> None:
    plain = "Offices and buildings; the rules would make checks ubiquitous; open facts.json in a browser."
    assert not FILE_PATHS.search(plain) and not BUILD_TERMS.search(plain)


def test_every_page_has_at_most_one_corrections_notice_and_its_links_land(built_site: Path) -> None:
    corrections = parse(page_path(built_site, CORRECTIONS.path))
    noticed = 0
    for page in site_pages(built_site):
        notices = parse(page).select(".corrections-notice")
        assert len(notices) <= 1, f"{page.relative_to(built_site)} has {len(notices)} corrections notices"
        for notice in notices:
            noticed += 1
            links = notice.find_all("a")
            assert any("#correction-" in link["href"] for link in links), "a notice names what was corrected"
            for link in links:
                parts = urlsplit(link["href"])
                target = (page.parent / parts.path).resolve()
                target = target / "index.html" if target.is_dir() else target
                assert target == page_path(built_site, CORRECTIONS.path).resolve(), link["href"]
                if parts.fragment:
                    assert corrections.find(id=parts.fragment) is not None, f"{link['href']} lands nowhere"
    assert noticed > 0, "the site shows corrected facts, so some page must say so"


def test_no_sentence_carries_an_inline_correction_marker(built_site: Path) -> None:
    for page in site_pages(built_site):
        for sentence in parse(page).select(".fact-sentence"):
            assert "Corrected on" not in sentence.get_text(), page.relative_to(built_site)


@pytest.mark.parametrize(
    ("text", "relative"),
    [
        ("The measure was formally adopted on Sunday.", "Sunday"),
        ("In the month before the report, Guo sued.", "month before the report"),
        ("It happened last week.", "last week"),
        ("A week ago the council met.", "week ago"),
        ("Officials spoke yesterday.", "yesterday"),
        ("The rules were adopted on Sunday, 1 December 2019.", None),
        ("It was adopted on 1 December 2019, a Sunday.", None),
        ("In the week of 25 November 2019 the subway began trials.", None),
    ],
)
def test_relative_dates_are_told_from_absolute_ones(text: str, relative: str | None) -> None:
    match = RELATIVE.search(text)
    assert (match.group(0) if match else None) == relative
