"""The link from each fact on a page to its entry in data/: to the repository at the entry's line
where mkdocs.yml names one (repo_url, edit_uri), none without it, and none in the offline edition.
The link under mkdocs serve, to the file on disk, is followed in tests/test_serve.py."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup
from mkdocs.exceptions import PluginError
from playwright.sync_api import Browser

from factbase import load_factbase
from factbase.yamlfile import Origin
from mkdocs_factsite.entries import local_entry_link, repository_files

from .conftest import run_mkdocs, scenario, serving

REPOSITORY = "https://github.com/example/cited"


def with_repository(project: Path) -> None:
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8") + f"\nrepo_url: {REPOSITORY}\nedit_uri: edit/main/docs/\n",
        encoding="utf-8",
    )


def entry_links(page: Path) -> list[tuple[str, str]]:
    """Each fact's sentence on a built page, as it reads, and its entry link's address."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    found = []
    for link in soup.select("a.fact-entry"):
        sentence = link.find_parent(class_="fact-sentence")
        assert sentence is not None, link
        found.append((sentence.select_one(".fact-statement").get_text(), str(link["href"])))
    return found


def followed(project: Path, href: str) -> tuple[str, str]:
    """The fact id on the line a repository link points at, and that line's file."""
    match = re.fullmatch(re.escape(REPOSITORY) + r"/blob/main/(.+)#L(\d+)", href)
    assert match, f"{href} is not a link to a file of the repository at a line"
    path = project / unquote(match.group(1))
    line = path.read_text(encoding="utf-8").splitlines()[int(match.group(2)) - 1]
    entry = re.fullmatch(r"- id: ([a-z0-9-]+)", line)
    assert entry, f"{href} points at {line!r}, not at the start of an entry"
    return entry.group(1), match.group(1)


@pytest.mark.slow
def test_each_fact_links_to_its_entry_in_the_repository_at_its_line(tmp_path: Path) -> None:
    project = scenario("tiny", tmp_path / "project")
    with_repository(project)
    built = run_mkdocs(project, "build")
    assert built.returncode == 0, built.stderr
    factbase = load_factbase(project / "data")
    page = project / "site" / "topics" / "objections" / "index.html"
    links = entry_links(page)
    assert links, "the topic page has no link from a fact to its entry"
    for sentence, href in links:
        fact_id, file = followed(project, href)
        fact = factbase.fact(fact_id)
        assert sentence in fact.wordings, f"{href} leads to {fact_id!r}, not to the fact that reads {sentence!r}"
        assert file == fact.origin.file


def test_the_entry_link_shows_on_screen_and_not_in_print(browser: Browser, tmp_path: Path) -> None:
    project = scenario("tiny", tmp_path / "project")
    with_repository(project)
    built = run_mkdocs(project, "build")
    assert built.returncode == 0, built.stderr
    with serving(project / "site") as address:
        page = browser.new_page()
        page.goto(f"{address}topics/objections/")
        link = page.locator("a.fact-entry").first
        assert link.is_visible(), "the link is not shown on screen"
        page.emulate_media(media="print")
        assert link.is_hidden(), "the link is printed"
        page.close()


@pytest.mark.slow
def test_no_entry_links_without_a_repository_nor_in_the_offline_edition(tmp_path: Path) -> None:
    project = scenario("tiny", tmp_path / "project")
    built = run_mkdocs(project, "build")
    assert built.returncode == 0, built.stderr
    assert not entry_links(project / "site" / "topics" / "objections" / "index.html")
    with_repository(project)
    offline = run_mkdocs(project, "build", "-f", "mkdocs-offline.yml", "-d", "offline")
    assert offline.returncode == 0, offline.stderr
    pages = list((project / "offline").rglob("*.html"))
    assert pages
    assert not any("fact-entry" in page.read_text(encoding="utf-8") for page in pages)
    # The negative control: the same configuration's hosted build has them.
    hosted = run_mkdocs(project, "build")
    assert hosted.returncode == 0, hosted.stderr
    assert entry_links(project / "site" / "topics" / "objections" / "index.html")


def test_a_local_link_names_the_file_on_disk_and_the_line(tmp_path: Path) -> None:
    link = local_entry_link(tmp_path, "vscode://file{path}:{line}")
    assert link(Origin("data/facts/a b#c.yaml", 12)) == (
        f"vscode://file{tmp_path.as_posix()}/data/facts/a%20b%23c.yaml:12",
        "data/facts/a b#c.yaml:12",
    )


@pytest.mark.parametrize("template", ["{path}{nowhere}", "{0}", "{path"])
def test_an_entry_url_naming_anything_else_is_refused_with_the_option(tmp_path: Path, template: str) -> None:
    with pytest.raises(PluginError, match=r"entry_url .* may name only"):
        local_entry_link(tmp_path, template)


@pytest.mark.parametrize(
    ("repo_url", "edit_uri", "files"),
    [
        ("https://github.com/o/r", "edit/main/docs/", "https://github.com/o/r/blob/main/"),
        ("https://gitlab.com/o/r/", "-/edit/main/docs/", "https://gitlab.com/o/r/-/blob/main/"),
        ("https://github.com/o/r", "edit/main/site-src/", None),  # not the docs folder: the root is unknown
        ("https://github.com/o/r", "", None),  # edit links turned off
        (None, "edit/main/docs/", None),
    ],
)
def test_the_repository_address_follows_materials_edit_uri(
    repo_url: str | None, edit_uri: str, files: str | None
) -> None:
    assert repository_files(repo_url, edit_uri, "docs") == files


# An address that runs a script, or is a page of its own, where a reader expects the entry.
SCRIPTS = ["javascript:alert(1)//", " \x01Java\tScript:alert(1)//", "data:text/html,<script>alert(1)</script>//"]


@pytest.mark.parametrize(
    "edit_uri",
    [f"{script}docs/" for script in SCRIPTS] + ["javascript://x/%0aalert(1)//docs/", "http://[malformed/docs/"],
)
def test_an_edit_uri_that_is_no_web_address_gives_no_entry_link_but_an_error(edit_uri: str) -> None:
    with pytest.raises(PluginError, match=r"mkdocs\.yml: repo_url and edit_uri .* not a web address"):
        repository_files("https://github.com/o/r", edit_uri, "docs")


def test_a_repo_url_that_is_no_web_address_gives_no_entry_link_but_an_error() -> None:
    # MkDocs takes any scheme with a host for repo_url; urljoin then leaves edit_uri relative.
    with pytest.raises(PluginError, match=r"mkdocs\.yml: repo_url and edit_uri .* not a web address"):
        repository_files("javascript://x/%0aalert(1)//", "edit/main/docs/", "docs")


@pytest.mark.parametrize("template", [f"{script}{{path}}:{{line}}" for script in SCRIPTS] + ["vbscript:{path}"])
def test_an_entry_url_that_would_run_a_script_is_refused(tmp_path: Path, template: str) -> None:
    with pytest.raises(PluginError, match=r"entry_url .* would run in the page"):
        local_entry_link(tmp_path, template)
