"""The routes a reader takes into the report: coverage, people, figures, timeline, quotes, versions."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import Tag

from factbase import FactBase, FactIndex, Location, load_factbase
from factbase.dates import describe
from factsite.pages import FIGURES, PEOPLE, QUOTES, TIMELINE, VERSIONS, topic_doc
from factsite.render import trim_dashes

from .conftest import CNN, FIXTURES, KSL, article, page_path, parse


@pytest.fixture(scope="module")
def index(real: FactBase) -> FactIndex:
    return FactIndex(real)


def test_every_body_paragraph_is_cited_by_a_fact(real: FactBase, index: FactIndex) -> None:
    uncited = set(index.uncited_paragraphs())
    for source in real.sources:
        for paragraph in source.article.paragraphs:
            assert Location(source.id, paragraph.number) not in uncited, (
                f"no fact cites paragraph {paragraph.number} of {source.id}: add one in data/facts/"
            )


def test_the_coverage_check_names_an_uncited_paragraph() -> None:
    # The tiny fixture's facts cite paragraphs 1 and 3 only.
    uncited = FactIndex(load_factbase(FIXTURES / "valid" / "data")).uncited_paragraphs()
    assert uncited == (Location("tiny-news", 2), Location("tiny-news", 4))


def test_every_person_organisation_and_place_is_described_cited_and_placed(
    built_site: Path, real: FactBase, index: FactIndex
) -> None:
    content = article(built_site, PEOPLE.path)
    for entity in real.entities:
        check_entity(content, entity.id, real, index)


def check_entity(content: Tag, entity_id: str, real: FactBase, index: FactIndex) -> None:
    entity = real.entity(entity_id)
    name = content.find(id=f"entity-{entity_id}")
    assert name is not None and name.name == "dt" and name.get_text(strip=True) == entity.name, entity_id
    line = name.find_next_sibling("dd")
    assert entity.description in line.get_text(" ", strip=True)
    paragraphs = {citation.location for citation in entity.citations}
    assert len(line.select("sup.citation")) == len(paragraphs), f"{entity_id}: one marker per paragraph cited"
    # Where it comes up: one link per subhead, to a fact there that mentions it; never whole statements.
    links = line.select(".entity-links a[href*='#fact-']")
    targets = {a["href"].rsplit("#", 1)[-1] for a in links}
    mentioning = {f"fact-{fact.id}" for fact in index.facts_mentioning(entity_id)}
    assert targets <= mentioning
    # A fact is shown on every topic it is filed under: under its subhead there, or, if it opens
    # that topic's page, above every subhead.
    shown = {
        (placement.topic, None if fact.id in real.topic(placement.topic).introduction else placement.section)
        for fact in index.facts_mentioning(entity_id)
        for placement in fact.placements
    }
    assert len(links) == len(shown), entity_id
    for link in links:
        assert "›" in link.get_text() or link.get_text(strip=True) in {t.title for t in real.topics}
        assert not any(link.get_text(" ", strip=True) == fact.statement for fact in real.facts)


def test_a_fact_that_names_someone_links_to_them(built_site: Path) -> None:
    line = article(built_site, PEOPLE.path).find(id="entity-guo-bing").find_next_sibling("dd")
    targets = {a["href"].rsplit("#", 1)[-1] for a in line.select(".entity-links a")}
    assert targets & {"fact-guo-bing-lawsuit", "fact-guo-bing-purpose", "fact-advance-not-smooth"}
    assert any(a["href"].endswith("#q-purpose-of-the-lawsuit") for a in line.select(".entity-links a"))


def test_every_figure_is_on_the_figures_page_with_unit_source_and_citation(built_site: Path, real: FactBase) -> None:
    content = article(built_site, FIGURES.path)
    for figure in real.figures:
        row = content.find(id=f"figure-{figure.id}")
        assert row is not None, figure.id
        cells = {td["data-label"]: td.get_text(" ", strip=True) for td in row.find_all("td")}
        assert list(cells) == ["Figure", "What it counts", "According to"], "one column per kind of information"
        # The figure keeps the report's hedge: "More than 100", never a bare "100"; the report's own
        # words for it are in its reference.
        assert cells["Figure"].lower().startswith(figure.hedge), cells["Figure"]
        assert figure.unit in cells["Figure"] and len(row.select("sup.citation")) == 1, figure.id
        assert figure.as_written in figure.citation.quote, figure.id
        assert cells["What it counts"].lower() == figure.counts.lower(), figure.id
        given_by = real.entity(figure.given_by).name if figure.given_by else "The report itself"
        assert cells["According to"] == given_by, figure.id


@pytest.mark.parametrize(
    ("as_written", "hedge"),
    [
        ("More than 850 million", "more than"),
        ("about every 150 feet", "about every"),
        ("28 companies", ""),
        ("a third", ""),
    ],
)
def test_a_figures_hedge_is_the_reports_words_before_the_number(real: FactBase, as_written: str, hedge: str) -> None:
    figure = dataclasses.replace(real.figures[0], as_written=as_written)
    assert figure.hedge == hedge


def test_every_number_in_the_report_body_is_a_key_figure(real: FactBase) -> None:
    # The report's words for each number, or for a conversion (45 meters), the figure's unit.
    figures = " ".join(f"{f.as_written} {f.unit}" for f in real.figures)
    original = real.source(CNN)
    numbers = {n for p in original.article.paragraphs for n in re.findall(r"\d+(?:[.,]\d+)*%?", p.text)}
    # Days of the month are dates, not figures.
    numbers -= {"1"}
    missing = [n for n in numbers if n not in figures]
    assert not missing, f"numbers in the report with no key figure: {missing}"


def test_timeline_is_in_date_order_with_the_reports_own_wording(real: FactBase, built_site: Path) -> None:
    content = article(built_site, TIMELINE.path)
    events = content.select("li.timeline-event")
    dated = [fact for fact in real.facts if fact.when]
    assert len(events) == len(dated) + len(real.sources)
    fact_events = [e for e in events if e["id"].startswith("when-")]
    order = [e["id"].removeprefix("when-") for e in fact_events]
    starts = [real.fact(fact_id).when.start for fact_id in order]
    assert starts == sorted(starts)
    for event in fact_events:
        fact = real.fact(event["id"].removeprefix("when-"))
        assert f"{describe(fact.when)} (reported as “{fact.when.reported_as}”)" in event.get_text(" ", strip=True)


def test_last_week_in_a_monday_report_is_one_week_and_says_how_it_was_read(built_site: Path) -> None:
    # The report is dated Monday 2 December 2019: the calendar week before and the seven days
    # before are the same days, so the entry is not marked ambiguous (tests/test_dates.py has
    # the weekday on which it is).
    event = article(built_site, TIMELINE.path).find(id="when-beijing-subway-gates")
    assert event.select_one(".timeline-ambiguous") is None
    assert "calendar week, Monday to Sunday" in event.get_text(" ", strip=True)


# Words the report itself puts in quote marks: what it calls the lampposts and the policies. They
# are nobody's quotation, so the quotes page does not list them.
SCARE_QUOTES = ["smart", "real-name registration"]


def test_every_quotation_in_the_report_is_on_the_quotes_page_whole_or_in_part(real: FactBase, built_site: Path) -> None:
    content = article(built_site, QUOTES.path)
    original = real.source(CNN)
    quoted = [m for p in original.article.paragraphs for m in re.findall(r"“([^”]+)”", p.text)]
    assert sorted(quoted) == sorted([*(q.words for q in real.quotations), *SCARE_QUOTES]), (
        "a quotation in the report is not listed, or scare quotes are"
    )
    for quotation in real.quotations:
        shown = content.find(id=f"q-{quotation.id}").blockquote.get_text(" ", strip=True)
        assert shown == f"“{quotation.shown}”"
        for piece in quotation.shown.split("…"):
            assert piece.strip() in quotation.words, f"{quotation.id} shows words the report does not"


def test_every_quotation_says_who_and_in_what_capacity(built_site: Path, real: FactBase) -> None:
    content = article(built_site, QUOTES.path)
    for quotation in real.quotations:
        figure = content.find(id=f"q-{quotation.id}")
        caption = figure.figcaption.get_text(" ", strip=True)
        assert quotation.attribution.split()[0] in caption, quotation.id
        name = real.entity(quotation.speaker).name
        assert caption.count(name) == 1, f"{quotation.id}: the caption names {name} {caption.count(name)} times"
        assert caption.startswith(name), quotation.id
        assert figure.figcaption.select("sup.citation"), quotation.id


def test_every_listed_quotation_has_a_speaker(built_site: Path, real: FactBase) -> None:
    # What someone said or wrote, and who: each caption opens with a link to its speaker's entry.
    quotations = article(built_site, QUOTES.path).select("figure.quotation")
    assert len(quotations) == len(real.quotations)
    people = article(built_site, PEOPLE.path)
    for figure in quotations:
        speaker = figure.figcaption.find("a")
        assert speaker is not None and figure.figcaption.get_text(strip=True).startswith(speaker.get_text(strip=True))
        entry = people.find(id=speaker["href"].rsplit("#", 1)[-1])
        assert entry is not None and entry.get_text(strip=True) == speaker.get_text(strip=True), figure["id"]


def test_versions_page_reports_identical_bodies_and_each_difference(real: FactBase, built_site: Path) -> None:
    text = article(built_site, VERSIONS.path).get_text(" ", strip=True)
    assert "Identical: all 19 paragraphs of the article body are word for word the same" in text
    cnn, ksl = real.source(CNN), real.source(KSL)
    for detail in (trim_dashes(cnn.dateline), trim_dashes(ksl.dateline), ksl.timestamp_as_shown, ksl.copyright_line):
        assert detail in text
    for caption in (*cnn.photo_captions, *ksl.photo_captions):
        # Captions are furniture: shown only by their first words, to tell the photos apart.
        assert f"A caption beginning “{' '.join(caption.split()[:6])}…”" in text
        assert caption not in text
    assert "28 blocks" in text and "not reproduced here" in text
    assert "Today’s Top Stories" not in text and "Bionic" not in text
    assert "differ only in punctuation and spacing" in text


def test_outbound_links_highlight_the_quoted_words_with_a_text_fragment(real: FactBase, built_site: Path) -> None:
    ksl = real.source(KSL)
    body = " ".join(p.text for p in ksl.article.paragraphs)
    links = article(built_site, topic_doc("privacy-concerns")).select("a.reference-outbound")
    assert links
    for link in links:
        url, _, fragment = link["href"].partition("#:~:text=")
        assert url == ksl.url and fragment
        for part in fragment.split(","):
            assert unquote(part) in body, unquote(part)


def test_topic_pages_open_with_a_cited_introduction_and_group_facts_under_subheads(
    real: FactBase, index: FactIndex, built_site: Path
) -> None:
    for topic in real.topics:
        content = article(built_site, topic_doc(topic.id))
        intro = content.select_one("p.fact-paragraph")
        assert intro is not None and intro.select("sup.citation"), topic.id
        subheads = [h.get_text(strip=True).removesuffix("¶") for h in content.find_all("h2")]
        for section in topic.sections:
            if [f for f in index.facts_on(topic.id, section.id) if f.id not in topic.introduction]:
                assert section.title in subheads, (topic.id, section.title)
        assert "Related" in subheads


def test_source_pages_carry_citation_metadata_for_reference_managers(real: FactBase, built_site: Path) -> None:
    for source in real.sources:
        page = parse(page_path(built_site, f"sources/{source.id}.md"))
        meta = {m["name"]: m["content"] for m in page.find_all("meta") if m.get("name", "").startswith("citation_")}
        assert meta["citation_title"] == source.title
        assert meta["citation_publisher"] == source.publisher
        assert meta["citation_publication_date"] == source.published.strftime("%Y/%m/%d")
        assert meta.get("citation_public_url") == source.url
