"""MkDocs hooks: one page per topic and per source, and their places in the navigation.

Loaded afresh by MkDocs on every build. The pages' content is a macro call that
macros/main.py renders; this file only decides which pages exist and where they go.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

PROJECT_DIR = Path(__file__).resolve().parent.parent
if str(PROJECT_DIR) not in sys.path:  # factbase and factsite sit beside macros/, uninstalled
    sys.path.insert(0, str(PROJECT_DIR))

from mkdocs.config.defaults import MkDocsConfig  # noqa: E402
from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.structure.files import File, Files  # noqa: E402

from factbase import DataError, FactBase, load_once  # noqa: E402
from factsite import SOURCES_INDEX, TOPICS_INDEX, generated_pages, source_doc, topic_doc  # noqa: E402


def _factbase(config: MkDocsConfig) -> FactBase:
    try:
        return load_once(Path(config.config_file_path).parent / "data")
    except DataError as error:
        raise PluginError(str(error)) from None


def _expand(entry: Any, factbase: FactBase) -> Any:
    """Turn a nav entry pointing at a generated index into a section with its pages."""
    if not isinstance(entry, dict) or len(entry) != 1:
        return entry
    (title, target), = entry.items()
    if target == TOPICS_INDEX:
        pages = [{topic.title: topic_doc(topic.id)} for topic in factbase.topics]
    elif target == SOURCES_INDEX:
        pages = [{source.publisher: source_doc(source.id)} for source in factbase.sources]
    else:
        return entry
    return {title: [target, *pages]}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Fill the Topics and Sources sections of the navigation from data/."""
    factbase = _factbase(config)
    if config.nav:
        config.nav = [_expand(entry, factbase) for entry in config.nav]
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add a generated page for each topic and source, and the two index pages."""
    for docs_path, content in generated_pages(_factbase(config)).items():
        if files.get_file_from_path(docs_path) is not None:
            raise PluginError(
                f"docs/{docs_path} is written by hand, but that page is generated from data/; "
                "remove the file"
            )
        files.append(File.generated(config, docs_path, content=content))
    return files
