"""The navigation: mkdocs.yml's entries for the hand-written pages, then the generated pages in
the page registry's order, each kind with a section of its own listing the pages filed in it."""

from __future__ import annotations

import html
import logging
from typing import Any

from mkdocs.exceptions import PluginError

from factsite import KINDS, GeneratedPage

log = logging.getLogger("mkdocs.plugins.factsite")

# Beyond this many pages a navigation section lists only its overview page, which links to
# all of them: every page carries the whole navigation, so a long one costs every page.
NAV_SECTION_LIMIT = 40


def _named(entry: Any) -> list[str]:
    """Every docs path a navigation entry names, however deep."""
    if isinstance(entry, str):
        return [entry]
    if isinstance(entry, dict):
        return [path for value in entry.values() for path in _named(value)]
    if isinstance(entry, list):
        return [path for item in entry for path in _named(item)]
    return []


def _entry(page: GeneratedPage) -> dict[str, str]:
    # Themes put navigation titles into HTML unescaped: escape data values here.
    return {html.escape(page.described.nav_title or page.described.title): page.path}


def navigation(nav: list[Any] | None, pages: dict[str, GeneratedPage]) -> list[Any]:
    """mkdocs.yml's navigation followed by the generated pages'."""
    written_twice = sorted(set(_named(nav)) & set(pages))
    if written_twice:
        raise PluginError(
            f"mkdocs.yml: nav names {', '.join(written_twice)}, which the factsite plugin places "
            "itself after the pages listed there; remove it"
        )
    by_kind: dict[str, list[GeneratedPage]] = {}
    for page in pages.values():
        by_kind.setdefault(page.kind.name, []).append(page)
    entries: list[Any] = []
    for kind in KINDS:
        if kind.section is not None or kind.name not in by_kind:
            continue
        (head,) = by_kind[kind.name]
        members = [page for member in KINDS if member.section == kind.name for page in by_kind.get(member.name, [])]
        if not members:
            entries.append(_entry(head))
            continue
        title = html.escape(head.described.title)
        if len(members) > NAV_SECTION_LIMIT:
            log.info(
                "navigation: %s has %d pages, more than %d; it lists its overview page, which links to them all",
                title,
                len(members),
                NAV_SECTION_LIMIT,
            )
            members = [page for page in members if page.subject is None]
        # An index page of its own (rather than navigation.indexes) keeps every section's
        # navigation landmark named by its visible title.
        entries.append({title: [{"Overview": head.path}, *(_entry(page) for page in members)]})
    return [*(nav or []), *entries]
