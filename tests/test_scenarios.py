"""Build-level behaviour on tests/sites/tiny/, a small site with its own data: what an editor's
change does to the built site, and which changes fail the build with which message."""

from __future__ import annotations

from pathlib import Path

from factsite.pages import VERSIONS, topic_doc

from .conftest import article, build, nav_links, page_path, parse, scenario


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, text: str) -> int:
    return next(number for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def test_the_tiny_site_builds_strictly(tmp_path: Path) -> None:
    project = scenario("tiny", tmp_path / "project")
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr


def test_a_topic_added_in_yaml_gets_a_page_and_a_nav_entry(tmp_path: Path) -> None:
    project = scenario("tiny", tmp_path / "project")
    with (project / "data" / "topics.yaml").open("a", encoding="utf-8") as topics:
        topics.write("\n- id: costs\n  title: Costs\n  summary: What the bridge will cost.\n")
    edit(project / "data" / "facts" / "bridges.yaml", "topics: [bridges/money]", "topics: [costs, bridges/money]")
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    content = article(tmp_path / "site", topic_doc("costs"))
    assert content.find(id="fact-bridge-cost") is not None, "the fact is shown in full on its home, its first topic"
    assert "Costs" in nav_links(tmp_path / "site")
    # Its other topic links to it there rather than repeating it.
    bridges = article(tmp_path / "site", topic_doc("bridges"))
    assert bridges.find(id="fact-bridge-cost") is None
    see_also = bridges.select_one("p.see-also a")
    assert see_also is not None and see_also["href"].endswith("costs/#fact-bridge-cost")
    assert see_also.get_text(strip=True) == "Costs"


def test_changing_one_word_of_a_quote_fails_the_build_naming_file_line_fact_and_paragraph(tmp_path: Path) -> None:
    project = scenario("tiny", tmp_path / "project")
    facts = project / "data" / "facts" / "bridges.yaml"
    edit(facts, "quote: will cost $2 million", "quote: will cost $3 million")
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    line = line_of(facts, "$3 million")
    expected = (
        f"data/facts/bridges.yaml:{line}: fact 'bridge-cost': "
        "quote not found word for word in paragraph 3 of source 'tiny-news'"
    )
    assert expected in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_page_furniture_cannot_be_cited(tmp_path: Path) -> None:
    project = scenario("tiny", tmp_path / "project")
    edit(project / "data" / "facts" / "bridges.yaml", "quote: will cost $2 million", "quote: bridges for sale")
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "quotes 'bridges for sale', which is page furniture" in result.stderr, result.stderr


def test_a_hand_written_page_naming_a_missing_fact_fails_the_build_cleanly(tmp_path: Path) -> None:
    project = scenario("tiny", tmp_path / "project")
    index = project / "docs" / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + '\n{{ cite("no-such-fact") }}\n', encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "docs/index.md: cite() names fact 'no-such-fact', which is not in data/facts/" in result.stderr
    assert "Traceback" not in result.stderr


def test_changing_a_stored_text_changes_the_versions_page(tmp_path: Path) -> None:
    project = scenario("tiny", tmp_path / "project")
    site = tmp_path / "site"
    assert build(project, site).returncode == 0
    before = parse(page_path(site, VERSIONS)).select_one("article").get_text(" ", strip=True)
    assert "Identical: all 4 paragraphs of the article body are word for word the same" in before

    edit(project / "data" / "texts" / "tiny-copy.txt", "better spent on roads", "better spent on schools")
    result = build(project, site)
    assert result.returncode == 0, result.stderr
    after = parse(page_path(site, VERSIONS)).select_one("article").get_text(" ", strip=True)
    assert "3 paragraphs of the article body are word for word the same" in after
    assert "Paragraph 4: Tiny News has “roads,” where Tiny Radio has “schools,”" in after


def test_a_site_without_a_stated_licence_fails_the_build_cleanly(tmp_path: Path) -> None:
    project = scenario("tiny", tmp_path / "project")
    edit(project / "mkdocs.yml", "    url: https://creativecommons.org/licenses/by/4.0/\n", "")
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "mkdocs.yml: extra.licence needs a name and a url" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


# The budget counted again over what the build wrote: words the data does not hold count too.
COPIED = (
    "Some residents said the money would be better spent on roads, and asked for a second vote. "
    "The bridge will cost $2 million, paid for by the state and the city together."
)


def test_a_hand_written_page_that_copies_the_report_fails_the_build_naming_it(tmp_path: Path) -> None:
    project = scenario("tiny", tmp_path / "project")
    index = project / "docs" / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + f"\n{COPIED}\n", encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "the built site shows too much of a report" in result.stderr, result.stderr
    assert (
        "tiny-news: the built site shows 45 of its 61 body words in runs of 6 or more (73.8%), over the budget of 30%; "
        "most of them on index.html (39 words); " in result.stderr
    )
    assert "tiny-copy:" not in result.stderr, "a copy over the budget with its original says nothing new"
    assert "Traceback" not in result.stderr


def test_template_wording_that_copies_the_report_fails_the_build_naming_the_page(tmp_path: Path) -> None:
    project = scenario("tiny", tmp_path / "project")
    edit(project / "factsite" / "templates" / "timeline.md", "# Timeline\n", f"# Timeline\n\n<p>{COPIED}</p>\n")
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "most of them on timeline/index.html (" in result.stderr, result.stderr
