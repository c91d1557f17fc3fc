"""Build-level behaviour on tests/sites/tiny/, a small site with its own data: what an editor's
change does to the built site, and which changes fail the build with which message."""

from __future__ import annotations

import subprocess
from pathlib import Path

from factsite.pages import VERSIONS, topic_doc

from .conftest import article, build, copy_packages, nav_links, page_path, parse, scenario


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
    # Its other topic shows it in full too, under the subhead it is filed under there.
    bridges = article(tmp_path / "site", topic_doc("bridges"))
    sentence = bridges.find(id="fact-bridge-cost")
    assert sentence is not None and sentence.select("sup.citation")
    assert sentence.find_previous("h2").get_text(strip=True).removesuffix("¶") == "Money"


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


def build_with_home_line(tmp_path: Path, line: str) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """The tiny site with one more line on its hand-written home page, built."""
    project = scenario("tiny", tmp_path / "project")
    index = project / "docs" / "index.md"
    index.write_text(f"{index.read_text(encoding='utf-8')}\n{line}\n", encoding="utf-8")
    return project, build(project, tmp_path / "site")


def test_a_hand_written_page_naming_a_missing_fact_fails_the_build_cleanly(tmp_path: Path) -> None:
    _, result = build_with_home_line(tmp_path, '{{ cite("no-such-fact") }}')
    assert result.returncode != 0
    assert "docs/index.md: cite() names fact 'no-such-fact', which is not in data/facts/" in result.stderr
    assert "Traceback" not in result.stderr


def test_changing_a_stored_text_changes_the_versions_page(tmp_path: Path) -> None:
    project = scenario("tiny", tmp_path / "project")
    site = tmp_path / "site"
    assert build(project, site).returncode == 0
    before = parse(page_path(site, VERSIONS.path)).select_one("article").get_text(" ", strip=True)
    assert "Identical: all 4 paragraphs of the article body are word for word the same" in before

    edit(project / "data" / "texts" / "tiny-copy.txt", "better spent on roads", "better spent on schools")
    result = build(project, site)
    assert result.returncode == 0, result.stderr
    after = parse(page_path(site, VERSIONS.path)).select_one("article").get_text(" ", strip=True)
    assert "3 paragraphs of the article body are word for word the same" in after
    assert "Paragraph 4: Tiny News has “roads,” where Tiny Radio has “schools,”" in after


def test_a_site_without_a_stated_licence_fails_the_build_cleanly(tmp_path: Path) -> None:
    project = scenario("tiny", tmp_path / "project")
    edit(project / "mkdocs.yml", "      url: https://creativecommons.org/licenses/by/4.0/\n", "")
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    expected = "Plugin 'factsite' option 'licence': Sub-option 'url': Required configuration not provided."
    assert expected in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_a_page_written_by_hand_mixes_prose_with_a_generated_pages_macro_and_numbers_citations_together(
    tmp_path: Path,
) -> None:
    project = scenario("tiny", tmp_path / "project")
    (project / "docs" / "about-bridges.md").write_text(
        '# About the bridge\n\nWhat the mayor says, in a sentence of our own.{{ cite("bridge-cost") }}\n\n'
        '{{ topic_page("bridges") }}\n\nAnd the vote.{{ cite("bridge-approved") }}\n',
        encoding="utf-8",
    )
    edit(project / "mkdocs.yml", "  - Home: index.md\n", "  - Home: index.md\n  - About the bridge: about-bridges.md\n")
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    content = article(tmp_path / "site", "about-bridges.md")
    numbers = [a.get_text(strip=True) for a in content.select("sup.citation a.citation-ref")]
    assert numbers[0] == "[1]", "the hand-written sentence's citation comes first"
    generated = article(tmp_path / "site", topic_doc("bridges"))
    assert len(numbers) == len(generated.select("sup.citation a.citation-ref")) + 2
    assert len(content.select("ol.references")) == 1, "one reference list for the whole page"
    assert content.find(id="fact-bridge-cost") is not None, "the topic's facts are on the page"
    assert "About the bridge" in nav_links(tmp_path / "site")


def test_a_generated_pages_macro_naming_a_missing_subject_fails_the_build_cleanly(tmp_path: Path) -> None:
    project = scenario("tiny", tmp_path / "project")
    index = project / "docs" / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + '\n{{ source_page("no-such-source") }}\n', encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "docs/index.md: source_page() names source 'no-such-source', which is not in the data" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_navigation_lists_generated_pages_itself_and_refuses_them_in_mkdocs_yml(tmp_path: Path) -> None:
    project = scenario("tiny", tmp_path / "project")
    edit(project / "mkdocs.yml", "  - Home: index.md\n", "  - Home: index.md\n  - People: people.md\n")
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "mkdocs.yml: nav names people.md, which the factsite plugin places itself" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_lead_naming_a_fact_without_a_lead_wording_fails_the_build_cleanly(tmp_path: Path) -> None:
    # The lead is written for the home page; a topic page's sentence is never borrowed for it.
    project, result = build_with_home_line(tmp_path, '{{ lead_paragraph("bridge-cost") }}')
    assert result.returncode != 0
    assert "docs/index.md: lead_paragraph() names fact 'bridge-cost', which has no lead" in result.stderr
    assert "Traceback" not in result.stderr
    # Given one, the fact reads as its lead there, with its citations.
    edit(
        project / "data" / "facts" / "bridges.yaml",
        "  statement: The state and the city are to share",
        "  lead: The bridge is to cost $2 million, shared by state and city.\n"
        "  statement: The state and the city are to share",
    )
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    lead = article(tmp_path / "site", "index.md").select_one("p.lead-paragraph")
    assert lead is not None and "shared by state and city" in lead.get_text() and lead.select("sup.citation")


def test_a_macro_of_the_editors_own_in_macros_main_can_be_called_from_a_page(tmp_path: Path) -> None:
    project = scenario("tiny", tmp_path / "project")
    edit(
        project / "macros" / "main.py",
        "        env.macro(macro, name)\n",
        "        env.macro(macro, name)\n\n"
        "    @env.macro\n    def shout(word: str) -> str:\n        return word.upper()\n",
    )
    with (project / "docs" / "index.md").open("a", encoding="utf-8") as page:
        page.write('\nThe bridge, {{ shout("loudly") }}.\n')
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "The bridge, LOUDLY." in article(tmp_path / "site", "index.md").get_text(" ", strip=True)


def test_without_the_macros_module_the_build_fails_saying_what_to_set(tmp_path: Path) -> None:
    project = scenario("tiny", tmp_path / "project")
    edit(project / "mkdocs.yml", "    module_name: macros/main\n", "")
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "the macros plugin needs `module_name: macros/main`" in result.stderr, result.stderr
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
    copy_packages(project)
    edit(project / "factsite" / "templates" / "timeline.md", "# Timeline\n", f"# Timeline\n\n<p>{COPIED}</p>\n")
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "most of them on timeline/index.html (" in result.stderr, result.stderr


def test_words_that_reach_readers_through_search_alone_count_against_the_budget(tmp_path: Path) -> None:
    # The search index is published as much as any page: a reader sees its records as results. A
    # record that joins what the pages show apart (a figure's count and unit, a publisher and a
    # title) must not carry words past the budget that no page shows.
    project = scenario("tiny", tmp_path / "project")
    copy_packages(project)
    edit(
        project / "factsite" / "search.py",
        'f"{source.publisher} publishes',
        f'"{COPIED}" f"{{source.publisher}} publishes',
    )
    result = build(project, tmp_path / "site")
    assert result.returncode != 0, "a build whose search index shows too much of a report passed"
    assert "the built site shows too much of a report" in result.stderr, result.stderr
    assert "most of them on search/r/" in result.stderr, result.stderr
