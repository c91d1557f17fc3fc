"""One build of the site: its fact base, the generated pages and downloads, and the one renderer
that writes every page's facts and citations, generated or hand-written, through the macros.

The plugin (plugin.py) makes a Build at the start of each build and hands it MkDocs' events.
"""

from __future__ import annotations

import datetime
import gc
import hashlib
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from factbase import DataError, FactBase, Source, load_factbase
from factsite import GeneratedPage, PageCitations, PageKind, SiteRenderer, generated_pages
from factsite.addresses import Hosted
from factsite.budget import over_budget, published_files
from factsite.exports import DOWNLOADS, FEED, OFFLINE_ZIP, Edition, OfflineZip, export_files
from factsite.feed import atom_feed
from factsite.jsonld import JsonLd
from factsite.pages import source_doc
from factsite.prerender import Prerenderer, PrerenderError
from mkdocs_factsite.config import FactsiteConfig
from mkdocs_factsite.entries import EntryLink, hosted_entry_link, local_entry_link, repository_files
from mkdocs_factsite.material import MATERIAL, Linker, hosted_path, page_meta
from mkdocs_factsite.nav import navigation
from mkdocs_factsite.search import SearchPages

log = logging.getLogger("mkdocs.plugins.factsite")

# A generated page's Markdown names its subject inside a Jinja string: only an id may stand there.
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

# What the pages are made from under mkdocs serve when data/ has never loaded.
EMPTY = FactBase(sources=(), topics=(), facts=())


def load(data_dir: Path) -> FactBase:
    """The fact base in data_dir; a DataError lists every problem in it."""
    factbase = load_factbase(data_dir)  # with the cyclic collector held off while it loads
    # It lives for the whole build: move it out of the collector's way, so the build's many
    # collections do not re-scan it. What an earlier build froze (under mkdocs serve) is
    # handed back to the collector first.
    gc.unfreeze()
    gc.freeze()
    return factbase


def page_markdown(page: GeneratedPage) -> str:
    """A generated page's Markdown: the call of its kind's macro, naming its subject by id only,
    so that no data value is ever read as a template."""
    if page.subject is None:
        return f"{{{{ {page.kind.macro}() }}}}\n"
    if not _ID.fullmatch(page.subject):
        raise PluginError(f"{page.path}: {page.subject!r} is not an id, so it cannot name the page's subject")
    return f'{{{{ {page.kind.macro}("{page.subject}") }}}}\n'


@dataclass(frozen=True)
class Prerendered:
    """A generated page's content rendered in the second process, with its citations and their
    reference list, which the page keeps unless it cites more."""

    content: str
    citations: PageCitations
    reference_list: str
    uses: int  # the markers the reference list is for


@dataclass
class PageState:
    """The page being built: its citations, numbered in order of first use, and what its macro
    calls named wrongly."""

    file: File
    citations: PageCitations = field(default_factory=PageCitations)
    problems: list[str] = field(default_factory=list)
    nav_title: str | None = None  # a generated page's, from the data, kept from mkdocs-macros
    prerendered: Prerendered | None = None


class Build:
    """One build's state, from its configuration to its last page.

    Under `mkdocs serve`, a problem does not fail the build: the data's, a page's and the quoting
    budget's are gathered in `problems`, for the plugin to show on every page; when data/ does not
    load, the pages are made from the last fact base that did (if there was one: else it fails).
    """

    def __init__(
        self, config: MkDocsConfig, options: FactsiteConfig, *, serving: bool = False, last_good: FactBase | None = None
    ) -> None:
        self.options = options
        self.serving = serving
        self.problems: list[str] = []  # each `file:line: message`, under mkdocs serve only
        self.loaded = True  # False when data/ did not load and the pages show the last good fact base
        try:
            self.factbase = load(Path(options.data_dir))
        except DataError as error:
            if not serving:
                raise PluginError(str(error)) from None
            # No fact base has loaded yet in this server (or the code changed since): the pages are
            # made from none, so that the server comes up and every page it serves shows the problems.
            self.factbase, self.loaded = last_good or EMPTY, False
            self.problems = str(error).splitlines()[1:]  # after its heading, one line a problem
        self.pages = generated_pages(self.factbase)
        if not config.site_url:
            raise PluginError("mkdocs.yml: site_url is needed: the feed and canonical links give absolute addresses")
        self.hosted = Hosted(config.site_url, hosted_path)
        updated = self.factbase.updated
        if updated is None and self.factbase is EMPTY:
            updated = datetime.date.today()  # serve's pages when nothing has loaded: dated today
        elif updated is None:  # the loader requires a source, so this is a fact base built by hand
            raise PluginError(f"{options.data_dir} holds no dated entry to date the pages by")
        # MkDocs would stamp every page (the sitemap's lastmod) with the day of the build; the
        # newest date in the data is the same on every build day.
        self.content_date = updated.isoformat()
        self._renderer: SiteRenderer | None = None  # made once the files are known
        self.linker: Linker | None = None
        self.jsonld: JsonLd | None = None
        self.page: PageState | None = None
        self.downloads: dict[str, File] = {}
        self.exports: dict[str, str] | None = None
        self.prerenderer: Prerenderer[Prerendered] | None = None
        self.search = SearchPages()

    @property
    def shown(self) -> str:
        """What the pages show under a problems panel: the last good data, the data as it is, or none."""
        if self.factbase is EMPTY:
            return "none"
        return "current" if self.loaded else "last good"

    # on_config ------------------------------------------------------------------------------

    def configure(self, config: MkDocsConfig) -> None:
        """Place the generated pages in the navigation."""
        config.nav = navigation(config.nav, self.pages)

    # on_files -------------------------------------------------------------------------------

    def add_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Add a page for each topic and source, the index and reference pages, and the downloads."""
        for path in [*self.pages, *(download.path for download in DOWNLOADS), FEED]:
            if files.get_file_from_path(path) is not None:
                raise PluginError(f"docs/{path} is written by hand, but that file is generated from data/; remove it")
        # Pages for one topic or source first, the long pages that gather everything last: MkDocs
        # builds pages in this order, and the long ones then have time to be rendered ahead.
        for path, page in sorted(self.pages.items(), key=lambda item: item[1].subject is None):
            files.append(File.generated(config, path, content=page_markdown(page)))
        # The downloads' content is filled in at on_env, once it is ready.
        self.downloads = {download.path: File.generated(config, download.path, content="") for download in DOWNLOADS}
        for file in self.downloads.values():
            files.append(file)
        feed = File.generated(config, FEED, content="")  # in files before the linker reads them
        files.append(feed)
        edition = self._edition(files, config)
        self.linker = Linker(files)
        renderer = self._renderer = SiteRenderer(
            self.factbase, self.linker, MATERIAL, edition=edition, entry_link=self._entry_link(config, edition)
        )
        self.jsonld = JsonLd(self.factbase, self.hosted, renderer.index)
        if self.factbase is not EMPTY:  # a feed needs entries
            feed.content_string = atom_feed(self.factbase, self.hosted, config.site_name, renderer.index)
        log.debug("pages dated %s, the newest date in the data", self.content_date)
        if len(self.pages) >= self.options.prerender_from:
            # Render the generated pages on the other core, in the order MkDocs will ask for them.
            order = [file.src_uri for file in files.documentation_pages() if file.src_uri in self.pages]
            log.info("rendering %d generated pages ahead, in a second process", len(order))
            self.prerenderer = Prerenderer(
                order, self._prerender, lambda: export_files(self.factbase, self.hosted.page), PluginError
            )
        else:
            self.exports = export_files(self.factbase, self.hosted.page)
        return files

    def _edition(self, files: Files, config: MkDocsConfig) -> Edition:
        """The offline edition itself, or the hosted site, which offers the zip that
        scripts/build_offline.py made if the offline_zip option names it."""
        if self.options.edition == "offline":
            return Edition(offline=True)
        zipped = self.options.offline_zip
        if not zipped:
            log.info("no offline edition in this build: make build makes it and offers it on the downloads page")
            return Edition()
        if files.get_file_from_path(OFFLINE_ZIP) is not None:
            raise PluginError(f"docs/{OFFLINE_ZIP} is written by hand, but that file is the offline edition; remove it")
        path = Path(zipped).resolve()
        files.append(File.generated(config, OFFLINE_ZIP, abs_src_path=str(path)))
        content = path.read_bytes()
        return Edition(offline_zip=OfflineZip(size=len(content), sha256=hashlib.sha256(content).hexdigest()))

    def _entry_link(self, config: MkDocsConfig, edition: Edition) -> EntryLink | None:
        """Where the link beside each fact leads: its entry on this disk under mkdocs serve, in the
        repository where mkdocs.yml names one; the offline edition has none."""
        if edition.offline:
            return None
        # The loader names a file from the folder that holds data/ (data/facts/x.yaml).
        data_parent = Path(self.options.data_dir).resolve().parent
        if self.serving:
            return local_entry_link(data_parent, self.options.entry_url)
        project = Path(config.config_file_path or ".").resolve().parent
        docs = Path(config.docs_dir).resolve()
        if not docs.is_relative_to(project) or not data_parent.is_relative_to(project):
            return None
        files = repository_files(config.repo_url, config.edit_uri, docs.relative_to(project).as_posix())
        return hosted_entry_link(files, data_parent.relative_to(project).as_posix()) if files else None

    def _prerender(self, path: str) -> Prerendered:
        """In the second process: a generated page's content, as its macro gives it, and its references."""
        renderer, linker = self.renderer, self.linker
        assert linker is not None
        linker.here = linker.files.get_file_from_path(path)
        page, citations = self.pages[path], PageCitations()
        content = renderer.page(page.kind, page.subject, citations)
        listed = renderer.reference_list(citations) if citations.references else ""
        return Prerendered(content, citations, listed, citations.uses())

    @property
    def renderer(self) -> SiteRenderer:
        """The build's one renderer, for generated and hand-written pages alike."""
        if self._renderer is None:
            raise PluginError("a page was rendered before the plugin's on_files made the renderer")
        return self._renderer

    # on_page_markdown, around mkdocs-macros ------------------------------------------------

    def start_page(self, page: Page) -> None:
        """Before the macros run: citation numbers restart, links are relative to this page, and
        its date and permanent address are pinned."""
        page.update_date = self.content_date
        # The hosted page's address, in the offline edition too (whose own URLs end in .html): its
        # canonical links, citations and sitemap name the permanent address.
        page.canonical_url = self.hosted.page(page.file.src_uri)
        if self.linker is not None:
            self.linker.here = page.file
        self.page = PageState(page.file)
        if page.file.src_uri in self.pages:
            # mkdocs-macros renders a page title that holds template syntax as a template. A
            # generated page's navigation title is data: it is set aside while the macros run (the
            # page is titled by its file name meanwhile) and put back after.
            self.page.nav_title = vars(page).pop("title", None)

    def current_page(self, macro: str) -> PageState:
        if self.page is None:
            raise PluginError(f"the macro {macro}() was called outside a page")
        return self.page

    def page_content(self, kind: PageKind, subject: str | None) -> str:
        """A page kind's content, on the page being built: the prerendered one where this is that
        generated page and nothing on it is cited yet, else rendered here."""
        state = self.current_page(kind.macro)
        path = kind.page_path(subject)
        if self.prerenderer is not None and state.file.src_uri == path and not state.citations.references:
            try:
                state.prerendered = self.prerenderer.result(path)
            except PrerenderError as error:
                raise PluginError(str(error)) from None
            state.citations = state.prerendered.citations
            return state.prerendered.content
        return self.renderer.page(kind, subject, state.citations)

    def finish_page(self, markdown: str, page: Page) -> str:
        """After the macros ran: fail on a page whose macros named something missing; else end it
        with its references, and give a generated page the title and description Material shows.

        Raised here rather than inside a macro, where mkdocs-macros would wrap it in a traceback.
        """
        state, self.page = self.page, None
        if state is None:
            raise PluginError(f"{page.file.src_uri} ended without having started")
        if state.problems:
            if not self.serving:
                raise PluginError("\n".join(state.problems))
            if self.factbase is not EMPTY:  # with no data, every fact a page names is missing
                self.problems.extend(state.problems)
        # Material's search plugin would parse every page into an index that the plugin replaces
        # with its own (mkdocs_factsite/search.py): it is told to leave each page out.
        page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
        generated = self.pages.get(page.file.src_uri)
        if generated is not None:
            # Set after mkdocs-macros has run, which would render a title holding template syntax.
            page.meta.update(page_meta(generated.described))
            if state.nav_title is not None:
                page.title = state.nav_title
        ahead = state.prerendered
        # The references rendered ahead stand, unless the page cited more after its generated content.
        listed = ahead.reference_list if ahead is not None and state.citations.uses() == ahead.uses else None
        return self.renderer.with_references(markdown, state.citations, listed)

    # on_env ---------------------------------------------------------------------------------

    def fill_downloads(self) -> None:
        """Fill in the downloads, now that every page is built and they are ready."""
        try:
            exports = self.prerenderer.afterwards() if self.prerenderer is not None else self.exports
        except PrerenderError as error:
            raise PluginError(str(error)) from None
        self.prerenderer = None
        assert exports is not None
        for path, file in self.downloads.items():
            file.content_string = exports[path]

    def linked_data(self, page: Page, site_name: str, site_description: str) -> dict[str, Any] | None:
        """A page's JSON-LD: the site itself on the home page, else whatever its kind describes."""
        if self.jsonld is None:
            raise PluginError("the theme asked for JSON-LD before the plugin's on_files made it")
        if page.is_homepage:
            return self.jsonld.home(site_name, site_description)
        return self.jsonld.page(self.pages.get(page.file.src_uri), page.canonical_url or "", site_name)

    # on_post_build --------------------------------------------------------------------------

    def check_published_budget(self, site_dir: Path) -> None:
        """Count the quoting budget again over every page, the feed, the downloads and the search index as written."""
        problems = over_budget(self.factbase, published_files(site_dir))
        if problems and not self.serving:
            raise PluginError("the built site shows too much of a report:\n" + "\n".join(problems))
        self.problems.extend(problems)

    def source_pages(self) -> list[tuple[Source, Path]]:
        """Each source, and where its page was written."""
        if self.linker is None:
            raise PluginError("the plugin asked for the source pages before its on_files")
        written = []
        for source in self.factbase.sources:
            file = self.linker.files.get_file_from_path(source_doc(source.id))
            if file is not None:
                written.append((source, Path(file.abs_dest_path)))
        return written

    # on_build_error -------------------------------------------------------------------------

    def stop(self) -> None:
        """Stop a rendering process that a failed build leaves behind."""
        if self.prerenderer is not None:
            self.prerenderer.close()
            self.prerenderer = None
