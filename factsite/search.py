"""The search index: every fact, person, figure, quotation and timeline entry a record of its own,
in a chunked static index whose parts a query fetches only as it needs them.

Each record is plain text (the search worker escapes it where it writes HTML): a title, a text
and the page it stands on, and lands on its entry's anchor. No citation furniture reaches it:
records are made from the data, not from the pages. Every record's weight for each of its words
is worked out here, once: the worker only adds them up. So that no query fetches more as the
site grows, each word keeps its best `POSTINGS_PER_TERM` records, a query word stands for at
most `EXPANSIONS` words it begins, and the words, their postings and the records are split into
small files, each named so the worker can find it (see docs/javascripts/search-worker.js).
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from factbase import Fact, FactBase
from factbase.dates import describe as describe_date
from factbase.queries import FactIndex
from factsite import addresses, pages
from factsite.render import long_date

# How much a match counts, by the part of a record it is in.
TEXT_WEIGHT = 1.0
CONTEXT_WEIGHT = 0.3  # a fact's topic and section, an entry's other names, a date as the report words it
# The title counts more where it names the thing itself (a figure as the report writes it, a
# person's name, a page's title), less where it only says who (a quotation's speaker).
TITLE_WEIGHTS = {"figure": 2.0, "entity": 1.5, "page": 1.5, "quotation": 0.5, "fact": 0.0, "timeline": 0.3}
# What a reader is most often after, among records that match alike: the facts and figures
# themselves, then quotations, then the timeline (which repeats facts), the people, the pages.
KIND_PRIORS = {"fact": 1.0, "figure": 1.0, "quotation": 0.9, "timeline": 0.8, "entity": 0.6, "page": 0.5}
# Among records that match alike, one the report supports with more citations first.
CITATION_PRIOR = 0.05
SATURATION = 1.2  # BM25's k1: a word said twice counts more than once, but not twice as much

POSTINGS_PER_TERM = 100  # each word keeps its best records: the cap on what one word costs
RECORDS_PER_CHUNK = 8  # records travel in small files: a result fetches only its own
POSTINGS_PER_SHARD = 600  # postings files fill to about 6 KB
MAX_TERM = 40  # a longer "word" is cut: no file name or key grows with the data
WORD = re.compile(r"[^\W_]+")


def terms(text: str) -> list[str]:
    """The words of a text as the index and the worker both cut them: letters and digits, lower case."""
    return [word[:MAX_TERM] for word in WORD.findall(text.lower())]


def term_key(term: str) -> str:
    """The words file a term is listed in: the hex of its first two characters' UTF-8."""
    return term[:2].encode().hex()


@dataclass(frozen=True)
class Record:
    """One search result: where it lands, the page it stands on, and what the reader sees of it."""

    kind: str
    location: str  # relative to the site's root, with its anchor
    page: str  # the page's location
    page_title: str
    title: str
    text: str
    context: str = ""  # searched, not shown
    citations: int = 1

    @property
    def prior(self) -> float:
        return KIND_PRIORS[self.kind] * (1 + CITATION_PRIOR * (self.citations - 1))

    def weights(self) -> Counter[str]:
        counts: Counter[str] = Counter()
        for part, weight in (
            (self.title, TITLE_WEIGHTS[self.kind]),
            (self.text, TEXT_WEIGHT),
            (self.context, CONTEXT_WEIGHT),
        ):
            for term in terms(part):
                counts[term] += weight  # type: ignore[assignment]
        return counts

    def shown(self) -> list[str]:
        return [self.location, self.page, self.page_title, self.title, self.text]


@dataclass(frozen=True)
class PageInfo:
    """A page as the reader finds it by its title: its location, title and description."""

    location: str
    title: str
    description: str


def records(factbase: FactBase, url: Callable[[str], str], written: Iterable[PageInfo]) -> list[Record]:
    """Every record of the site: the pages, then the entries, page by page in each page's order.
    A record's number breaks ties, so among results that match alike the site's order holds."""
    pages_found = [Record("page", p.location, p.location, p.title, p.title, p.description) for p in written]
    return [*pages_found, *_fact_records(factbase, url), *_reference_records(factbase, url)]


def _fact_records(factbase: FactBase, url: Callable[[str], str]) -> Iterator[Record]:
    homed: dict[str, list[Fact]] = {}
    for fact in factbase.facts:
        homed.setdefault(fact.home.topic, []).append(fact)
    for topic in factbase.topics:
        page = url(pages.topic_doc(topic.id))
        sections = {section.id: section.title for section in topic.sections}
        for fact in homed.get(topic.id, []):
            section = sections.get(fact.home.section or "", "")
            context = f"{topic.title} {section}"
            yield Record(
                "fact",
                f"{page}#{addresses.fact_anchor(fact.id)}",
                page,
                topic.title,
                section or topic.title,
                fact.statement,
                context,
                len(fact.citations),
            )


def _reference_records(factbase: FactBase, url: Callable[[str], str]) -> Iterator[Record]:
    entities = {entity.id: entity for entity in factbase.entities}
    kinds = (pages.PEOPLE, pages.FIGURES, pages.TIMELINE, pages.QUOTES)
    described = {kind.name: kind.describe(factbase, None).title for kind in kinds}

    page = url(pages.PEOPLE.path)
    for entity in factbase.entities:
        yield Record(
            "entity",
            f"{page}#{addresses.entity_anchor(entity.id)}",
            page,
            described["people"],
            entity.name,
            entity.description,
            " ".join(entity.aliases),
            len(entity.citations),
        )
    page = url(pages.FIGURES.path)
    for figure in factbase.figures:
        given_by = entities[figure.given_by].name if figure.given_by else "the report itself"
        yield Record(
            "figure",
            f"{page}#{addresses.figure_anchor(figure.id)}",
            page,
            described["figures"],
            figure.as_written,
            f"{figure.counts[:1].upper()}{figure.counts[1:]} ({figure.unit}), according to {given_by}.",
        )
    page = url(pages.TIMELINE.path)
    for fact in FactIndex(factbase).timeline():
        assert fact.when is not None, "the timeline holds dated facts"
        yield Record(
            "timeline",
            f"{page}#{addresses.timeline_anchor(fact.id)}",
            page,
            described["timeline"],
            describe_date(fact.when),
            fact.statement,
            fact.when.reported_as,
            len(fact.citations),
        )
    for source in factbase.sources:
        yield Record(
            "timeline",
            f"{page}#{addresses.publication_anchor(source.id)}",
            page,
            described["timeline"],
            long_date(source.published),
            f"{source.publisher} publishes “{source.title}”.",
        )
    page = url(pages.QUOTES.path)
    for quotation in factbase.quotations:
        speaker = entities[quotation.speaker].name
        yield Record(
            "quotation",
            f"{page}#{addresses.quotation_anchor(quotation.id)}",
            page,
            described["quotes"],
            speaker,
            f"“{quotation.excerpt or quotation.words}”",
            quotation.about,
            len(quotation.citations),
        )


def postings(found: list[Record]) -> dict[str, list[tuple[int, int]]]:
    """For each word, its best records and their weights (in hundredths), best first."""
    weights = [record.weights() for record in found]
    frequency: Counter[str] = Counter()
    for counts in weights:
        frequency.update(counts.keys())
    total = len(found)
    lists: dict[str, list[tuple[int, int]]] = {}
    for number, (record, counts) in enumerate(zip(found, weights, strict=True)):
        for term, count in counts.items():
            if count <= 0:
                continue
            rarity = math.log(1 + (total - frequency[term] + 0.5) / (frequency[term] + 0.5))
            saturated = count * (SATURATION + 1) / (count + SATURATION)
            weight = round(100 * rarity * saturated * record.prior)
            lists.setdefault(term, []).append((number, max(weight, 1)))
    for term, entries in lists.items():
        entries.sort(key=lambda entry: (-entry[1], entry[0]))
        lists[term] = entries[:POSTINGS_PER_TERM]
    return dict(sorted(lists.items()))


def index_files(found: list[Record]) -> dict[str, Any]:
    """The chunked index, by file name under search/: words (by their first two characters, each
    with how many records have it and where its postings are), postings and records."""
    files: dict[str, Any] = {}
    words: dict[str, list[Any]] = {}
    shard: dict[str, list[tuple[int, int]]] = {}
    size = 0
    number = 0
    for term, entries in postings(found).items():
        if size + len(entries) > POSTINGS_PER_SHARD and shard:
            files[f"p/{number}.json"] = shard
            shard, size, number = {}, 0, number + 1
        shard[term] = entries
        size += len(entries)
        words.setdefault(term_key(term), []).append([term, len(entries), number])
    if shard:
        files[f"p/{number}.json"] = shard
    for key, listed in words.items():
        files[f"w/{key}.json"] = listed
    for start in range(0, len(found), RECORDS_PER_CHUNK):
        chunk = found[start : start + RECORDS_PER_CHUNK]
        files[f"r/{start // RECORDS_PER_CHUNK}.json"] = [record.shown() for record in chunk]
    return files


def manifest(found: list[Record], files: dict[str, Any], inline: bool) -> dict[str, Any]:
    """What the worker is told at setup: the index's shape, the words files there are and, for the
    offline edition (which cannot fetch from disk), every file inlined."""
    described: dict[str, Any] = {
        "records": len(found),
        "chunk": RECORDS_PER_CHUNK,
        "words": sorted(name[2:-5] for name in files if name.startswith("w/")),
    }
    if inline:
        described["files"] = files
    return described


def dumps(value: Any) -> str:
    """JSON as the index is written: compact, and with `<` escaped, so no file can close a script."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
