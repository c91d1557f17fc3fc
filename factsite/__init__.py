"""Renders the fact base as page content: citations, fact blocks, generated pages, downloads.

Pure Python and Jinja: nothing here knows about MkDocs. A site generator's adapter supplies
`link`, a function that turns a page's docs path (and a fragment) into a URL relative to the
page being rendered, the `Dialect` its Markdown and theme speak, and how a docs path becomes an
address on the hosted site (factsite.addresses). Which pages there are is the page registry's
(factsite.pages).
"""

from factsite.citations import PageCitations, Reference
from factsite.pages import KINDS, GeneratedPage, PageKind, generated_pages, source_doc, topic_doc
from factsite.render import Dialect, SiteRenderer

__all__ = [
    "KINDS",
    "Dialect",
    "GeneratedPage",
    "PageCitations",
    "PageKind",
    "Reference",
    "SiteRenderer",
    "generated_pages",
    "source_doc",
    "topic_doc",
]
