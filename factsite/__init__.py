"""Renders the fact base as page content: citations, fact blocks and generated pages.

Pure Python and Jinja: nothing here knows about MkDocs. A site generator supplies `link`, a
function that turns a page's source path (and a fragment) into a URL relative to the page
being rendered, and a PageCitations for each page.
"""

from factsite.citations import PageCitations, Reference
from factsite.pages import SOURCES_INDEX, TOPICS_INDEX, generated_pages, source_doc, topic_doc
from factsite.render import SiteRenderer

__all__ = [
    "SOURCES_INDEX",
    "TOPICS_INDEX",
    "PageCitations",
    "Reference",
    "SiteRenderer",
    "generated_pages",
    "source_doc",
    "topic_doc",
]
