"""CONTRIBUTING.md's recipe for a new kind of page, followed as written on a copy of the code:
the registry entry and the template are all it takes for the page, its macro and its place in
the navigation."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

from factbase import load_factbase

from .conftest import PROJECT, SITES, article, build, copy_packages, nav_links, parse, scenario

GUIDE = (PROJECT / "CONTRIBUTING.md").read_text(encoding="utf-8")
RECIPE = GUIDE.split("## Adding a kind of page (for developers)", 1)[1].split("\n## ", 1)[0]


def block(language: str) -> str:
    """The recipe's code block in that language, as written (the guide indents it in a list)."""
    found = re.search(rf"```{language}\n(.*?)```", RECIPE, re.S)
    assert found, f"the recipe has no {language} block"
    return textwrap.dedent(found.group(1))


def test_the_recipe_for_a_kind_of_page_gives_the_page_its_macro_and_its_navigation(tmp_path: Path) -> None:
    project = scenario("tiny", tmp_path / "project")
    copy_packages(project)  # the recipe changes the copy, not the repository
    registry = project / "factsite" / "pages.py"
    code = registry.read_text(encoding="utf-8")
    assert "# In the navigation's order" in code and "    PEOPLE,\n" in code
    code = code.replace("# In the navigation's order", block("python") + "\n\n# In the navigation's order", 1)
    registry.write_text(code.replace("    PEOPLE,\n", "    PEOPLE,\n    NAMES,\n", 1), encoding="utf-8")
    (project / "factsite" / "templates" / "names.md").write_text(block("jinja"), encoding="utf-8")
    # A page written by hand can call the new kind's macro like any other.
    (project / "docs" / "who.md").write_text("# Who\n\n{{ names_page() }}\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("  - Home: index.md\n", "  - Home: index.md\n  - Who: who.md\n")
    )

    site = tmp_path / "site"
    result = build(project, site)
    assert result.returncode == 0, result.stderr

    tiny = load_factbase(SITES / "tiny" / "data")
    for page in ("names.md", "who.md"):
        content = article(site, page)
        links = [a.get_text(strip=True) for a in content.select("ul.names a")]
        assert links == sorted(entity.name for entity in tiny.entities), page
    head = parse(site / "names" / "index.html")
    assert head.title is not None and head.title.get_text().startswith("Names")
    assert head.find("meta", attrs={"name": "description"})["content"].startswith("Every person, organisation")
    assert not head.find("script", type="application/ld+json"), "the kind describes nothing in JSON-LD"
    nav = nav_links(site)
    assert nav.index("Names") == nav.index("People, organisations and places") + 1
