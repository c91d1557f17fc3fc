"""Read YAML safely while remembering the line each mapping and key came from.

Data files are plain: lists of mappings of text, numbers and lists. What YAML offers beyond
that is refused before it can cost anything, each with its line:

- files over MAX_FILE_BYTES, and text that is not UTF-8;
- nesting deeper than MAX_NESTING (checked on the flat event stream, before libyaml's
  composer, which recurses and crashes the process on very deep input);
- anchors, aliases and merge keys (`&a`, `*a`, `<<`): the data never needs them, and they are
  how a few hundred bytes expand into gigabytes;
- a plain value followed on its line by ` #`, which YAML reads as a comment and drops, so
  the value would be silently cut short;
- tags that build Python objects (this is a SafeLoader).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

MAX_FILE_BYTES = 16 * 1024 * 1024
# Entries need four levels (a file's list, an entry, its citations, a citation); a few spare.
MAX_NESTING = 6


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

_MERGE_TAG = "tag:yaml.org,2002:merge"
# What YAML counts as a line break, so that lines match its marks.
_LINE_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")


class YamlFileError(Exception):
    """A YAML file could not be read; carries each problem with the line where it stands."""

    def __init__(self, problems: list[tuple[Origin, str]]) -> None:
        super().__init__("\n".join(f"{origin}: {message}" for origin, message in problems))
        self.problems = problems

    @property
    def origin(self) -> Origin:
        return self.problems[0][0]

    @property
    def message(self) -> str:
        return self.problems[0][1]


def _fail(shown_as: str, line: int | None, message: str) -> YamlFileError:
    return YamlFileError([(Origin(shown_as, line), message)])


def _scan_events(text: str, shown_as: str) -> None:
    """Refuse anchors, aliases and deep nesting from the flat event stream, before composing."""
    depth = 0
    for event in yaml.parse(text, Loader=_SafeBase):
        line = event.start_mark.line + 1 if event.start_mark else None
        if isinstance(event, yaml.AliasEvent):
            raise _fail(
                shown_as,
                line,
                f"uses the YAML alias *{event.anchor}; data files do not use anchors and aliases: "
                "write each value out in full",
            )
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise _fail(
                shown_as,
                line,
                f"defines the YAML anchor &{anchor}; data files do not use anchors and aliases: "
                "write each value out in full",
            )
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_NESTING:
                raise _fail(
                    shown_as,
                    line,
                    f"lists and mappings nest more than {MAX_NESTING} deep here; "
                    "an entry needs at most 4 (the file's list, the entry, its citations, a citation)",
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _check_nodes(root: yaml.Node, lines: list[str], shown_as: str) -> list[tuple[Origin, str]]:
    """Merge keys, and plain values that a comment on the same line cuts short."""
    problems: list[tuple[Origin, str]] = []
    stack: list[yaml.Node] = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.tag == _MERGE_TAG:
                    problems.append(
                        (
                            Origin(shown_as, key.start_mark.line + 1),
                            "uses a YAML merge key (<<); data files do not use them: write each key out in full",
                        )
                    )
                stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.ScalarNode) and not node.style:  # plain: libyaml gives '', PyYAML None
            end = node.end_mark
            rest = lines[end.line][end.column :] if end.line < len(lines) else ""
            if rest.lstrip().startswith("#"):
                problems.append(
                    (
                        Origin(shown_as, end.line + 1),
                        f"YAML reads the words after ' #' on this line as a comment and drops them, so the value "
                        f"ends at {node.value[-30:]!r}; if they belong to it, put the value in quotes; "
                        "put comments on lines of their own",
                    )
                )
    return sorted(problems, key=lambda problem: problem[0].line or 0)


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
    if not text.strip() or all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()):
        raise _fail(shown_as, 1, "is empty; it should hold a list of entries")
    loader = _LineLoader(text)
    try:
        _scan_events(text, shown_as)
        node = loader.get_single_node()
        if node is None:
            raise _fail(shown_as, 1, "is empty; it should hold a list of entries")
        problems = _check_nodes(node, _LINE_BREAK.split(text), shown_as)
        if problems:
            raise YamlFileError(problems)
        return loader.construct_document(node)
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
    finally:
        loader.dispose()
