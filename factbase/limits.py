"""Hard caps on what any input can make the check cost or print, wherever it comes from.

Every step of reading and checking data/ is linear in its size; these keep what it prints
bounded too: at most MAX_PROBLEMS problems are listed (the rest are counted), and a message
quotes at most ECHO_CHARS characters of any value it echoes, however long the value is.
"""

from __future__ import annotations

MAX_PROBLEMS = 200
ECHO_CHARS = 60


def clip(text: str) -> str:
    """Text cut to ECHO_CHARS characters, with … where it was cut."""
    return text if len(text) <= ECHO_CHARS else text[: ECHO_CHARS - 1] + "…"


def echo(value: object) -> str:
    """A value as a message quotes it: a string's repr (quotes and escapes) or any other value's,
    cut to ECHO_CHARS characters of the value with … where cut."""
    return repr(clip(value)) if isinstance(value, str) else clip(repr(value))
