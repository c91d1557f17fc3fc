"""Citations, and the check that each quote is the source's own words.

A quote must stand in the paragraph it cites as whole words: it may not begin or end inside a
word (an apostrophe or hyphen between letters is inside a word), and it must be at least
MIN_QUOTE_WORDS words long, enough to find the passage and to mean something. It may be at
most MAX_QUOTE_WORDS long, and should be under a dozen: the few words that prove the claim.
"""

from __future__ import annotations

import difflib
import re

from factbase.article import outside_body
from factbase.collector import ID_CUTOFF, Checked, did_you_mean
from factbase.loader.context import Loader
from factbase.model import CREDIT_LINE, Article, Citation, Location, Source, other_copies
from factbase.specs import CITATION, SOURCES_FILE
from factbase.words import longest_copied_run, words

# The site says things in its own words: a text may not copy this many words of a paragraph it
# cites in a row, outside quote marks.
COPY_RUN = 6
MIN_QUOTE_WORDS = 3
MAX_QUOTE_WORDS = 25
# Words that turn what comes before them: an excerpt that stops just before one of them may say
# the opposite of its source ("The purpose of the lawsuit is not to get compensation" | "but to
# fight the abuse of facial recognition").
TURNS = frozenset(
    {"but", "however", "yet", "although", "though", "unless", "except", "not", "nor", "only", "instead", "rather"}
)
# Words in quote marks inside text the site writes: curly or straight double quotes.
QUOTED_WORDS = re.compile(r"“([^”]+)”|\"([^\"]+)\"")
_JOINERS = "’'-‐"


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _joined(text: str, at: int, step: int) -> bool:
    """True if text[at] continues the word that ends (step 1) or begins (step -1) beside it."""
    if not 0 <= at < len(text):
        return False
    if _is_word(text[at]):
        return True
    beyond = at + step
    return text[at] in _JOINERS and 0 <= beyond < len(text) and _is_word(text[beyond])


def find_whole_words(text: str, words: str) -> int:
    """Where `words` stands in `text` without beginning or ending inside a word; -1 if nowhere."""
    if not words:
        return -1
    start = text.find(words)
    while start != -1:
        end = start + len(words)
        cut_before = _is_word(words[0]) and _joined(text, start - 1, -1)
        cut_after = _is_word(words[-1]) and _joined(text, end, 1)
        if not cut_before and not cut_after:
            return start
        start = text.find(words, start + 1)
    return -1


def whole_words_in(text: str, words: str) -> bool:
    """True if `words` stands in `text` without beginning or ending inside a word."""
    return find_whole_words(text, words) != -1


_SENTENCE_END = re.compile(r"^[\s”’\")\]]*[.!?]")


def turn_after(text: str, excerpt: str) -> str | None:
    """The turning word that follows excerpt in text, if excerpt stops just before one within
    its sentence (a quote that ends its sentence has cut nothing)."""
    start = find_whole_words(text, excerpt)
    if start == -1:
        return None
    rest = text[start + len(excerpt) :]
    if _SENTENCE_END.match(rest) or (excerpt.rstrip()[-1:] in ".!?"):
        return None
    following = words(rest)
    return following[0].text if following and following[0].text in TURNS else None


def citations_of(loader: Loader, entry: Checked) -> tuple[Citation, ...] | None:
    """The entry's citations, each verified; None if any is unsound (its problem reported)."""
    if not entry.has("citations"):
        return None
    citations: list[Citation] = []
    ok = True
    for item in entry.items["citations"]:
        citation = _citation(loader, entry.name, item) if item is not None else None
        if citation is None:
            ok = False
        else:
            citations.append(citation)
    return tuple(citations) if ok else None


def _citation(loader: Loader, owner: str, item: Checked) -> Citation | None:
    if not item.sound(CITATION):
        return None
    source_id, number, quote = item["source"], item["paragraph"], item["quote"]
    number = CREDIT_LINE if number == "credit line" else number
    source = loader.sources.get(source_id)
    if source is None:
        if loader.source_ids is not None and source_id not in loader.source_ids:
            hint = did_you_mean(source_id, loader.source_ids, ID_CUTOFF)
            loader.add(
                item.at("source"), f"{owner} cites source {source_id!r} which is not in data/{SOURCES_FILE}{hint}"
            )
        return None  # otherwise the source (or its file) has its own problem, already reported
    paragraph = source.article.paragraph(number)
    where = Location(source_id, number).label
    if paragraph is None:
        count = len(source.article.paragraphs)
        loader.add(
            item.at("paragraph"),
            f"{owner} cites paragraph {number} of source {source_id!r}, which has paragraphs 1 to {count}",
        )
        return None
    at = item.at("quote")
    size = len(quote.split())
    if quote not in paragraph.text:
        loader.add(at, _quote_not_found(owner, source, where, quote))
        return None
    if not whole_words_in(paragraph.text, quote):
        loader.add(at, f"{owner}: quote {quote!r} stands in {where} only as part of longer words; quote whole words")
        return None
    if size < MIN_QUOTE_WORDS:
        loader.add(
            at,
            f"{owner} quotes {size} word{'s' if size != 1 else ''} of {where} ({quote!r}); "
            f"quote at least {MIN_QUOTE_WORDS} whole words, enough to find and check the passage",
        )
        return None
    turn = turn_after(paragraph.text, quote)
    if turn is not None:
        loader.add(
            at,
            f"{owner}: quote {quote!r} stops just before {turn!r}, a turn that may change its meaning; "
            "quote through it",
        )
        return None
    if size > MAX_QUOTE_WORDS:
        loader.add(at, f"{owner} quotes {size} words of {where}; keep excerpts to at most {MAX_QUOTE_WORDS} words")
        return None
    return Citation(source_id, number, quote, _same_words_elsewhere(loader, source, quote), item.origin)


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
        tokens = paragraph.text.split()
        for start in range(max(1, len(tokens) - size + 1)):
            window = " ".join(tokens[start : start + size])
            matcher = difflib.SequenceMatcher(None, quote, window, autojunk=False)
            if matcher.real_quick_ratio() <= best[0] or matcher.quick_ratio() <= best[0]:
                continue
            ratio = matcher.ratio()
            if ratio > best[0]:
                best = (ratio, window, paragraph.number)
    return (best[1], best[2]) if best[0] >= 0.6 else (None, 0)


def _same_words_elsewhere(loader: Loader, source: Source, quote: str) -> tuple[Location, ...]:
    """Where the same words stand in the other loaded copies of the same report."""
    found = []
    for other in other_copies(loader.sources.values(), source):
        parts = [*other.article.paragraphs, *([other.article.credit] if other.article.credit else [])]
        match = next((p for p in parts if whole_words_in(p.text, quote)), None)
        if match is not None:
            found.append(Location(other.id, match.number))
    return tuple(found)


def quoted_words_verified(loader: Loader, entry: Checked, field: str, citations: tuple[Citation, ...]) -> bool:
    """Words a statement puts in quote marks must stand word for word in a paragraph it cites."""
    cited = [loader.sources[c.source_id].article.paragraph(c.paragraph) for c in citations]
    texts = [p.text for p in cited if p is not None]
    ok = True
    for match in QUOTED_WORDS.finditer(entry[field]):
        quoted = match.group(1) or match.group(2)
        if not any(whole_words_in(paragraph, quoted) for paragraph in texts):
            loader.add(
                entry.at(field),
                f"{entry.name}: the {field} puts {quoted!r} in quote marks, but those words are not "
                "in any paragraph it cites; quote exactly or paraphrase without quote marks",
            )
            ok = False
    return ok


def own_words_verified(loader: Loader, entry: Checked, field: str, citations: tuple[Citation, ...]) -> bool:
    """A text is in the site's own words: no COPY_RUN words in a row of a paragraph it cites,
    outside quote marks."""
    for citation in citations:
        paragraph = loader.sources[citation.source_id].article.paragraph(citation.paragraph)
        if paragraph is None:
            continue
        run = longest_copied_run(entry[field], paragraph.text, COPY_RUN)
        if run is not None:
            loader.add(
                entry.at(field),
                f"{entry.name}: the {field} copies {len(run)} words in a row of {citation.location.label} of "
                f"source {citation.source_id!r} ({' '.join(run)!r}) outside quote marks; say it in your own "
                "words, or put in quote marks the few words that prove it",
            )
            return False
    return True
