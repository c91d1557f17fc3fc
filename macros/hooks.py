"""MkDocs hooks: hand each build's events to macros/generate.py, reloaded first.

MkDocs loads this file once per process: under `mkdocs serve` it is not run again when a
rebuild starts. So it holds no logic of its own. At the start of every build it re-runs the
adapter modules (Python would otherwise keep the first version it imported), before the macros
plugin's own start, so that an edit to anything in macros/ takes effect on the rebuild it causes.
"""

from __future__ import annotations

import importlib
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from macros import adapter, generate


@event_priority(100)  # ahead of the macros plugin, whose macros use the adapter too
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    importlib.reload(adapter)
    importlib.reload(generate)
    return generate.expand_navigation(config)


# MkDocs passes every event all of its arguments, by name: each is declared, used or not.


def on_files(files: Files, config: MkDocsConfig) -> Files:
    return generate.add_generated_files(files, config)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return generate.page_markdown(markdown, page)


def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    generate.theme_helpers(env, config)
    generate.fill_downloads()
    return env


def on_post_build(config: MkDocsConfig) -> None:
    generate.check_published_budget(config)


def on_build_error(error: Exception) -> None:
    generate.stop_rendering()
