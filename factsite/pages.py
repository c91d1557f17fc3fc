"""Which pages the fact base generates, and where they live in the docs tree."""

from __future__ import annotations

from factbase import FactBase

TOPICS_INDEX = "topics/index.md"
SOURCES_INDEX = "sources/index.md"


def topic_doc(topic_id: str) -> str:
    """The docs path of a topic's page."""
    return f"topics/{topic_id}.md"


def source_doc(source_id: str) -> str:
    """The docs path of a source's page."""
    return f"sources/{source_id}.md"


def generated_pages(factbase: FactBase) -> dict[str, str]:
    """Every generated page: docs path to its Markdown source, a single macro call.

    Ids are checked by the loader to be lower-case words and hyphens, so they are safe
    to write inside the macro call.
    """
    pages = {TOPICS_INDEX: "{{ topics_index() }}\n", SOURCES_INDEX: "{{ sources_index() }}\n"}
    for topic in factbase.topics:
        pages[topic_doc(topic.id)] = f'{{{{ topic_page("{topic.id}") }}}}\n'
    for source in factbase.sources:
        pages[source_doc(source.id)] = f'{{{{ source_page("{source.id}") }}}}\n'
    return pages
