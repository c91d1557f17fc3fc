"""Turn the YAML in data/ into a checked FactBase, or report every problem at once.

Knows nothing of MkDocs. Every problem is reported as `file:line: what is wrong`.
"""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from factbase.article import Layout, number_paragraphs, outside_body
from factbase.model import Article, Citation, Fact, FactBase, Location, Source, Topic
from factbase.yamlfile import LineList, LineMap, Origin, YamlFileError, read_yaml

SOURCES_FILE = "sources.yaml"
TOPICS_FILE = "topics.yaml"
FACTS_DIR = "facts"

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# A quotation inside a statement: curly or straight double quotes around it.
QUOTED_IN_STATEMENT = re.compile(r"“([^”]+)”|\"([^\"]+)\"")
ROLES = ("original", "syndicated")
# The site quotes short excerpts, never whole passages: a longer quote is a problem.
MAX_QUOTE_WORDS = 40


@dataclass(frozen=True)
class Problem:
    """One thing wrong in data/, with where it is."""

    origin: Origin
    message: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.message}"


class DataError(Exception):
    """data/ has problems; `problems` lists all of them."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = tuple(problems)
        count = len(problems)
        heading = f"data/ has {count} problem{'s' if count != 1 else ''}:"
        super().__init__("\n".join([heading, *map(str, problems)]))


@dataclass(frozen=True)
class Field:
    """What one key of an entry must hold."""

    kind: str  # "text", "whole number", "list of text", "list", "text or null"
    required: bool = True


SOURCE_FIELDS = {
    "id": Field("text"),
    "role": Field("text"),
    "copy_of": Field("text", required=False),
    "publisher": Field("text"),
    "title": Field("text"),
    "published": Field("text"),
    "timestamp_as_shown": Field("text", required=False),
    "dateline": Field("text"),
    "credit_line": Field("text"),
    "url": Field("text or null"),
    "url_note": Field("text", required=False),
    "text": Field("text"),
    "subheads": Field("list of text", required=False),
    "furniture": Field("list of text", required=False),
}
TOPIC_FIELDS = {"id": Field("text"), "title": Field("text"), "summary": Field("text")}
FACT_FIELDS = {
    "id": Field("text"),
    "topics": Field("list of text"),
    "statement": Field("text"),
    "citations": Field("list"),
}
CITATION_FIELDS = {
    "source": Field("text"),
    "paragraph": Field("whole number"),
    "quote": Field("text"),
}

_KIND_CHECKS: dict[str, Callable[[Any], bool]] = {
    "text": lambda v: isinstance(v, str) and bool(v.strip()),
    "text or null": lambda v: v is None or (isinstance(v, str) and bool(v.strip())),
    "whole number": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "list": lambda v: isinstance(v, list) and bool(v),
    "list of text": lambda v: isinstance(v, list)
    and bool(v)
    and all(isinstance(x, str) and x.strip() for x in v),
}
_KIND_WORDS = {
    "text": "non-empty text",
    "text or null": "non-empty text, or null",
    "whole number": "a whole number",
    "list": "a non-empty list",
    "list of text": "a non-empty list of text",
}


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"true/false ({value!r})"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return f"a list of {len(value)}" if value else "an empty list"
    if isinstance(value, str):
        return "empty text" if not value.strip() else f"text ({value!r})"
    return f"{type(value).__name__} ({value!r})"


def item_line(sequence: Any, index: int) -> int:
    """The line of the index-th (1-based) item of a YAML list, or 1 if unknown."""
    if isinstance(sequence, LineList):
        return sequence.item_lines[index - 1]
    return 1


class _Collector:
    """Gathers problems while the loader walks data/."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.problems: list[Problem] = []

    def shown(self, path: Path) -> str:
        return f"{self.data_dir.name}/{path.relative_to(self.data_dir).as_posix()}"

    def add(self, origin: Origin, message: str) -> None:
        self.problems.append(Problem(origin, message))

    def entries(self, path: Path, what: str) -> list[tuple[LineMap, Origin]]:
        """The mappings listed in one YAML file, each with its origin."""
        shown = self.shown(path)
        try:
            document = read_yaml(path, shown)
        except YamlFileError as error:
            self.add(error.origin, error.message)
            return []
        if not isinstance(document, list):
            line = getattr(document, "line", 1)
            self.add(Origin(shown, line), f"should hold a list of {what}s, one per '- ' item")
            return []
        result = []
        for index, item in enumerate(document, start=1):
            if not isinstance(item, LineMap):
                line = item_line(document, index)
                self.add(Origin(shown, line), f"{what} #{index} should be a mapping of keys, not {_describe(item)}")
                continue
            result.append((item, Origin(shown, item.line)))
        return result

    def fields(
        self, entry: LineMap, origin: Origin, spec: dict[str, Field], name: str
    ) -> set[str]:
        """Check an entry's keys and value types against a spec; return the keys that are valid.

        Every spec key is in the result when the entry is wholly sound (an absent optional key
        counts as valid).
        """
        valid: set[str] = set()
        for key, line in entry.duplicate_keys:
            self.add(Origin(origin.file, line), f"{name} has key {key!r} twice")
        for key in entry:
            if key not in spec:
                hint = difflib.get_close_matches(str(key), spec, n=1)
                suggestion = f" (did you mean {hint[0]!r}?)" if hint else ""
                allowed = ", ".join(spec)
                self.add(
                    Origin(origin.file, entry.key_lines[key]),
                    f"{name} has unknown key {key!r}{suggestion}; allowed keys: {allowed}",
                )
        for key, field in spec.items():
            if key not in entry:
                if field.required:
                    self.add(origin, f"{name} is missing required key {key!r}")
                else:
                    valid.add(key)
                continue
            if not _KIND_CHECKS[field.kind](entry[key]):
                self.add(
                    Origin(origin.file, entry.key_lines[key]),
                    f"{name}: {key!r} should be {_KIND_WORDS[field.kind]}, not {_describe(entry[key])}",
                )
                continue
            valid.add(key)
        if entry.duplicate_keys or any(key not in spec for key in entry):
            valid.discard("id")  # keep a malformed entry out of the results, whatever else holds
        return valid

    def entry_name(self, what: str, entry: LineMap, index: int) -> str:
        identifier = entry.get("id")
        if isinstance(identifier, str) and identifier.strip():
            return f"{what} {identifier!r}"
        return f"{what} #{index}"

    def check_id(self, entry: LineMap, origin: Origin, name: str, seen: dict[str, Origin]) -> bool:
        identifier = entry.get("id")
        if not isinstance(identifier, str):
            return False
        line_origin = Origin(origin.file, entry.key_lines.get("id", origin.line))
        if not ID_PATTERN.match(identifier):
            self.add(
                line_origin,
                f"{name}: id should be lower-case words joined by hyphens, like 'breach-risk'",
            )
            return False
        if identifier in seen:
            self.add(line_origin, f"{name}: id is already used at {seen[identifier]}")
            return False
        seen[identifier] = line_origin
        return True


def load_factbase(data_dir: Path) -> FactBase:
    """Load and check everything in data_dir; raise DataError listing every problem."""
    data_dir = Path(data_dir)
    collector = _Collector(data_dir)
    sources, source_ids = _load_sources(collector)
    topics, topic_ids = _load_topics(collector)
    known = _Known({source.id: source for source in sources}, source_ids, topic_ids)
    facts = _load_facts(collector, known)
    if collector.problems:
        raise DataError(collector.problems)
    return FactBase(sources=tuple(sources), topics=tuple(topics), facts=tuple(facts))


def _required_file(collector: _Collector, name: str) -> Path | None:
    path = collector.data_dir / name
    if not path.is_file():
        collector.add(Origin(collector.shown(path), 1), "is missing")
        return None
    return path


def _load_sources(collector: _Collector) -> tuple[list[Source], set[str] | None]:
    """The sources that loaded, and every declared source id (None if the file is unreadable)."""
    path = _required_file(collector, SOURCES_FILE)
    if path is None:
        return [], None
    declared: set[str] = set()
    sources: list[Source] = []
    seen: dict[str, Origin] = {}
    before = len(collector.problems)
    entries = collector.entries(path, "source")
    if not entries and len(collector.problems) > before:
        return [], None  # the file itself is broken; its problem is reported
    for index, (entry, origin) in enumerate(entries, start=1):
        name = collector.entry_name("source", entry, index)
        if isinstance(entry.get("id"), str):
            declared.add(entry["id"])
        valid = collector.fields(entry, origin, SOURCE_FIELDS, name)
        id_ok = collector.check_id(entry, origin, name, seen)
        if valid != set(SOURCE_FIELDS) or not id_ok:
            continue
        source = _build_source(collector, entry, origin, name)
        if source is not None:
            sources.append(source)

    known = {source.id: source for source in sources}
    for source in sources:
        at = Origin(source.origin.file, source.origin.line)
        if source.role == "syndicated":
            if source.copy_of is None:
                collector.add(at, f"source {source.id!r} is syndicated but does not say which source it is a copy_of")
            elif source.copy_of not in known:
                collector.add(at, f"source {source.id!r} is a copy_of {source.copy_of!r}, which is not in data/{SOURCES_FILE}")
            elif known[source.copy_of].role != "original":
                collector.add(at, f"source {source.id!r} is a copy_of {source.copy_of!r}, which is not an original")
        elif source.copy_of is not None:
            collector.add(at, f"source {source.id!r} is an original, so it cannot be a copy_of another source")
    return sources, declared


def _build_source(
    collector: _Collector, entry: LineMap, origin: Origin, name: str
) -> Source | None:
    def at(key: str) -> Origin:
        return Origin(origin.file, entry.key_lines.get(key, origin.line))

    ok = True
    if entry["role"] not in ROLES:
        collector.add(at("role"), f"{name}: role should be one of {', '.join(ROLES)}, not {entry['role']!r}")
        ok = False

    published = _parse_date(entry["published"])
    if published is None:
        collector.add(at("published"), f"{name}: published {entry['published']!r} is not a date written YYYY-MM-DD")
        ok = False

    url = entry["url"]
    if url is not None and not _is_web_url(url):
        collector.add(at("url"), f"{name}: url {url!r} is not an http(s) address")
        ok = False
    if url is None and "url_note" not in entry:
        collector.add(at("url"), f"{name}: url is null, so url_note must say why no address is recorded")
        ok = False
    if url is not None and "url_note" in entry:
        collector.add(at("url_note"), f"{name}: url_note is only for a source whose url is null")
        ok = False

    text_path = _stored_text_path(collector, entry["text"], at("text"), name)
    if text_path is None or not ok:
        return None
    try:
        text = text_path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        collector.add(at("text"), f"{name}: stored text {entry['text']!r} is not valid UTF-8")
        return None

    layout = Layout(
        dateline=entry["dateline"],
        credit_line=entry["credit_line"],
        subheads=tuple(entry.get("subheads", ())),
        furniture=tuple(entry.get("furniture", ())),
    )
    article, layout_problems = number_paragraphs(text, layout)
    for problem in layout_problems:
        collector.add(origin, f"{name}: in stored text {entry['text']!r}, {problem}")
    if layout_problems:
        return None
    return Source(
        id=entry["id"],
        role=entry["role"],
        copy_of=entry.get("copy_of"),
        publisher=entry["publisher"],
        title=entry["title"],
        published=published,  # type: ignore[arg-type]  # checked above
        timestamp_as_shown=entry.get("timestamp_as_shown"),
        dateline=entry["dateline"],
        credit_line=entry["credit_line"],
        url=url,
        url_note=entry.get("url_note"),
        text_path=entry["text"],
        text=text,
        article=article,
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


def _stored_text_path(collector: _Collector, value: str, origin: Origin, name: str) -> Path | None:
    data_dir = collector.data_dir.resolve()
    candidate = (data_dir / value).resolve()
    if Path(value).is_absolute() or not candidate.is_relative_to(data_dir):
        collector.add(origin, f"{name}: stored text {value!r} must be a path inside data/")
        return None
    if not candidate.is_file():
        collector.add(origin, f"{name}: stored text {value!r} does not exist in data/")
        return None
    return candidate


def _load_topics(collector: _Collector) -> tuple[list[Topic], set[str] | None]:
    """The topics that loaded, and every declared topic id (None if the file is unreadable)."""
    path = _required_file(collector, TOPICS_FILE)
    if path is None:
        return [], None
    topics: list[Topic] = []
    declared: set[str] = set()
    seen: dict[str, Origin] = {}
    before = len(collector.problems)
    entries = collector.entries(path, "topic")
    if not entries and len(collector.problems) > before:
        return [], None  # the file itself is broken; its problem is reported
    for index, (entry, origin) in enumerate(entries, start=1):
        name = collector.entry_name("topic", entry, index)
        if isinstance(entry.get("id"), str):
            declared.add(entry["id"])
        valid = collector.fields(entry, origin, TOPIC_FIELDS, name)
        if collector.check_id(entry, origin, name, seen) and valid == set(TOPIC_FIELDS):
            topics.append(Topic(entry["id"], entry["title"], entry["summary"], origin))
    return topics, declared


@dataclass(frozen=True)
class _Known:
    """What facts may refer to. A None set means its file was unreadable: do not check."""

    sources: dict[str, Source]
    source_ids: set[str] | None
    topic_ids: set[str] | None


def _load_facts(collector: _Collector, known: _Known) -> list[Fact]:
    facts_dir = collector.data_dir / FACTS_DIR
    paths = sorted(facts_dir.glob("*.yaml")) if facts_dir.is_dir() else []
    if not paths:
        collector.add(Origin(f"{collector.data_dir.name}/{FACTS_DIR}", 1), "holds no .yaml files of facts")
    facts: list[Fact] = []
    seen: dict[str, Origin] = {}
    for path in paths:
        for index, (entry, origin) in enumerate(collector.entries(path, "fact"), start=1):
            name = collector.entry_name("fact", entry, index)
            valid = collector.fields(entry, origin, FACT_FIELDS, name)
            id_ok = collector.check_id(entry, origin, name, seen)
            fact = _build_fact(collector, entry, origin, name, valid, known)
            if fact is not None and id_ok:
                facts.append(fact)
    return facts


def _build_fact(
    collector: _Collector,
    entry: LineMap,
    origin: Origin,
    name: str,
    valid: set[str],
    known: _Known,
) -> Fact | None:
    """Check every part of a fact that is well-formed; the Fact if all of it is sound."""
    ok = valid == set(FACT_FIELDS)
    if "topics" in valid and known.topic_ids is not None:
        topics_line = Origin(origin.file, entry.key_lines["topics"])
        for topic in entry["topics"]:
            if topic not in known.topic_ids:
                collector.add(topics_line, f"{name} is filed under topic {topic!r}, which is not in data/{TOPICS_FILE}")
                ok = False
        if len(set(entry["topics"])) != len(entry["topics"]):
            collector.add(topics_line, f"{name} lists a topic twice")
            ok = False

    citations: list[Citation] = []
    for number, item in enumerate(entry["citations"] if "citations" in valid else [], start=1):
        citation_name = f"{name}, citation {number}"
        if not isinstance(item, LineMap):
            collector.add(
                Origin(origin.file, item_line(entry["citations"], number)),
                f"{citation_name} should be a mapping with source, paragraph and quote, not {_describe(item)}",
            )
            ok = False
            continue
        citation = _build_citation(collector, item, Origin(origin.file, item.line), name, citation_name, known)
        if citation is None:
            ok = False
        else:
            citations.append(citation)

    if ok:
        ok = _check_statement_quotes(collector, entry, origin, name, citations, known.sources)
    if not ok:
        return None
    return Fact(entry["id"], tuple(entry["topics"]), entry["statement"], tuple(citations), origin)


def _build_citation(
    collector: _Collector,
    item: LineMap,
    origin: Origin,
    fact_name: str,
    citation_name: str,
    known: _Known,
) -> Citation | None:
    if collector.fields(item, origin, CITATION_FIELDS, citation_name) != set(CITATION_FIELDS):
        return None
    source_id, number, quote = item["source"], item["paragraph"], item["quote"]

    def at(key: str) -> Origin:
        return Origin(origin.file, item.key_lines[key])

    source = known.sources.get(source_id)
    if source is None and (known.source_ids is None or source_id in known.source_ids):
        return None  # the source (or its file) has its own problem, already reported
    if source is None:
        collector.add(at("source"), f"{fact_name} cites source {source_id!r} which is not in data/{SOURCES_FILE}")
        return None
    paragraph = source.article.paragraph(number)
    if paragraph is None:
        count = len(source.article.paragraphs)
        collector.add(
            at("paragraph"),
            f"{fact_name} cites paragraph {number} of source {source_id!r}, which has paragraphs 1 to {count}",
        )
        return None
    if quote not in paragraph.text:
        collector.add(at("quote"), _quote_not_found(fact_name, source, number, quote))
        return None
    if len(quote.split()) > MAX_QUOTE_WORDS:
        collector.add(
            at("quote"),
            f"{fact_name} quotes {len(quote.split())} words of paragraph {number}; "
            f"keep excerpts to at most {MAX_QUOTE_WORDS} words",
        )
        return None
    return Citation(source_id, number, quote, _same_words_elsewhere(source, quote, known.sources), origin)


def _quote_not_found(fact_name: str, source: Source, number: int, quote: str) -> str:
    where = f"paragraph {number} of source {source.id!r}"
    furniture_line = outside_body(source.text, source.article, quote)
    if furniture_line is not None:
        return (
            f"{fact_name} quotes {quote!r}, which is page furniture (line {furniture_line} of "
            f"{source.text_path}), not the article; only the article body can be cited"
        )
    closest, in_paragraph = _closest_passage(source.article, quote)
    hint = f"; closest passage is in paragraph {in_paragraph}: {closest!r}" if closest else ""
    return f"{fact_name}: quote not found word for word in {where}: {quote!r}{hint}"


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


def _same_words_elsewhere(
    source: Source, quote: str, sources: dict[str, Source]
) -> tuple[Location, ...]:
    """Where the same words stand in the other copies of the same report."""
    report = source.copy_of or source.id
    found = []
    for other in sources.values():
        if other.id == source.id or (other.copy_of or other.id) != report:
            continue
        match = next((p for p in other.article.paragraphs if quote in p.text), None)
        if match is not None:
            found.append(Location(other.id, match.number))
    return tuple(found)


def _check_statement_quotes(
    collector: _Collector,
    entry: LineMap,
    origin: Origin,
    name: str,
    citations: list[Citation],
    sources: dict[str, Source],
) -> bool:
    """Words in quote marks in a statement must stand word for word in a cited paragraph."""
    cited_texts = [sources[c.source_id].article.paragraphs[c.paragraph - 1].text for c in citations]
    ok = True
    for match in QUOTED_IN_STATEMENT.finditer(entry["statement"]):
        quoted = match.group(1) or match.group(2)
        if not any(quoted in text for text in cited_texts):
            collector.add(
                Origin(origin.file, entry.key_lines["statement"]),
                f"{name}: the statement puts {quoted!r} in quote marks, but those words are not "
                "in any paragraph it cites; quote exactly or paraphrase without quote marks",
            )
            ok = False
    return ok
