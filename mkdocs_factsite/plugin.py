"""The `factsite` plugin: the site's pages, navigation, downloads and feed, made from data/.

It works through mkdocs-macros, which must be listed under `plugins:` too: the plugin registers
its macros there, and every generated page is one call of its kind's macro, rendered by
mkdocs-macros like a page written by hand.

Under `mkdocs serve` a rebuild runs in the same process, and Python would keep the modules it
first imported: the plugin forgets them at the start of a rebuild when the code or templates have
changed, and imports them afresh (all but this module and its options), so that an edit to the
code, like one to data/ or to a template, shows on the rebuild it causes.

Under `mkdocs serve` too, a problem does not fail the rebuild (which would leave the server
holding every request until it is fixed): every page shows the problems above the last good
content, or above what could be made without it; an error in a page's macros and a warning that
strict mode counts go there too (mkdocs_factsite/serve.py). `mkdocs build` stays strict.
"""

from __future__ import annotations

import importlib
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from jinja2 import BytecodeCache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs_macros.plugin import MacrosPlugin

from factsite import KINDS
from mkdocs_factsite.config import FactsiteConfig

if TYPE_CHECKING:
    # Only `mkdocs serve` makes one: a build need not import the server and its file watcher.
    from mkdocs.livereload import LiveReloadServer

    from factbase import FactBase
    from mkdocs_factsite.build import Build
    from mkdocs_factsite.serve import BuildLog

log = logging.getLogger("mkdocs.plugins.factsite")

# The packages the plugin runs on, whose modules a rebuild under `mkdocs serve` imports afresh.
PACKAGES = ("factbase", "factsite", "mkdocs_factsite")
# How often `mkdocs serve` looks for an edit (MkDocs' own is 0.5 s): a stat of each watched file.
POLL_SECONDS = 0.1
_KEPT = {"mkdocs_factsite", __name__, "mkdocs_factsite.config"}  # what MkDocs holds: the plugin itself


def _forget_modules() -> None:
    """Forget the packages' modules, so that the next import of each runs its code afresh."""
    for loaded in [name for name in sys.modules if name.split(".")[0] in PACKAGES and name not in _KEPT]:
        del sys.modules[loaded]


class FactsitePlugin(BasePlugin[FactsiteConfig]):  # type: ignore[no-untyped-call]
    """Hands each build of the site to a Build, made afresh at its start."""

    def __init__(self) -> None:
        self.serving = False
        self.builds = 0
        self._build: Build | None = None
        # Under mkdocs serve: the last fact base that loaded, and the code it was loaded with.
        self._last_good: FactBase | None = None
        self._code: object = None
        self._compiled: BytecodeCache | None = None  # the templates, compiled once
        self._log: BuildLog | None = None  # what a build logs that strict mode would fail it on
        self._first_line = 1  # where the page being built starts in its file, after front matter
        self._env: Any = None

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        # Defining on_startup also keeps this one instance for every rebuild of `mkdocs serve`.
        self.serving = command == "serve"
        if self.serving:
            serve = importlib.import_module("mkdocs_factsite.serve")
            self._compiled, self._log = serve.CompiledTemplates(), serve.BuildLog()

    @property
    def build(self) -> Build:
        if self._build is None:
            raise PluginError("the factsite plugin was asked for a page before its on_config")
        return self._build

    # Ahead of mkdocs-macros' own on_config, which loads macros/main.py: the macros it registers
    # work on this build.
    @event_priority(10)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not isinstance(config.plugins.get("macros"), MacrosPlugin):
            raise PluginError(
                "mkdocs.yml: the factsite plugin writes pages through mkdocs-macros: list macros in plugins"
            )
        self.builds += 1
        if self._log is not None:
            self._log.start()
            # A page's macro error goes into the panel (its page says so) rather than exiting.
            config.plugins["macros"].config["on_error_fail"] = False
        if self.serving:
            code = importlib.import_module("mkdocs_factsite.serve").code_stamp(_package_folders())
            if self.builds > 1 and code != self._code:
                # The last good fact base is made of the old code's classes: it goes too.
                _forget_modules()
                self._last_good = None
            self._code = code
        build: Build = importlib.import_module("mkdocs_factsite.build").Build(
            config, self.config, serving=self.serving, last_good=self._last_good
        )
        self._build = build
        if build.loaded:
            self._last_good = build.factbase
        build.configure(config)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        importlib.import_module("mkdocs_factsite.search").add_worker(files, config)
        macros_plugin = config.plugins["macros"]
        assert isinstance(macros_plugin, MacrosPlugin), "on_config checked it"
        if any(kind.macro not in macros_plugin.macros for kind in KINDS):  # macros/main.py registers them
            raise PluginError(
                "mkdocs.yml: the macros plugin needs `module_name: macros/main`, which registers the site's macros"
            )
        files = self.build.add_files(files, config)
        self.build.renderer.templates.bytecode_cache = self._compiled
        return files

    # Around mkdocs-macros, which renders each page's macros between these two.
    @event_priority(50)
    def _start_page(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        self.build.start_page(page)
        if self._log is not None:
            self._log.macro_errors.clear()
            self._first_line = 1 + len(page.file.content_string.splitlines()) - len(markdown.splitlines())
        return markdown

    @event_priority(-50)
    def _finish_page(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self._log is not None and self._log.macro_errors:
            # mkdocs-macros put its own report of the error, unescaped, in place of the page.
            serve = importlib.import_module("mkdocs_factsite.serve")
            self.build.problems.extend(
                serve.macro_problem(page.file.src_uri, error, self._first_line) for error in self._log.macro_errors
            )
            markdown = serve.MACRO_ERROR_PAGE
        return self.build.finish_page(markdown, page)

    on_page_markdown = CombinedEvent(_start_page, _finish_page)

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        env.bytecode_cache = self._compiled  # before the theme's templates are loaded
        theme = importlib.import_module("mkdocs_factsite.theme")
        theme.add_theme_helpers(env, config, self.build, self.config.licence)
        self.build.fill_downloads()
        self._env = env
        return env

    def on_page_context(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        """Note each page's title and description, as its head gives them, for search."""
        helpers = self._env.globals
        self.build.search.add(page.url, helpers["page_title"](page), helpers["page_description"](page))
        return context

    # After Material's search plugin has written its index, before its offline plugin inlines it.
    @event_priority(-50)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        site_dir = Path(config.site_dir)
        # The search index first: its records are published too, and the budget counts them.
        self.build.search.write(self.build.factbase, config, inline=self.config.edition == "offline")
        self.build.check_published_budget(site_dir)
        if not self.serving:
            return
        # What serve adds for editors, after the budget has counted what a reader would see.
        serve = importlib.import_module("mkdocs_factsite.serve")
        for source, page in self.build.source_pages():
            serve.show_citation_picker(site_dir, page, source)
        assert self._log is not None, "on_startup made it"
        problems = [*self.build.problems, *self._log.take_warnings()]  # under serve only: else the first failed
        if problems:
            log.info("%d problems, shown on every page until they are fixed:\n%s", len(problems), "\n".join(problems))
            serve.show_problems(site_dir, problems, self.build.shown)

    def on_build_error(self, *, error: Exception) -> None:
        if self._build is not None:
            self._build.stop()

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        """Rebuild on an edit to data/, or to the code and templates the pages are made with; look
        for edits every POLL_SECONDS, and never leave the server hanging on a failed rebuild."""
        # MkDocs polls every 0.5 s, a quarter of a second of every save on average. watchdog gives
        # each watch its observer's interval as it is made: the ones MkDocs made before this
        # event (docs/ and mkdocs.yml) are made again, and the rest (ours, mkdocs.yml's `watch:`)
        # are made after it.
        server.observer._timeout = POLL_SECONDS  # watchdog's interval has no setter
        for made in (config.docs_dir, config.config_file_path):
            if made:
                server.unwatch(made)
                server.watch(made)
        server.watch(self.config.data_dir)
        for folder in _package_folders():
            server.watch(str(folder))
        assert self._log is not None, "on_startup made it"
        serve = importlib.import_module("mkdocs_factsite.serve")
        server.builder = serve.guard(server.builder, Path(config.site_dir), self._log)
        return server


def _package_folders() -> list[Path]:
    """The folders of the packages the plugin runs on: their code and templates."""
    return [Path(importlib.import_module(package).__file__ or "").parent for package in PACKAGES]
