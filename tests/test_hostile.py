"""Hostile content in data/ stays inert text: no markup, no template evaluation, no script URLs."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import build, copy_project, parse, site_pages

SCRIPT = "<script>alert(1)</script>"
TEMPLATE = "{{ 7*7 }}"
IMAGE = '<img src=x onerror="alert(2)">'
MARKDOWN_LINK = "[click](javascript:alert(3))"
ATTRIBUTES = '{: onclick="alert(4)" }'


def quoted(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_markup_template_syntax_and_script_urls_in_data_show_as_literal_text(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    data = project / "data"
    replace_once(data / "topics.yaml", "title: Regulation", f"title: {quoted(f'Regulation {SCRIPT} {TEMPLATE}')}")
    replace_once(data / "topics.yaml", "title: Schools", f"title: {quoted(f'Schools {MARKDOWN_LINK} {ATTRIBUTES}')}")
    replace_once(
        data / "topics.yaml",
        "summary: How China is moving to regulate facial recognition technology.",
        f"summary: {quoted(f'{IMAGE} How China is moving to regulate facial recognition technology.')}",
    )
    replace_once(
        data / "facts" / "regulation.yaml",
        "Many countries are struggling",
        f"Many countries {SCRIPT} {TEMPLATE} {MARKDOWN_LINK} are struggling",
    )
    replace_once(data / "entities.yaml", "name: Comparitech", f"name: {quoted(f'Comparitech {IMAGE} {MARKDOWN_LINK}')}")
    replace_once(data / "sources.yaml", "publisher: KSL NewsRadio", f"publisher: {quoted(f'KSL NewsRadio {SCRIPT}')}")
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr

    site = tmp_path / "site"
    regulation = parse(site / "topics" / "regulation" / "index.html")
    text = regulation.get_text(" ")
    for literal in (SCRIPT, TEMPLATE, MARKDOWN_LINK, IMAGE):
        assert literal in text, f"{literal!r} does not show as text"
    assert "49" not in text.split("Regulation", 1)[1].split("\n", 1)[0], "the template was evaluated"

    for page in site_pages(site):
        soup = parse(page)
        scripts = [s for s in soup.find_all("script") if "alert(" in s.get_text()]
        assert not scripts, f"{page}: a script from data became markup"
        assert not soup.find_all("img", src="x"), f"{page}: an image from data became markup"
        assert not [a for a in soup.find_all("a") if a.get("href", "").startswith("javascript:")], page
        assert not [t for t in soup.find_all(True) if "onclick" in t.attrs or "onerror" in t.attrs], page


BREAKOUT = '"><script>alert(6)</script>'


def test_a_title_that_breaks_out_of_an_attribute_stays_text_in_the_head(tmp_path: Path) -> None:
    # The case from issue 10: the theme got the title escaped, and `striptags` in
    # overrides/main.html un-escaped it into og:title, where the script ran.
    project = copy_project(tmp_path / "project")
    title = f"Privacy {BREAKOUT}"
    summary = f"Risks {BREAKOUT} to data."
    replace_once(project / "data" / "topics.yaml", "title: Privacy concerns", f"title: {quoted(title)}")
    replace_once(
        project / "data" / "topics.yaml",
        "summary: The risks to personal data that researchers and privacy advocates raised about facial scans.",
        f"summary: {quoted(summary)}",
    )
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page = parse(tmp_path / "site" / "topics" / "privacy-concerns" / "index.html")
    assert not [s for s in page.find_all("script") if "alert(6)" in s.get_text()], "the title became a script"
    og = {m["property"]: m["content"] for m in page.find_all("meta", attrs={"property": True})}
    assert og["og:title"] == title
    assert og["og:description"] == summary
    assert page.find("meta", attrs={"name": "description"})["content"] == summary
    assert page.title is not None and page.title.get_text().startswith(title)


def test_every_outbound_link_keeps_the_referrer_and_opener_private(built_site: Path) -> None:
    for page in site_pages(built_site):
        for link in parse(page).select("article a[href^='http']"):
            assert link.get("rel") == ["noopener", "noreferrer"], (page, link["href"])
            assert link.get("referrerpolicy") == "no-referrer", (page, link["href"])
