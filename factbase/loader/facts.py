"""Facts: one claim each, filed under topics, with its citations and the date it happened."""

from __future__ import annotations

import datetime

from factbase.collector import Checked
from factbase.dates import UnresolvableDateError, resolve
from factbase.loader.citations import citations_of, own_words_verified, quoted_words_verified
from factbase.loader.context import Entries, Loader, declared_ids
from factbase.loader.references import references_exist
from factbase.loader.wording import relative_dates_refused, resolved_date_named
from factbase.model import Citation, Fact, Placement, ResolvedDate
from factbase.specs import ENTITIES_FILE, FACT, FACTS_DIR, TOPICS_FILE
from factbase.words import whole_words_in
from factbase.yamlfile import Origin

# A fact's sentences: the statement, which stands on its own, and how its home topic's paragraph
# and the home page's lead word it, where they differ.
WORDINGS = ("statement", "prose", "lead")


def load_facts(loader: Loader) -> list[Fact]:
    """The facts that loaded from data/facts/*.yaml; declares every fact id (None if a file is unreadable)."""
    if not loader.files.facts and f"{FACTS_DIR}" not in loader.files.rejected:
        loader.add(Origin(loader.shown(FACTS_DIR)), "holds no .yaml files of facts")
    entries: Entries = []
    readable = True
    for path in loader.files.facts:
        relative = f"{FACTS_DIR}/{path.name}"
        found = loader.read_path(path, relative, "fact")
        if found is None:
            readable = False
        entries.extend(found or [])
    declared = declared_ids(entries)
    loader.fact_ids = declared if readable and not loader.files.rejected & {FACTS_DIR} else None
    return loader.build_all(entries, FACT, lambda checked: _build_fact(loader, checked))


def _placements(loader: Loader, entry: Checked) -> tuple[Placement, ...] | None:
    at = entry.at("topics")
    placements: list[Placement] = []
    ok = True
    for value in entry["topics"]:
        topic_id, _, section_id = value.partition("/")
        placement = Placement(topic_id, section_id or None)
        if any(placed.topic == topic_id for placed in placements):
            # A topic page shows each of its facts once, under one subhead.
            loader.add(at, f"{entry.name} lists topic {topic_id!r} twice; a topic page shows each fact once")
            ok = False
            continue
        placements.append(placement)
        topic = loader.topics.get(topic_id)
        if topic is None:
            if loader.topic_ids is not None and topic_id not in loader.topic_ids:
                hint = loader.hint(topic_id, loader.topic_ids)
                loader.add(
                    at, f"{entry.name} is filed under topic {topic_id!r}, which is not in data/{TOPICS_FILE}{hint}"
                )
            ok = False  # otherwise the topics file, or that topic, has its own problem
        elif topic.sections and section_id not in {s.id for s in topic.sections}:
            choices = ", ".join(f"{topic_id}/{s.id}" for s in topic.sections)
            what = f"section {section_id!r}" if section_id else "no section"
            loader.add(at, f"{entry.name} is filed under topic {topic_id!r} with {what}; choose one of {choices}")
            ok = False
        elif not topic.sections and section_id:
            loader.add(at, f"{entry.name} is filed under {value!r}, but topic {topic_id!r} has no sections")
            ok = False
    return tuple(placements) if ok else None


def _build_fact(loader: Loader, entry: Checked) -> Fact | None:
    """Check every part of a fact that is well-formed; the Fact if all of it is sound."""
    placements = _placements(loader, entry) if entry.has("topics") else None
    citations = citations_of(loader, entry)
    mentions_ok = references_exist(loader, entry, "mentions", loader.entity_ids, ENTITIES_FILE)
    if citations is None or not entry.has("statement"):
        return None
    when = None
    dated = "when" in entry.entry and entry.has("when")
    if dated:
        when = _resolve_when(loader, entry, citations)
    own_words_ok = own_words_verified(loader, entry, FACT)  # every wording, each reporting its own copy
    wordings = [key for key in WORDINGS if key in entry.entry and entry.has(key)]
    verified = [_wording_verified(loader, entry, key, citations, when) for key in wordings]  # each reports its own
    wordings_ok = own_words_ok and all(verified)
    if wordings_ok and when is not None:
        wordings_ok = resolved_date_named(loader, entry, when)
    if dated and when is None:
        return None
    if placements is None or not wordings_ok or not mentions_ok or not entry.sound(FACT):
        return None
    data = entry.values(FACT)
    added = datetime.date.fromisoformat(data["added"])
    if not _added_after_publication(loader, entry, added, citations):
        return None
    return Fact(
        id=data["id"],
        placements=placements,
        statement=data["statement"],
        citations=citations,
        when=when,
        mentions=tuple(data.get("mentions", ())),
        added=added,
        origin=entry.origin,
        prose=data.get("prose"),
        lead=data.get("lead"),
    )


def _wording_verified(
    loader: Loader, entry: Checked, key: str, citations: tuple[Citation, ...], when: ResolvedDate | None
) -> bool:
    """One of a fact's sentences quotes exactly and dates absolutely (that it is in the site's own
    words is checked for every wording at once). Each check runs, so that an editor sees every
    problem of the sentence at once."""
    checks = [
        quoted_words_verified(loader, entry, key, citations),
        relative_dates_refused(loader, entry, key, when),
    ]
    return all(checks)


def _added_after_publication(
    loader: Loader, entry: Checked, added: datetime.date, citations: tuple[Citation, ...]
) -> bool:
    """A fact cannot have been added to the site before the reports it cites were published."""
    sources = {citation.source_id: loader.sources[citation.source_id] for citation in citations}
    latest = max(sources.values(), key=lambda source: source.published)
    if added < latest.published:
        loader.add(
            entry.at("added"),
            f"{entry.name}: added {added.isoformat()}, before source {latest.id!r} it cites was published "
            f"({latest.published.isoformat()}); give the day the fact was added to the site",
        )
        return False
    return True


def _resolve_when(loader: Loader, entry: Checked, citations: tuple[Citation, ...]) -> ResolvedDate | None:
    at = entry.at("when")
    wording: str = entry["when"]
    if not any(whole_words_in(citation.quote.lower(), wording.lower()) for citation in citations):
        loader.add(
            at, f"{entry.name}: when {wording!r} is not in any of its quotes; give the date as the report words it"
        )
        return None
    published = loader.sources[citations[0].source_id].published
    try:
        return resolve(wording, published)
    except UnresolvableDateError as error:
        loader.add(at, f"{entry.name}: {error}")
        return None
