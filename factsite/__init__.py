"""Renders the fact base as page content: citations, fact blocks, generated pages, downloads.

Pure Python and Jinja: nothing here knows about MkDocs. A site generator supplies `link`, a
function that turns a page's source path (and a fragment) into a URL relative to the page
being rendered, and decides where generated pages and downloads go (factsite.pages).
"""

from factsite.citations import PageCitations, Reference
from factsite.exports import DOWNLOADS, export_files
from factsite.pages import (
    SOURCES_INDEX,
    TOPICS_INDEX,
    GeneratedPage,
    generated_pages,
    source_doc,
    topic_doc,
)
from factsite.render import SiteRenderer

__all__ = [
    "DOWNLOADS",
    "SOURCES_INDEX",
    "TOPICS_INDEX",
    "GeneratedPage",
    "PageCitations",
    "Reference",
    "SiteRenderer",
    "export_files",
    "generated_pages",
    "source_doc",
    "topic_doc",
]
