"""Sources: the captured copies, their stored texts, and the article body found in each."""

from __future__ import annotations

import datetime
import os
import re
from dataclasses import dataclass
from pathlib import Path

from factbase.article import Article, Layout, blocks_after, caption_lines, number_paragraphs
from factbase.collector import Checked
from factbase.kinds import STORED_TEXT, invisible_character
from factbase.loader.citations import own_words_verified
from factbase.loader.context import Loader, declared_ids
from factbase.model import Source
from factbase.specs import SOURCE, SOURCES_FILE, TEXTS_DIR
from factbase.textindex import Corpus
from factbase.yamlfile import Origin

# A news article is tens of kilobytes; a stored text this large is not one.
MAX_TEXT_BYTES = 1024 * 1024
# Tabs and line breaks, which a capture may hold, as spaces.
ALLOWED_IN_CAPTURES = str.maketrans("\t\n\r", "   ")
# The line breaks a capture may hold (str.splitlines would also break at U+2028, NEL and \x1c,
# which no stored text holds).
LINE_BREAK = re.compile("\r\n|\n|\r")


def load_sources(loader: Loader) -> None:
    """Load data/sources.yaml and each stored text; check how the copies relate."""
    entries = loader.read(SOURCES_FILE, "source")
    loader.source_ids = declared_ids(entries)
    checked: list[tuple[Checked, Source]] = []

    def build(entry: Checked) -> Source | None:
        source = _build_source(loader, entry)
        if source is not None:
            checked.append((entry, source))
        return source

    sources = loader.build_all(entries, SOURCE, build)
    loader.sources = {source.id: source for source in sources}
    loader.corpus = Corpus({source.id: source.index for source in sources})
    # A source's own notes are the site's words too: now that every stored text is read, they can
    # be held to the rule (the captured lines, the headline and the rest are the copy's own words).
    for entry, source in checked:
        if loader.sources.get(source.id) is source and not own_words_verified(loader, entry, SOURCE):
            del loader.sources[source.id]
    sources = list(loader.sources.values())
    for source in sources:
        loader.copies.setdefault(source.report_id, []).append(source)
    for source in sources:
        if source.copy_of is None:
            continue  # the spec holds role and copy_of together
        if source.copy_of not in loader.sources:
            if loader.source_ids is not None and source.copy_of not in loader.source_ids:
                loader.add(
                    source.origin,
                    f"source {source.id!r} is a copy_of {source.copy_of!r}, which is not in data/{SOURCES_FILE}"
                    + loader.hint(source.copy_of, loader.source_ids),
                )
        elif loader.sources[source.copy_of].role != "original":
            loader.add(source.origin, f"source {source.id!r} is a copy_of {source.copy_of!r}, which is not an original")
    named = [entry.get("text") for entry, _ in entries or []]
    if entries is not None and all(STORED_TEXT.check(text) is None for text in named):
        for relative in sorted(loader.files.texts - set(named)):
            loader.add(
                Origin(loader.shown(relative)),
                f"is not the stored text of any source in data/{SOURCES_FILE}: add its source, or remove the file",
            )


def _build_source(loader: Loader, entry: Checked) -> Source | None:
    name = entry.name
    text = read_stored_text(loader, entry) if entry.has("text") else None
    if text is None or not entry.sound(SOURCE):
        return None
    data = entry.values(SOURCE)

    layout = Layout(
        dateline=data["dateline"],
        credit_line=data["credit_line"],
        subheads=tuple(data.get("subheads", ())),
        furniture=tuple(data.get("furniture", ())),
        photo_captions=tuple(data.get("photo_captions", ())),
    )
    timestamp_as_shown, copyright_line = data.get("timestamp_as_shown"), data.get("copyright_line")
    fitted = fit_layout(text, layout, timestamp_as_shown, copyright_line)
    for problem in fitted.problems:
        loader.add(entry.origin, f"{name}: in stored text {data['text']!r}, {problem}")
    if fitted.problems:
        return None
    after = blocks_after(text, fitted.article, skip=(copyright_line,) if copyright_line else ())
    return Source(
        id=data["id"],
        role=data["role"],
        copy_of=data.get("copy_of"),
        quote_budget=data.get("quote_budget"),
        publisher=data["publisher"],
        title=data["title"],
        published=datetime.date.fromisoformat(data["published"]),
        timestamp_as_shown=timestamp_as_shown,
        layout=layout,
        url=data["url"],
        url_note=data.get("url_note"),
        text_path=data["text"],
        text=text,
        article=fitted.article,
        photo_captions=fitted.captions,
        copyright_line=copyright_line,
        furniture_after=(after, data.get("furniture_after")),
        origin=entry.origin,
    )


@dataclass(frozen=True)
class Fitted:
    """A text read through a source's layout: its article, its caption lines, and what does not fit."""

    article: Article
    captions: tuple[str, ...]
    problems: tuple[str, ...]  # empty when the text could stand as the source's stored text


def fit_layout(text: str, layout: Layout, timestamp_as_shown: str | None, copyright_line: str | None) -> Fitted:
    """Read a text through a source's layout, as a stored text must fit it (the re-check holds a new
    capture to the same): body, subheads, furniture, captions, and the copy's own lines."""
    article, problems = number_paragraphs(text, layout)
    captions, caption_problems = caption_lines(text, layout.photo_captions)
    problems += caption_problems
    lines = {line.strip() for line in LINE_BREAK.split(text)}
    for key, line in (("timestamp_as_shown", timestamp_as_shown), ("copyright_line", copyright_line)):
        if line is not None and line not in lines:
            problems.append(f"{key} {line!r} is not a line of the text")
    return Fitted(article, captions, tuple(problems))


def read_stored_text(loader: Loader, entry: Checked) -> str | None:
    """The stored text a source names, checked; None (with the reason reported) if unusable."""
    relative: str = entry["text"]
    at, name = entry.at("text"), entry.name
    if relative in loader.files.rejected or TEXTS_DIR in loader.files.rejected:
        return None  # already reported by the scan of data/: a link, a folder or a special file
    if relative not in loader.files.texts:
        loader.add(at, f"{name}: stored text {relative!r} does not exist in data/{TEXTS_DIR}/")
        return None
    try:
        return read_text(loader.data_dir / relative)
    except StoredTextError as error:
        loader.add(Origin(loader.shown(relative), error.line), error.message)
        return None


class StoredTextError(Exception):
    """A file that cannot be a stored text: what is wrong, and on which line if on one."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message, self.line = message, line


def read_text(path: Path) -> str:
    """A file's text, held to the rules for stored texts (the re-check holds a new capture to the
    same); StoredTextError if it breaks one. OSError if it cannot be read."""
    with path.open("rb") as file:
        size = os.fstat(file.fileno()).st_size
        raw = file.read(MAX_TEXT_BYTES + 1) if size <= MAX_TEXT_BYTES else b""
    size = max(size, len(raw))  # larger if it grew after it was measured
    if size > MAX_TEXT_BYTES:
        raise StoredTextError(f"is {size:,} bytes; a stored text may be at most {MAX_TEXT_BYTES:,}")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise StoredTextError(f"is not valid UTF-8 (byte 0x{raw[error.start]:02x}); save it as UTF-8", line) from None
    if text.startswith("\ufeff"):
        raise StoredTextError(
            "begins with a byte order mark (U+FEFF), which would hide its first words: save it as UTF-8 without one", 1
        )
    # Captures keep their tabs and line endings; nothing else invisible. One pass over the whole
    # text finds whether there is one; only then is it looked for line by line, to name its line.
    if invisible_character(text.translate(ALLOWED_IN_CAPTURES)) is not None:
        for number, text_line in enumerate(LINE_BREAK.split(text), start=1):
            invisible = invisible_character(text_line.replace("\t", " "))
            if invisible is not None:
                raise StoredTextError(
                    f"holds {invisible}, which could hide or reorder the words quotes are checked against; delete it",
                    number,
                )
    return text
