"""Read YAML safely while remembering the line each mapping and key came from.

Data files are plain: lists of mappings of text, numbers and lists. What YAML offers beyond
that is refused before it can cost anything, each with its line:

- files over MAX_FILE_BYTES, text that is not UTF-8, characters YAML cannot hold, lines over
  MAX_LINE_CHARS and more than MAX_VALUES values (each is how a file under the size limit makes
  the parser's work, or the problems it reports, explode), and numbers of more than MAX_DIGITS
  digits;
- nesting deeper than MAX_NESTING (checked on the flat event stream, before libyaml's
  composer, which recurses and crashes the process on very deep input);
- anchors, aliases and merge keys (`&a`, `*a`, `<<`): the data never needs them, and they are
  how a few hundred bytes expand into gigabytes;
- a plain value followed on its line by ` #`, which YAML reads as a comment and drops, so
  the value would be silently cut short;
- tags that build Python objects (this is a SafeLoader).
"""

from __future__ import annotations

import heapq
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from factbase.kinds import invisible_character
from factbase.limits import MAX_PROBLEMS, clip, echo

MAX_FILE_BYTES = 16 * 1024 * 1024
# Entries need four levels (a file's list, an entry, its citations, a citation); a few spare.
MAX_NESTING = 6
# No text value needs a line longer than this (a value is at most 1,000 characters), and
# flow lists of ids fit easily. A longer line is a file written to be expensive.
MAX_LINE_CHARS = 20_000
# The most keys, values, lists and mappings one file may hold: far more than a data file of a
# thousand reports holds, far fewer than the millions a file of `- x` lines or `[1,1,...]` packs
# into 16 MiB.
MAX_VALUES = 1_000_000
# The longest number a data file may write: figures, paragraph numbers and budgets are short,
# and Python refuses to read an integer of more than 4,300 digits at all.
MAX_DIGITS = 30


@dataclass(frozen=True)
class Origin:
    """Where something was written: a path shown relative to the project, and a 1-based line.

    A folder, or a file as a whole, has no line.
    """

    file: str
    line: int | None = None

    def __str__(self) -> str:
        return self.file if self.line is None else f"{self.file}:{self.line}"


class LineMap(dict[Any, Any]):
    """A YAML mapping that knows its own line and the line of each key."""

    line: int
    key_lines: dict[Any, int]
    duplicate_keys: list[tuple[Any, int]]


class LineList(list[Any]):
    """A YAML sequence that knows its own line and the line of each item."""

    line: int
    item_lines: list[int]


# libyaml's parser where PyYAML was built with it (several times faster), else PyYAML's own.
_SafeBase: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_SafeBase):  # type: ignore[valid-type,misc]
    """A safe loader that builds LineMaps, keeps dates as text and records duplicate keys."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineMap:
    mapping = LineMap()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    mapping.duplicate_keys = []
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        try:
            seen = key in mapping
        except TypeError:
            raise yaml.constructor.ConstructorError(
                None, None, "a mapping key must be plain text", key_node.start_mark
            ) from None
        if seen:
            mapping.duplicate_keys.append((key, line))
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = line
    return mapping


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> LineList:
    sequence = LineList(loader.construct_object(child, deep=True) for child in node.value)
    sequence.line = node.start_mark.line + 1
    sequence.item_lines = [child.start_mark.line + 1 for child in node.value]
    return sequence


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


# Dates stay text so that a bad date becomes our own message with a line, not a ValueError.
def _construct_text(loader: _LineLoader, node: yaml.ScalarNode) -> str:
    return str(loader.construct_scalar(node))


_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_text)


class _LongNumberError(yaml.MarkedYAMLError):
    """A number too long to be data (or for Python to read)."""


def _construct_number(loader: _LineLoader, node: yaml.ScalarNode) -> Any:
    if len(node.value) > MAX_DIGITS:
        raise _LongNumberError(
            None,
            None,
            f"the number {echo(node.value)} is {len(node.value):,} characters long; "
            f"a number in a data file has at most {MAX_DIGITS}",
            node.start_mark,
        )
    if node.tag.endswith(":int"):
        return yaml.SafeLoader.construct_yaml_int(loader, node)
    return yaml.SafeLoader.construct_yaml_float(loader, node)


_LineLoader.add_constructor("tag:yaml.org,2002:int", _construct_number)
_LineLoader.add_constructor("tag:yaml.org,2002:float", _construct_number)

_MERGE_TAG = "tag:yaml.org,2002:merge"
# What YAML counts as a line break, so that lines match its marks.
_LINE_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")
# A character YAML cannot hold: outside its printable set (libyaml's, which also refuses a byte
# order mark anywhere but at the start).
_UNPRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
# A line that holds more than blanks and a comment.
_CONTENT = re.compile("(?:^|[\r\x85\u2028\u2029])[ \t]*[^\\s#]", re.MULTILINE)
# What may stand after a plain value on its line: if this ends at a '#', YAML reads a comment.
_COMMENT_AFTER = re.compile("[ \t]*#")


class YamlFileError(Exception):
    """A YAML file could not be read; carries each problem with the line where it stands."""

    def __init__(self, problems: list[tuple[Origin, str]], more: int = 0) -> None:
        super().__init__("\n".join(f"{origin}: {message}" for origin, message in problems))
        self.problems = problems
        self.more = more  # problems found beyond those listed

    @property
    def origin(self) -> Origin:
        return self.problems[0][0]

    @property
    def message(self) -> str:
        return self.problems[0][1]


def _fail(shown_as: str, line: int | None, message: str) -> YamlFileError:
    return YamlFileError([(Origin(shown_as, line), message)])


class _UnusualValueError(Exception):
    """A plain value that only PyYAML's own constructors read (a merge key, a number too long)."""


_NOTHING = object()  # no value read yet: the file's root, or the key of a mapping's next value
_NULL_TAG = "tag:yaml.org,2002:null"
_BOOL_TAG = "tag:yaml.org,2002:bool"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_NUMBERS = {
    "tag:yaml.org,2002:int": yaml.constructor.SafeConstructor.construct_yaml_int,
    "tag:yaml.org,2002:float": yaml.constructor.SafeConstructor.construct_yaml_float,
}
_CONSTRUCTOR = yaml.constructor.SafeConstructor()


def _plain_value(value: str) -> Any:
    """A plain (unquoted, untagged) value as _LineLoader resolves and constructs it."""
    resolvers = _LineLoader.yaml_implicit_resolvers
    candidates = [*resolvers.get(value[:1], ()), *resolvers.get(None, ())]
    tag = next((tag for tag, pattern in candidates if pattern.match(value)), None)
    if tag is None:
        return value
    if tag == _NULL_TAG:
        return None
    if tag == _BOOL_TAG:
        return _CONSTRUCTOR.bool_values[value.lower()]
    if tag == _TIMESTAMP_TAG:
        return value
    if tag in _NUMBERS and len(value) <= MAX_DIGITS:
        return _NUMBERS[tag](_CONSTRUCTOR, yaml.ScalarNode(tag, value))
    raise _UnusualValueError


# The events _read_events tells apart, by their exact class.
_STREAM_END, _DOCUMENT_START, _ALIAS = yaml.StreamEndEvent, yaml.DocumentStartEvent, yaml.AliasEvent
_SCALAR, _MAPPING_START, _SEQUENCE_START = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
_MAPPING_END, _SEQUENCE_END = yaml.MappingEndEvent, yaml.SequenceEndEvent


def _read_events(text: str, shown_as: str) -> Any:
    """Read the file in one pass over libyaml's flat event stream, at C speed per event.

    Anchors, aliases, deep nesting, lines too long and values too many are refused as soon as
    each is read (before any composing: libyaml's composer recurses and crashes the process on
    very deep input). The LineMaps and LineLists are built from the same events, as _LineLoader
    builds them from PyYAML's nodes, without making the nodes. What only PyYAML's composer and
    constructors handle (a tag, a merge key, a list or mapping as a key, a number too long, a
    value a comment cuts short, a second document) makes this return _NOTHING once the whole
    stream has passed the checks, and the caller reads the file through _LineLoader instead.
    """
    parser = _SafeBase(text)
    # A plain value whose first character no implicit resolver looks at is text as it stands.
    resolvers = _LineLoader.yaml_implicit_resolvers
    resolved = set(resolvers) if None not in resolvers else None
    # Each open list or mapping, innermost last, with the key its next value goes under (a
    # mapping's, _NOTHING while a key is next) and that key's line.
    open_: list[list[Any]] = []
    root: Any = _NOTHING
    usual = True
    documents = 0
    count = 0
    try:
        while True:
            event = parser.get_event()  # type: ignore[no-untyped-call]
            kind = type(event)
            if kind is _STREAM_END:
                return root if usual else _NOTHING
            count += 1
            if count > MAX_VALUES:
                raise _fail(
                    shown_as,
                    event.start_mark.line + 1,
                    f"holds more than {MAX_VALUES:,} keys, values, lists and mappings by this line; "
                    "no data file needs that many: split it",
                )
            if event.end_mark.column > MAX_LINE_CHARS:
                raise _fail(
                    shown_as,
                    event.end_mark.line + 1,
                    f"has a line of more than {MAX_LINE_CHARS:,} characters; no value needs one: "
                    "put each item of a long list on a line of its own",
                )
            if kind is _MAPPING_END or kind is _SEQUENCE_END:
                open_.pop()
                continue
            if kind is _DOCUMENT_START:
                documents += 1
                usual = usual and documents == 1
                continue
            if kind is _ALIAS:
                raise _fail(
                    shown_as,
                    event.start_mark.line + 1,
                    f"uses the YAML alias *{clip(event.anchor)}; data files do not use anchors and aliases: "
                    "write each value out in full",
                )
            if kind is not _SCALAR and kind is not _MAPPING_START and kind is not _SEQUENCE_START:
                continue  # the stream's start, a document's end
            if event.anchor is not None:
                raise _fail(
                    shown_as,
                    event.start_mark.line + 1,
                    f"defines the YAML anchor &{clip(event.anchor)}; data files do not use anchors and "
                    "aliases: write each value out in full",
                )
            line = event.start_mark.line + 1
            value: Any
            if kind is _SCALAR:
                if not usual:
                    continue
                value = event.value
                if event.tag is not None:
                    usual = False
                # A plain value (style ''), and what follows it on its line, read where it stands:
                # never the rest of the line copied out per value, which costs its square.
                elif not event.style:
                    if _COMMENT_AFTER.match(text, event.end_mark.index):
                        usual = False
                    elif resolved is None or value[:1] in resolved:
                        try:
                            value = _plain_value(value)
                        except _UnusualValueError:
                            usual = False
            else:
                if len(open_) >= MAX_NESTING:
                    raise _fail(
                        shown_as,
                        line,
                        f"lists and mappings nest more than {MAX_NESTING} deep here; "
                        "an entry needs at most 4 (the file's list, the entry, its citations, a citation)",
                    )
                if kind is _MAPPING_START:
                    value = LineMap()
                    value.key_lines = {}
                    value.duplicate_keys = []
                else:
                    value = LineList()
                    value.item_lines = []
                value.line = line
                usual = usual and event.tag is None
            if usual:
                if not open_:
                    root = value
                else:
                    frame = open_[-1]
                    parent = frame[0]
                    if type(parent) is LineList:
                        parent.append(value)
                        parent.item_lines.append(line)
                    elif frame[1] is _NOTHING:
                        frame[1] = value
                        frame[2] = line
                        usual = kind is _SCALAR
                    else:
                        key, key_line = frame[1], frame[2]
                        if key in parent:
                            parent.duplicate_keys.append((key, key_line))
                        parent[key] = value
                        parent.key_lines[key] = key_line
                        frame[1] = _NOTHING
            if kind is not _SCALAR:
                open_.append([value, _NOTHING, 0])
    finally:
        parser.dispose()


def _check_nodes(root: yaml.Node, text: str, shown_as: str) -> YamlFileError | None:
    """Merge keys, and plain values that a comment on the same line cuts short: the first
    MAX_PROBLEMS of them by line, and how many more there are."""
    found: list[tuple[int, yaml.ScalarNode | None]] = []  # a line, and the value cut short there (None: a merge key)
    stack: list[yaml.Node] = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.tag == _MERGE_TAG:
                    found.append((key.start_mark.line + 1, None))
                stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        # A plain value (libyaml gives style '', PyYAML None), and what follows it on its line, read
        # where it stands: never the rest of the line copied out per value, which costs its square.
        elif isinstance(node, yaml.ScalarNode) and not node.style and _COMMENT_AFTER.match(text, node.end_mark.index):
            found.append((node.end_mark.line + 1, node))
    if not found:
        return None
    first = heapq.nsmallest(MAX_PROBLEMS, found, key=lambda problem: problem[0])
    problems = [
        (
            Origin(shown_as, line),
            "uses a YAML merge key (<<); data files do not use them: write each key out in full"
            if cut is None
            else f"YAML reads the words after ' #' on this line as a comment and drops them, so the value "
            f"ends at {echo(cut.value[-30:])}; if they belong to it, put the value in quotes; "
            "put comments on lines of their own",
        )
        for line, cut in first
    ]
    return YamlFileError(problems, len(found) - len(first))


def _compose(text: str, shown_as: str) -> Any:
    """Read, through PyYAML's nodes, a file that _read_events found to use what only they handle."""
    loader = _LineLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise _fail(shown_as, 1, "is empty; it should hold a list of entries")
        problems = _check_nodes(node, text, shown_as)
        if problems is not None:
            raise problems
        return loader.construct_document(node)
    finally:
        loader.dispose()


def _check_characters(text: str, shown_as: str) -> None:
    """Refuse, before parsing, a character YAML cannot hold, naming its line (not its offset)."""
    bad = _UNPRINTABLE.search(text, 1 if text.startswith("\ufeff") else 0)
    if bad is not None:
        line = len(_LINE_BREAK.findall(text, 0, bad.start())) + 1
        raise _fail(
            shown_as,
            line,
            f"holds {invisible_character(bad.group(0)) or f'U+{ord(bad.group(0)):04X}'}, which a YAML file "
            "cannot hold; delete it",
        )


def read_yaml(path: Path, shown_as: str) -> Any:
    """Parse one YAML file; raise YamlFileError naming `shown_as` and a line if it cannot be read."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise _fail(shown_as, None, f"is {size:,} bytes; a data file may be at most {MAX_FILE_BYTES:,}: split it")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise _fail(
            shown_as, line, f"is not valid UTF-8 (byte 0x{raw[error.start]:02x}); save the file as UTF-8"
        ) from None
    if _CONTENT.search(text) is None:
        raise _fail(shown_as, 1, "is empty; it should hold a list of entries")
    _check_characters(text, shown_as)
    try:
        value = _read_events(text, shown_as)
        return value if value is not _NOTHING else _compose(text, shown_as)
    except _LongNumberError as error:
        raise _fail(shown_as, error.problem_mark.line + 1 if error.problem_mark else 1, str(error.problem)) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        last_line = max(1, len(text.splitlines()))
        line = min(mark.line + 1, last_line) if mark else 1
        what = error.problem or "unreadable YAML"
        if error.context and error.context_mark and error.context_mark.line + 1 != line:
            what += f" ({error.context} that starts on line {error.context_mark.line + 1})"
        raise _fail(shown_as, line, f"YAML syntax error: {what}") from None
    except yaml.YAMLError as error:
        raise _fail(shown_as, 1, f"YAML error: {error}") from None
