"""No page has two elements with one id, whatever the data is called.

A citation's preview, a Copy button, a back-link and a highlighted paragraph each find their
element by id: a second element with the same id takes its place. Every id made from data
carries its kind's prefix (fact-, entity-, q-, figure-, section-, correction-…), so no name in
data/ can take an id a template or the theme gives; this builds the real site, and the tiny site
with its names chosen to mimic those ids, and checks every page of both.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from .conftest import build, parse, scenario, site_pages


def repeated_ids(site: Path) -> dict[str, list[str]]:
    """Each page of a built site that gives one id to two elements, with the ids it repeats."""
    found = {}
    for page in site_pages(site):
        counts = Counter(str(element["id"]) for element in parse(page).find_all(id=True))
        repeated = sorted(identifier for identifier, count in counts.items() if count > 1)
        if repeated:
            found[page.relative_to(site).as_posix()] = repeated
    return found


def rename(path: Path, *changes: tuple[str, str]) -> None:
    text = path.read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text, f"{old!r} not in {path}"
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


def test_no_page_of_the_real_site_gives_two_elements_one_id(built_site: Path) -> None:
    assert repeated_ids(built_site) == {}


def test_names_that_mimic_the_templates_ids_take_none_of_them(tmp_path: Path) -> None:
    project = scenario("tiny", tmp_path / "project")
    data = project / "data"
    # Headings whose words would make the ids of a reference, a Copy button's text, the credit
    # line, a fact and the reference list; people whose ids are those of a reference, the
    # citation's text, its preview, a source's details and a paragraph.
    rename(data / "topics.yaml", ("title: Bridges", "title: Ref 2"), ("title: The decision", "title: Ref 1"))
    rename(data / "topics.yaml", ("title: Money", "title: Cite text"), ("title: Objections", "title: References"))
    rename(data / "texts" / "tiny.txt", ("\nMoney\n", "\nCredit line\n"))
    rename(data / "texts" / "tiny-copy.txt", ("\nMoney\n", "\nCredit line\n"))
    rename(data / "sources.yaml", ("subheads: [Money]", "subheads: [Credit line]"))
    rename(data / "entities.yaml", ("id: ann-lee", "id: cite-text"), ("id: the-mayor", "id: ref-1"))
    rename(data / "quotations.yaml", ("speaker: the-mayor", "speaker: ref-1"))
    with (data / "entities.yaml").open("a", encoding="utf-8") as entities:
        for identifier in ("citation-preview", "report", "p1", "credit-line", "fact-bridge-approved", "title"):
            entities.write(
                f"\n- id: {identifier}\n  name: The Council {identifier}\n  kind: organisation\n"
                "  description: Voted for a bridge.\n  citations:\n    - source: tiny-news\n      paragraph: 1\n"
                "      quote: approved a new bridge\n"
            )
    site = tmp_path / "site"
    result = build(project, site)
    assert result.returncode == 0, result.stderr
    assert repeated_ids(site) == {}
    people = parse(site / "people" / "index.html")
    assert people.find(id="entity-ref-1") is not None and people.find(id="entity-cite-text") is not None
