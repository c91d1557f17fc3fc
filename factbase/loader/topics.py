"""Topics: each a page, with its subheads and the facts it opens with."""

from __future__ import annotations

from factbase.collector import Checked
from factbase.loader.citations import own_words_verified
from factbase.loader.context import Loader, declared_ids
from factbase.model import Fact, Section, Topic
from factbase.specs import FACTS_DIR, SECTION, TOPIC, TOPICS_FILE
from factbase.yamlfile import Origin


def load_topics(loader: Loader) -> None:
    entries = loader.read(TOPICS_FILE, "topic")
    loader.topic_ids = declared_ids(entries)
    topics = loader.build_all(entries, TOPIC, lambda checked: _build_topic(loader, checked))
    loader.topics = {topic.id: topic for topic in topics}


def _build_topic(loader: Loader, entry: Checked) -> Topic | None:
    sections: list[Section] = []
    seen: dict[str, Origin] = {}
    ok = own_words_verified(loader, entry, TOPIC)
    for item in entry.items.get("sections", []):
        if item is None or not loader.unique_id(item, seen) or not item.sound(SECTION):
            ok = False
            continue
        if own_words_verified(loader, item, SECTION):
            section = item.values(SECTION)
            sections.append(Section(section["id"], section["title"]))
        else:
            ok = False
    if not ok or not entry.sound(TOPIC):
        return None
    topic = entry.values(TOPIC)
    return Topic(
        id=topic["id"],
        title=topic["title"],
        summary=topic["summary"],
        introduction=tuple(topic.get("introduction", ())),
        sections=tuple(sections),
        origin=entry.origin,
    )


def check_introductions(loader: Loader, facts: list[Fact]) -> None:
    """Every fact a topic opens with is declared (a broken one reports its own problem), and filed
    under this topic: the page shows it in its opening paragraph rather than under its subhead."""
    if loader.fact_ids is None:
        return  # a facts file could not be read: its problem is the one to fix
    filed = {fact.id: fact.topics for fact in facts}
    for topic in loader.topics.values():
        for fact_id in topic.introduction:
            if fact_id not in loader.fact_ids:
                hint = loader.hint(fact_id, loader.fact_ids)
                loader.add(
                    topic.origin,
                    f"topic {topic.id!r} opens with fact {fact_id!r}, which is not in data/{FACTS_DIR}/{hint}",
                )
            elif fact_id in filed and topic.id not in filed[fact_id]:
                loader.add(
                    topic.origin,
                    f"topic {topic.id!r} opens with fact {fact_id!r}, which is not filed under it; "
                    f"add {topic.id!r} (or one of its sections) to the fact's topics",
                )
