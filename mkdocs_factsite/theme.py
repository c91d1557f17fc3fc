"""What the theme overrides in overrides/ call: a page's own title and description as plain text
(escaped once, where the template writes them), its citations, its JSON-LD, the licence, and
dates as readers write them."""

from __future__ import annotations

import datetime
import html
from typing import Any

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from factsite.jsonld import script_json
from factsite.reference_formats import PageCitation, page_citation
from factsite.render import long_date
from mkdocs_factsite.build import Build
from mkdocs_factsite.config import LicenceConfig


def add_theme_helpers(env: Any, config: MkDocsConfig, build: Build, licence: LicenceConfig) -> None:
    """Put the helpers into the theme's Jinja environment."""
    site_name = str(config.site_name)

    def own_title(page: Page | None) -> str:
        """A page's own title as plain text, not its navigation label ("Overview", "CNN Business");
        the home page is the site itself."""
        if page is None or page.is_homepage:
            return site_name
        generated = build.pages.get(page.file.src_uri)
        if generated is not None:
            return generated.described.title
        # A hand-written page's title is HTML, as Material writes it into the head.
        title = (page.meta.get("title") if page.meta else None) or page.title or site_name
        return html.unescape(str(title))

    def own_description(page: Page | None) -> str:
        """A page's description as plain text; the site's, for a page without one of its own."""
        generated = build.pages.get(page.file.src_uri) if page is not None else None
        if generated is not None:
            return " ".join(generated.described.description.split())
        # Hand-written front matter and mkdocs.yml's site_description are HTML, as Material writes them.
        written = page.meta.get("description") if page is not None and page.meta else None
        return Markup(str(written or config.site_description or "")).striptags()  # noqa: S704 - HTML made plain text

    def cite(page: Page) -> PageCitation:
        url = page.canonical_url or config.site_url or ""
        updated = datetime.date.fromisoformat(page.update_date)
        return page_citation(own_title(page), site_name, url, updated, licence.name)

    def jsonld(page: Page) -> str | None:
        node = build.linked_data(page, site_name, config.site_description or "")
        return script_json(node) if node is not None else None

    env.globals["page_title"] = own_title
    env.globals["page_description"] = own_description
    env.globals["page_citation"] = cite
    env.globals["page_jsonld"] = jsonld
    env.globals["licence"] = licence
    env.filters["long_date"] = lambda iso: long_date(datetime.date.fromisoformat(str(iso)))
