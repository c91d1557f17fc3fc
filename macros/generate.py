"""The pages and downloads generated from data/, and their places in the navigation.

All the work is in factbase (data) and factsite (rendering); this module connects them to
MkDocs: which files exist, where they sit in the navigation, and when each is rendered.
macros/hooks.py hands MkDocs' events to it, reloading it at the start of every build.
"""

from __future__ import annotations

import datetime
import hashlib
import html
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from factbase import FactBase
from factsite import SOURCES_INDEX, TOPICS_INDEX, GeneratedPage, SiteRenderer, export_files, generated_pages
from factsite.budget import over_budget, published_files
from factsite.exports import DOWNLOADS, PageCitation, page_citation
from factsite.feed import atom_feed
from factsite.jsonld import JsonLd, script_json
from factsite.pages import FEED, OFFLINE_ZIP, VERSIONS, Edition, OfflineZip, hosted_path, source_doc, topic_doc
from factsite.prerender import Prerenderer, PrerenderError
from factsite.render import long_date
from macros import adapter

log = adapter.log

# Beyond this many pages a navigation section lists only its overview page, which links to
# all of them: every page carries the whole navigation, so a long one costs every page.
NAV_SECTION_LIMIT = 40
# From this many generated pages on, they are rendered ahead in a second process.
PRERENDER_FROM = 200
EXPORT_PATHS = [download.path for download in DOWNLOADS]


@dataclass
class Build:
    """One build's state: the generated pages, how they are rendered, and the downloads."""

    factbase: FactBase
    pages: dict[str, GeneratedPage]
    files: Files
    linker: adapter.Linker
    renderer: SiteRenderer
    downloads: dict[str, File]
    content_date: str
    jsonld: JsonLd
    site_url: str
    exports: dict[str, str] | None = None
    prerenderer: Prerenderer | None = None

    def render(self, docs_path: str) -> str:
        """A generated page's Markdown, rendered with links relative to it."""
        self.linker.here = self.files.get_file_from_path(docs_path)
        page = self.pages[docs_path]
        return self.renderer.page(page.kind, page.subject)


_build: Build | None = None


def _project_dir(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent


def _expand(entry: Any, factbase: FactBase) -> Any:
    """Turn a nav entry pointing at a generated index into a section with its pages."""
    if not isinstance(entry, dict) or len(entry) != 1:
        return entry
    ((title, target),) = entry.items()
    # Themes put navigation titles into HTML unescaped: escape data values here.
    pages: list[str | dict[str, str]]
    if target == TOPICS_INDEX:
        pages = [{html.escape(topic.title): topic_doc(topic.id)} for topic in factbase.topics]
    elif target == SOURCES_INDEX:
        pages = [VERSIONS, *({html.escape(s.publisher): source_doc(s.id)} for s in factbase.sources)]
    else:
        return entry
    if len(pages) > NAV_SECTION_LIMIT:
        log.info(
            "navigation: %s has %d pages, more than %d; it lists its overview page, which links to them all",
            title,
            len(pages),
            NAV_SECTION_LIMIT,
        )
        pages = [VERSIONS] if target == SOURCES_INDEX else []
    # An index page of its own (rather than navigation.indexes) keeps every section's
    # navigation landmark named by its visible title.
    return {title: [{"Overview": target}, *pages]}


def expand_navigation(config: MkDocsConfig) -> MkDocsConfig:
    """Fill the Topics and Sources sections of the navigation from data/."""
    factbase = adapter.load(_project_dir(config))
    if config.nav:
        config.nav = [_expand(entry, factbase) for entry in config.nav]
    return config


def content_date(factbase: FactBase) -> str:
    """The date the content last changed: the newest date in the data, the same on every build day.

    MkDocs would stamp every page (the sitemap's lastmod) with the day of the build. It honours
    SOURCE_DATE_EPOCH for what it stamps itself.
    """
    updated = factbase.updated
    if updated is None:  # the loader requires a source, so this is a fact base built by hand
        raise PluginError("data/ holds no dated entry to date the pages by")
    return updated.isoformat()


def add_generated_files(files: Files, config: MkDocsConfig) -> Files:
    """Add a page for each topic and source, the index and reference pages, and the downloads."""
    global _build
    factbase = adapter.load(_project_dir(config))
    pages = generated_pages(factbase)
    for path in [*pages, *EXPORT_PATHS, FEED]:
        if files.get_file_from_path(path) is not None:
            raise PluginError(f"docs/{path} is written by hand, but that file is generated from data/; remove it")
    # Pages for one topic or source first, the long pages that gather everything last: MkDocs
    # builds pages in this order, and the long ones then have time to be rendered ahead.
    for path, page in sorted(pages.items(), key=lambda item: item[1].subject is None):
        files.append(File.generated(config, path, content=adapter.front_matter(page)))
    # The downloads' content is filled in at on_env, once it is ready.
    downloads = {path: File.generated(config, path, content="") for path in EXPORT_PATHS}
    for file in downloads.values():
        files.append(file)
    if not config.site_url:
        raise PluginError("mkdocs.yml: site_url is needed: the feed and canonical links give absolute addresses")
    feed = File.generated(config, FEED, content="")  # in files before the linker reads them
    files.append(feed)
    edition = _edition(files, config)
    linker = adapter.Linker(files)
    renderer = SiteRenderer(factbase, linker, edition=edition)
    feed.content_string = atom_feed(factbase, config.site_url, config.site_name, renderer.index)
    build = _build = Build(
        factbase=factbase,
        pages=pages,
        files=files,
        linker=linker,
        renderer=renderer,
        downloads=downloads,
        content_date=content_date(factbase),
        jsonld=JsonLd(factbase, config.site_url, renderer.index),
        site_url=config.site_url,
    )
    log.debug("pages dated %s, the newest date in data/", build.content_date)
    if len(pages) >= _prerender_from():
        # Render the generated pages on the other core, in the order MkDocs will ask for them.
        order = [file.src_uri for file in files.documentation_pages() if file.src_uri in pages]
        log.info("rendering %d generated pages ahead, in a second process", len(order))
        build.prerenderer = Prerenderer(
            order, build.render, lambda: export_files(factbase, config.site_url or ""), PluginError
        )
    else:
        build.exports = export_files(factbase, config.site_url or "")
    return files


def _edition(files: Files, config: MkDocsConfig) -> Edition:
    """The offline edition itself (mkdocs-offline.yml says so), or the hosted site, which offers
    the zip that scripts/build_offline.py made if FACTSITE_OFFLINE_ZIP names it."""
    if config.extra.get("edition") == "offline":
        return Edition(offline=True)
    zipped = os.environ.get("FACTSITE_OFFLINE_ZIP")
    if not zipped:
        log.info("no offline edition in this build: make build makes it and offers it on the downloads page")
        return Edition()
    path = Path(zipped).resolve()
    if not path.is_file():
        raise PluginError(f"FACTSITE_OFFLINE_ZIP names {zipped}, which is not a file: run make offline first")
    if files.get_file_from_path(OFFLINE_ZIP) is not None:
        raise PluginError(f"docs/{OFFLINE_ZIP} is written by hand, but that file is the offline edition; remove it")
    files.append(File.generated(config, OFFLINE_ZIP, abs_src_path=str(path)))
    content = path.read_bytes()
    return Edition(offline_zip=OfflineZip(size=len(content), sha256=hashlib.sha256(content).hexdigest()))


def _prerender_from() -> int:
    """How many generated pages make rendering them in a second process worth its start-up."""
    return int(os.environ.get("FACTSITE_PRERENDER_FROM", PRERENDER_FROM))


def _current() -> Build:
    if _build is None:
        raise PluginError("the fact base's pages were asked for before add_generated_files made them")
    return _build


def page_markdown(markdown: str, page: Page) -> str:
    """Pin the page's date and its permanent address; put a generated page's content, rendered
    from data, in place."""
    build = _current()
    page.update_date = build.content_date
    # The hosted page's address, in the offline edition too (whose own URLs end in .html): its
    # canonical links, citations and sitemap name the permanent address.
    page.canonical_url = urljoin(build.site_url, hosted_path(page.file.src_uri))
    if page.file.src_uri not in build.pages:
        return markdown
    try:
        if build.prerenderer is not None:
            return build.prerenderer.result(page.file.src_uri)
        return build.render(page.file.src_uri)
    except PrerenderError as error:
        raise PluginError(str(error)) from None


def theme_helpers(env: Any, config: MkDocsConfig) -> None:
    """What the theme overrides call: a page's citations, and dates as readers write them."""
    licence_setting = config.extra.get("licence")
    if not (isinstance(licence_setting, dict) and licence_setting.get("name") and licence_setting.get("url")):
        raise PluginError(
            "mkdocs.yml: extra.licence needs a name and a url: the licence of the site's own text, "
            "which every page's “Cite this page” states"
        )
    licence = str(licence_setting["name"])

    def own_title(page: Page | None) -> str:
        """A page's own title as plain text, not its navigation label ("Overview", "CNN Business");
        the home page is the site itself. Generated pages' titles arrive HTML-escaped (adapter.py)."""
        if page is None or page.is_homepage:
            return str(config.site_name)
        title = (page.meta.get("title") if page.meta else None) or page.title or config.site_name
        return html.unescape(str(title))

    def cite(page: Page) -> PageCitation:
        url = page.canonical_url or config.site_url or ""
        updated = datetime.date.fromisoformat(page.update_date)
        return page_citation(own_title(page), config.site_name, url, updated, licence)

    def jsonld(page: Page) -> str | None:
        build = _current()
        linked = build.jsonld
        node: dict[str, Any] | None = (
            linked.home(config.site_name, config.site_description or "")
            if page.is_homepage
            else linked.page(build.pages.get(page.file.src_uri), page.canonical_url or "", config.site_name)
        )
        return script_json(node) if node is not None else None

    env.globals["page_title"] = own_title
    env.globals["page_citation"] = cite
    env.globals["page_jsonld"] = jsonld
    env.filters["long_date"] = lambda iso: long_date(datetime.date.fromisoformat(str(iso)))


def fill_downloads() -> None:
    """Fill in the downloads, now that every page is built and they are ready."""
    build = _current()
    try:
        exports = build.prerenderer.afterwards() if build.prerenderer is not None else build.exports
    except PrerenderError as error:
        raise PluginError(str(error)) from None
    build.prerenderer = None
    assert exports is not None
    for path, file in build.downloads.items():
        file.content_string = exports[path]


def check_published_budget(config: MkDocsConfig) -> None:
    """Count the quoting budget again over every page, the feed and the downloads as written."""
    problems = over_budget(_current().factbase, published_files(Path(config.site_dir)))
    if problems:
        raise PluginError("the built site shows too much of a report:\n" + "\n".join(problems))


def stop_rendering() -> None:
    """Stop a rendering process that a failed build leaves behind."""
    if _build is not None and _build.prerenderer is not None:
        _build.prerenderer.close()
        _build.prerenderer = None
