"""Turn the YAML in data/ into a checked FactBase, or report every problem at once.

Knows nothing of MkDocs. Every problem is reported as `file:line: what is wrong`.
"""

from __future__ import annotations

import datetime
import difflib
import gc
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

from factbase.article import Layout, blocks_after, caption_lines, number_paragraphs, outside_body
from factbase.collector import Collector, DataError, Field, Problem, describe, item_line
from factbase.dates import UnresolvableDateError, resolve
from factbase.model import (
    CREDIT_LINE,
    Article,
    Citation,
    Entity,
    Fact,
    FactBase,
    Figure,
    Location,
    Placement,
    Quotation,
    Section,
    Source,
    Topic,
)
from factbase.specs import (
    CITATION_FIELDS,
    ENTITIES_FILE,
    ENTITY_FIELDS,
    FACT_FIELDS,
    FACTS_DIR,
    FIGURE_FIELDS,
    FIGURES_FILE,
    QUOTATION_FIELDS,
    QUOTATIONS_FILE,
    SECTION_FIELDS,
    SOURCE_FIELDS,
    SOURCES_FILE,
    TOPIC_FIELDS,
    TOPICS_FILE,
)
from factbase.yamlfile import LineMap, Origin

__all__ = ["DataError", "Problem", "load_factbase"]


DATE_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Words in quote marks inside text the site writes: curly or straight double quotes.
QUOTED_WORDS = re.compile(r"“([^”]+)”|\"([^\"]+)\"")
# The site quotes short excerpts, never whole passages: a longer quote is a problem.
MAX_QUOTE_WORDS = 40

T = TypeVar("T")


@dataclass
class _Known:
    """What entries may refer to. A None set means its file was unreadable: do not check."""

    sources: dict[str, Source]
    source_ids: set[str] | None
    topics: dict[str, Topic]
    topic_ids: set[str] | None
    entity_ids: set[str] | None
    _by_report: dict[str, list[Source]] | None = None

    def copies(self, source: Source) -> list[Source]:
        """The other loaded copies of the same report."""
        if self._by_report is None:
            self._by_report = {}
            for each in self.sources.values():
                self._by_report.setdefault(each.report_id, []).append(each)
        return [other for other in self._by_report[source.report_id] if other.id != source.id]


def load_factbase(data_dir: Path) -> FactBase:
    """Load and check everything in data_dir; raise DataError listing every problem."""
    # Loading builds many small objects and no cycles: the cyclic collector would only
    # re-scan them, again and again (40% of the time on a large corpus).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _load(Path(data_dir))
    finally:
        if collecting:
            gc.enable()


def _load(data_dir: Path) -> FactBase:
    collector = Collector(data_dir)
    sources, source_ids = _load_sources(collector)
    topics, topic_ids = _load_topics(collector)
    entity_entries = _read(collector, ENTITIES_FILE, "entity", required=False)
    known = _Known(
        {s.id: s for s in sources},
        source_ids,
        {t.id: t for t in topics},
        topic_ids,
        _declared_ids(entity_entries),
    )
    entities = _build_all(collector, entity_entries, "entity", ENTITY_FIELDS, known, _build_entity)
    facts, declared_facts = _load_facts(collector, known)
    figures = _build_all(
        collector,
        _read(collector, FIGURES_FILE, "figure", required=False),
        "figure",
        FIGURE_FIELDS,
        known,
        _build_figure,
    )
    quotations = _build_all(
        collector,
        _read(collector, QUOTATIONS_FILE, "quotation", required=False),
        "quotation",
        QUOTATION_FIELDS,
        known,
        _build_quotation,
    )
    _check_introductions(collector, topics, declared_facts)
    if collector.problems:
        raise DataError(collector.problems)
    return FactBase(
        sources=tuple(sources),
        topics=tuple(topics),
        facts=tuple(facts),
        entities=tuple(entities),
        figures=tuple(figures),
        quotations=tuple(quotations),
    )


def _read(collector: Collector, name: str, what: str, required: bool = True) -> list[tuple[LineMap, Origin]] | None:
    """The entries of one top-level data file; None if it is missing (when required) or unreadable."""
    path = collector.data_dir / name
    if not path.is_file():
        if required:
            collector.add(Origin(collector.shown(path), 1), "is missing")
            return None
        return []
    return collector.entries(path, what)


def _declared_ids(entries: list[tuple[LineMap, Origin]] | None) -> set[str] | None:
    if entries is None:
        return None
    return {entry["id"] for entry, _ in entries if isinstance(entry.get("id"), str)}


def _build_all(
    collector: Collector,
    entries: list[tuple[LineMap, Origin]] | None,
    what: str,
    spec: dict[str, Field],
    known: _Known,
    build: Callable[[Collector, LineMap, Origin, str, set[str], _Known], T | None],
) -> list[T]:
    """Check and build every entry of one kind, keeping those wholly sound."""
    built: list[T] = []
    seen: dict[str, Origin] = {}
    for index, (entry, origin) in enumerate(entries or [], start=1):
        name = collector.entry_name(what, entry, index)
        valid = collector.fields(entry, origin, spec, name)
        id_ok = collector.unique_id(entry, origin, name, seen)
        result = build(collector, entry, origin, name, valid, known)
        if result is not None and id_ok and valid == set(spec):
            built.append(result)
    return built


# Sources ------------------------------------------------------------------------------------


def _load_sources(collector: Collector) -> tuple[list[Source], set[str] | None]:
    """The sources that loaded, and every declared source id (None if the file is unreadable)."""
    entries = _read(collector, SOURCES_FILE, "source")
    known = _Known({}, None, {}, None, None)
    sources = _build_all(collector, entries, "source", SOURCE_FIELDS, known, _build_source)
    by_id = {source.id: source for source in sources}
    for source in sources:
        at = source.origin
        if source.role == "syndicated":
            if source.copy_of is None:
                collector.add(at, f"source {source.id!r} is syndicated but does not say which source it is a copy_of")
            elif source.copy_of not in by_id:
                collector.add(
                    at, f"source {source.id!r} is a copy_of {source.copy_of!r}, which is not in data/{SOURCES_FILE}"
                )
            elif by_id[source.copy_of].role != "original":
                collector.add(at, f"source {source.id!r} is a copy_of {source.copy_of!r}, which is not an original")
        elif source.copy_of is not None:
            collector.add(at, f"source {source.id!r} is an original, so it cannot be a copy_of another source")
    return sources, _declared_ids(entries)


def _build_source(
    collector: Collector, entry: LineMap, origin: Origin, name: str, valid: set[str], known: _Known
) -> Source | None:
    def at(key: str) -> Origin:
        return collector.at(entry, origin, key)

    ok = valid == set(SOURCE_FIELDS)
    published = _parse_date(entry["published"]) if "published" in valid else None
    if "published" in valid and published is None:
        collector.add(at("published"), f"{name}: published {entry['published']!r} is not a date written YYYY-MM-DD")
        ok = False
    url = entry.get("url")
    if "url" in valid:
        if url is not None and not _is_web_url(url):
            collector.add(at("url"), f"{name}: url {url!r} is not an http(s) address")
            ok = False
        if url is None and "url_note" not in entry:
            collector.add(at("url"), f"{name}: url is null, so url_note must say why no address is recorded")
            ok = False
        if url is not None and "url_note" in entry:
            collector.add(at("url_note"), f"{name}: url_note is only for a source whose url is null")
            ok = False

    text = _stored_text(collector, entry["text"], at("text"), name) if "text" in valid else None
    if text is None or published is None or not ok:
        return None

    where = f"{name}: in stored text {entry['text']!r}"
    layout = Layout(
        dateline=entry["dateline"],
        credit_line=entry["credit_line"],
        subheads=tuple(entry.get("subheads", ())),
        furniture=tuple(entry.get("furniture", ())),
        photo_captions=tuple(entry.get("photo_captions", ())),
    )
    article, problems = number_paragraphs(text, layout)
    captions, caption_problems = caption_lines(text, layout.photo_captions)
    problems += caption_problems
    lines = {line.strip() for line in text.splitlines()}
    for key in ("timestamp_as_shown", "copyright_line"):
        if key in entry and entry[key] not in lines:
            problems.append(f"{key} {entry[key]!r} is not a line of the text")
    for problem in problems:
        collector.add(origin, f"{where}, {problem}")
    if problems:
        return None
    copyright_line = entry.get("copyright_line")
    after = blocks_after(text, article, skip=(copyright_line,) if copyright_line else ())
    return Source(
        id=entry["id"],
        role=entry["role"],
        copy_of=entry.get("copy_of"),
        publisher=entry["publisher"],
        title=entry["title"],
        published=published,
        timestamp_as_shown=entry.get("timestamp_as_shown"),
        dateline=entry["dateline"],
        credit_line=entry["credit_line"],
        url=url,
        url_note=entry.get("url_note"),
        text_path=entry["text"],
        text=text,
        article=article,
        photo_captions=captions,
        copyright_line=copyright_line,
        furniture_after=(after, entry.get("furniture_after")),
        origin=origin,
    )


def _parse_date(value: str) -> datetime.date | None:
    if not DATE_PATTERN.match(value):
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


def _is_web_url(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _stored_text(collector: Collector, value: str, origin: Origin, name: str) -> str | None:
    data_dir = collector.data_dir.resolve()
    candidate = (data_dir / value).resolve()
    if Path(value).is_absolute() or not candidate.is_relative_to(data_dir):
        collector.add(origin, f"{name}: stored text {value!r} must be a path inside data/")
        return None
    if not candidate.is_file():
        collector.add(origin, f"{name}: stored text {value!r} does not exist in data/")
        return None
    try:
        return candidate.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        collector.add(origin, f"{name}: stored text {value!r} is not valid UTF-8")
        return None


# Topics --------------------------------------------------------------------------------------


def _load_topics(collector: Collector) -> tuple[list[Topic], set[str] | None]:
    """The topics that loaded, and every declared topic id (None if the file is unreadable)."""
    entries = _read(collector, TOPICS_FILE, "topic")
    known = _Known({}, None, {}, None, None)
    return _build_all(collector, entries, "topic", TOPIC_FIELDS, known, _build_topic), _declared_ids(entries)


def _build_topic(
    collector: Collector, entry: LineMap, origin: Origin, name: str, valid: set[str], known: _Known
) -> Topic | None:
    sections: list[Section] = []
    seen: dict[str, Origin] = {}
    ok = True
    for index, item in enumerate(entry.get("sections", []) if "sections" in valid else [], start=1):
        if not isinstance(item, LineMap):
            collector.add(
                Origin(origin.file, item_line(entry["sections"], index)),
                f"{name}, section #{index} should be a mapping with id and title, not {describe(item)}",
            )
            ok = False
            continue
        section_origin = Origin(origin.file, item.line)
        section_name = f"{name}, section #{index}"
        section_valid = collector.fields(item, section_origin, SECTION_FIELDS, section_name)
        if collector.unique_id(item, section_origin, section_name, seen) and section_valid == set(SECTION_FIELDS):
            sections.append(Section(item["id"], item["title"]))
        else:
            ok = False
    if not ok or valid != set(TOPIC_FIELDS):
        return None
    return Topic(
        id=entry["id"],
        title=entry["title"],
        summary=entry["summary"],
        introduction=tuple(entry.get("introduction", ())),
        sections=tuple(sections),
        origin=origin,
    )


def _check_introductions(collector: Collector, topics: list[Topic], declared_facts: set[str]) -> None:
    """Every fact a topic opens with is declared (a broken one reports its own problem)."""
    for topic in topics:
        for fact_id in topic.introduction:
            if fact_id not in declared_facts:
                collector.add(
                    topic.origin,
                    f"topic {topic.id!r} opens with fact {fact_id!r}, which is not in data/{FACTS_DIR}/",
                )


# Citations -----------------------------------------------------------------------------------


def _citations(
    collector: Collector, entry: LineMap, origin: Origin, name: str, valid: set[str], known: _Known
) -> tuple[Citation, ...] | None:
    """The entry's citations, each verified; None if any is unsound (its problem reported)."""
    if "citations" not in valid:
        return None
    citations: list[Citation] = []
    ok = True
    for number, item in enumerate(entry["citations"], start=1):
        citation_name = f"{name}, citation {number}"
        if not isinstance(item, LineMap):
            collector.add(
                Origin(origin.file, item_line(entry["citations"], number)),
                f"{citation_name} should be a mapping with source, paragraph and quote, not {describe(item)}",
            )
            ok = False
            continue
        citation = _citation(collector, item, Origin(origin.file, item.line), name, citation_name, known)
        if citation is None:
            ok = False
        else:
            citations.append(citation)
    return tuple(citations) if ok else None


def _citation(
    collector: Collector, item: LineMap, origin: Origin, owner: str, citation_name: str, known: _Known
) -> Citation | None:
    if collector.fields(item, origin, CITATION_FIELDS, citation_name) != set(CITATION_FIELDS):
        return None
    source_id, number, quote = item["source"], item["paragraph"], item["quote"]
    number = CREDIT_LINE if number == "credit line" else number

    def at(key: str) -> Origin:
        return collector.at(item, origin, key)

    source = known.sources.get(source_id)
    if source is None and (known.source_ids is None or source_id in known.source_ids):
        return None  # the source (or its file) has its own problem, already reported
    if source is None:
        collector.add(at("source"), f"{owner} cites source {source_id!r} which is not in data/{SOURCES_FILE}")
        return None
    paragraph = source.article.paragraph(number)
    where = Location(source_id, number).label
    if paragraph is None:
        count = len(source.article.paragraphs)
        collector.add(
            at("paragraph"),
            f"{owner} cites paragraph {number} of source {source_id!r}, which has paragraphs 1 to {count}",
        )
        return None
    if quote not in paragraph.text:
        collector.add(at("quote"), _quote_not_found(owner, source, where, quote))
        return None
    if len(quote.split()) > MAX_QUOTE_WORDS:
        collector.add(
            at("quote"),
            f"{owner} quotes {len(quote.split())} words of {where}; keep excerpts to at most {MAX_QUOTE_WORDS} words",
        )
        return None
    return Citation(source_id, number, quote, _same_words_elsewhere(source, quote, known), origin)


def _quote_not_found(owner: str, source: Source, where: str, quote: str) -> str:
    furniture_line = outside_body(source.text, source.article, quote)
    if furniture_line is not None:
        return (
            f"{owner} quotes {quote!r}, which is page furniture (line {furniture_line} of "
            f"{source.text_path}), not the article; only the article body can be cited"
        )
    closest, in_paragraph = _closest_passage(source.article, quote)
    hint = f"; closest passage is in paragraph {in_paragraph}: {closest!r}" if closest else ""
    return f"{owner}: quote not found word for word in {where} of source {source.id!r}: {quote!r}{hint}"


def _closest_passage(article: Article, quote: str) -> tuple[str | None, int]:
    """The run of words in the article that looks most like a quote, and its paragraph."""
    size = max(1, len(quote.split()))
    best: tuple[float, str | None, int] = (0.0, None, 0)
    for paragraph in article.paragraphs:
        words = paragraph.text.split()
        for start in range(max(1, len(words) - size + 1)):
            window = " ".join(words[start : start + size])
            matcher = difflib.SequenceMatcher(None, quote, window, autojunk=False)
            if matcher.real_quick_ratio() <= best[0] or matcher.quick_ratio() <= best[0]:
                continue
            ratio = matcher.ratio()
            if ratio > best[0]:
                best = (ratio, window, paragraph.number)
    return (best[1], best[2]) if best[0] >= 0.6 else (None, 0)


def _same_words_elsewhere(source: Source, quote: str, known: _Known) -> tuple[Location, ...]:
    """Where the same words stand in the other copies of the same report."""
    found = []
    for other in known.copies(source):
        parts = [*other.article.paragraphs, *([other.article.credit] if other.article.credit else [])]
        match = next((p for p in parts if quote in p.text), None)
        if match is not None:
            found.append(Location(other.id, match.number))
    return tuple(found)


def _quoted_words_verified(
    collector: Collector,
    text: str,
    at: Origin,
    name: str,
    field: str,
    citations: tuple[Citation, ...],
    sources: dict[str, Source],
) -> bool:
    """Words a statement puts in quote marks must stand word for word in a paragraph it cites."""
    cited = [sources[c.source_id].article.paragraph(c.paragraph) for c in citations]
    texts = [p.text for p in cited if p is not None]
    ok = True
    for match in QUOTED_WORDS.finditer(text):
        quoted = match.group(1) or match.group(2)
        if not any(quoted in paragraph for paragraph in texts):
            collector.add(
                at,
                f"{name}: the {field} puts {quoted!r} in quote marks, but those words are not "
                "in any paragraph it cites; quote exactly or paraphrase without quote marks",
            )
            ok = False
    return ok


# Facts ---------------------------------------------------------------------------------------


def _load_facts(collector: Collector, known: _Known) -> tuple[list[Fact], set[str]]:
    """The facts that loaded from data/facts/*.yaml, and every declared fact id."""
    facts_dir = collector.data_dir / FACTS_DIR
    paths = sorted(facts_dir.glob("*.yaml")) if facts_dir.is_dir() else []
    if not paths:
        collector.add(Origin(f"{collector.data_dir.name}/{FACTS_DIR}", 1), "holds no .yaml files of facts")
    entries: list[tuple[LineMap, Origin]] = []
    for path in paths:
        entries.extend(collector.entries(path, "fact") or [])
    facts = _build_all(collector, entries, "fact", FACT_FIELDS, known, _build_fact)
    return facts, _declared_ids(entries) or set()


def _placements(
    collector: Collector, entry: LineMap, origin: Origin, name: str, known: _Known
) -> tuple[Placement, ...] | None:
    at = collector.at(entry, origin, "topics")
    placements: list[Placement] = []
    ok = True
    for value in entry["topics"]:
        topic_id, _, section_id = value.partition("/")
        placement = Placement(topic_id, section_id or None)
        if placement in placements:
            collector.add(at, f"{name} lists topic {value!r} twice")
            ok = False
            continue
        placements.append(placement)
        if known.topic_ids is None or (topic_id in known.topic_ids and topic_id not in known.topics):
            continue  # the topics file, or that topic, has its own problem
        topic = known.topics.get(topic_id)
        if topic is None:
            collector.add(at, f"{name} is filed under topic {topic_id!r}, which is not in data/{TOPICS_FILE}")
            ok = False
        elif topic.sections and section_id not in {s.id for s in topic.sections}:
            choices = ", ".join(f"{topic_id}/{s.id}" for s in topic.sections)
            what = f"section {section_id!r}" if section_id else "no section"
            collector.add(at, f"{name} is filed under topic {topic_id!r} with {what}; choose one of {choices}")
            ok = False
        elif not topic.sections and section_id:
            collector.add(at, f"{name} is filed under {value!r}, but topic {topic_id!r} has no sections")
            ok = False
    return tuple(placements) if ok else None


def _build_fact(
    collector: Collector, entry: LineMap, origin: Origin, name: str, valid: set[str], known: _Known
) -> Fact | None:
    """Check every part of a fact that is well-formed; the Fact if all of it is sound."""
    placements = _placements(collector, entry, origin, name, known) if "topics" in valid else None
    citations = _citations(collector, entry, origin, name, valid, known)
    mentions_ok = _references_exist(collector, entry, origin, name, "mentions", known.entity_ids, ENTITIES_FILE)
    if citations is None or "statement" not in valid:
        return None
    statement_ok = _quoted_words_verified(
        collector,
        entry["statement"],
        collector.at(entry, origin, "statement"),
        name,
        "statement",
        citations,
        known.sources,
    )
    when = None
    if "when" in entry and "when" in valid:
        when = _resolve_when(collector, entry, origin, name, citations, known)
        if when is None:
            return None
    if placements is None or not statement_ok or not mentions_ok or valid != set(FACT_FIELDS):
        return None
    return Fact(
        id=entry["id"],
        placements=placements,
        statement=entry["statement"],
        citations=citations,
        when=when,
        mentions=tuple(entry.get("mentions", ())),
        origin=origin,
    )


def _resolve_when(
    collector: Collector, entry: LineMap, origin: Origin, name: str, citations: tuple[Citation, ...], known: _Known
) -> Any:
    at = collector.at(entry, origin, "when")
    wording = entry["when"]
    if not any(wording.lower() in citation.quote.lower() for citation in citations):
        collector.add(at, f"{name}: when {wording!r} is not in any of its quotes; give the date as the report words it")
        return None
    published = known.sources[citations[0].source_id].published
    try:
        return resolve(wording, published)
    except UnresolvableDateError as error:
        collector.add(at, f"{name}: {error}")
        return None


def _references_exist(
    collector: Collector,
    entry: LineMap,
    origin: Origin,
    name: str,
    key: str,
    known_ids: set[str] | None,
    file: str,
) -> bool:
    """Every id listed (or given) under key is declared in file; True when unchecked or absent."""
    value = entry.get(key)
    if value is None or known_ids is None:
        return True
    ids = value if isinstance(value, list) else [value]
    missing = [i for i in ids if isinstance(i, str) and i not in known_ids]
    for identifier in missing:
        collector.add(
            collector.at(entry, origin, key),
            f"{name} refers under {key!r} to {identifier!r}, which is not in data/{file}",
        )
    return not missing


# People, organisations and places; figures; quotations ----------------------------------------


def _build_entity(
    collector: Collector, entry: LineMap, origin: Origin, name: str, valid: set[str], known: _Known
) -> Entity | None:
    citations = _citations(collector, entry, origin, name, valid, known)
    if citations is None or valid != set(ENTITY_FIELDS):
        return None
    at = collector.at(entry, origin, "description")
    if not _quoted_words_verified(collector, entry["description"], at, name, "description", citations, known.sources):
        return None
    return Entity(
        id=entry["id"],
        name=entry["name"],
        kind=entry["kind"],
        aliases=tuple(entry.get("aliases", ())),
        description=entry["description"],
        citations=citations,
        origin=origin,
    )


def _build_figure(
    collector: Collector, entry: LineMap, origin: Origin, name: str, valid: set[str], known: _Known
) -> Figure | None:
    citations = _citations(collector, entry, origin, name, valid, known)
    given_by_ok = _references_exist(collector, entry, origin, name, "given_by", known.entity_ids, ENTITIES_FILE)
    if citations is None or valid != set(FIGURE_FIELDS) or not given_by_ok:
        return None
    if not any(entry["as_written"] in citation.quote for citation in citations):
        collector.add(
            collector.at(entry, origin, "as_written"),
            f"{name}: {entry['as_written']!r} is not in any of its quotes; write the number as the report does",
        )
        return None
    return Figure(
        id=entry["id"],
        as_written=entry["as_written"],
        value=entry["value"],
        unit=entry["unit"],
        counts=entry["counts"],
        given_by=entry.get("given_by"),
        citation=citations[0],
        origin=origin,
    )


def _build_quotation(
    collector: Collector, entry: LineMap, origin: Origin, name: str, valid: set[str], known: _Known
) -> Quotation | None:
    citations = _citations(collector, entry, origin, name, valid, known)
    speaker_ok = _references_exist(collector, entry, origin, name, "speaker", known.entity_ids, ENTITIES_FILE)
    if citations is None or valid != set(QUOTATION_FIELDS) or not speaker_ok:
        return None
    first = citations[0]
    paragraph = known.sources[first.source_id].article.paragraph(first.paragraph)
    marked = f"“{entry['words']}”"
    if paragraph is None or marked not in paragraph.text:
        collector.add(
            collector.at(entry, origin, "words"),
            f"{name}: {marked!r} is not in {first.location.label} of source {first.source_id!r}; "
            "give exactly the words between the report's quote marks, and cite where they stand first",
        )
        return None
    at = collector.at(entry, origin, "attribution")
    if not _quoted_words_verified(collector, entry["attribution"], at, name, "attribution", citations, known.sources):
        return None
    return Quotation(
        id=entry["id"],
        words=entry["words"],
        speaker=entry.get("speaker"),
        attribution=entry["attribution"],
        citations=citations,
        origin=origin,
    )
