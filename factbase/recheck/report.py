"""The re-check as a person reads it: the paragraphs, any layout problems, then every quote."""

from __future__ import annotations

from collections import Counter

from factbase.model import Location
from factbase.recheck.diff import clip, word_diff
from factbase.recheck.model import (
    CONTEXT_WORDS,
    FIRST_WORDS,
    SHOWN_STEPS,
    Aligned,
    CitedWords,
    How,
    Passage,
    QuoteCheck,
    Recheck,
    Verdict,
    reading_order,
)


def _first_words(text: str) -> str:
    tokens = text.split()
    shown = clip(" ".join(tokens[:FIRST_WORDS]))
    return repr(shown + (" …" if len(tokens) > FIRST_WORDS else ""))


def _numbers(numbers: range) -> str:
    return str(numbers.start) if len(numbers) == 1 else f"{numbers.start}–{numbers[-1]}"


def _step_line(step: Aligned) -> str:
    plural = "s" if len(step.old) > 1 else ""
    old, new = (_numbers(numbers) if numbers else "" for numbers in (step.old, step.new))
    if step.step == "unchanged":
        moved = "" if step.old == step.new else f" → {new}"
        return f"paragraph{plural} {old}{moved} unchanged"
    if step.step == "changed":
        moved = "" if step.old == step.new else f" → {new}"
        return f"paragraph {old}{moved} changed: {word_diff(step.old_text, step.new_text, CONTEXT_WORDS)}"
    if step.step == "new":
        return f"new paragraph {new}: {_first_words(step.new_text)}"
    return f"removed paragraph {old}: {_first_words(step.old_text)}"


def _fate_of(result: Recheck, location: Location) -> str:
    """What became of the stored paragraph that held a quote, as a clause."""
    if location.paragraph == 0:
        return "the credit line is unchanged"
    step = result.fate(location.paragraph)
    now = result.now_numbered(location.paragraph)
    if step is None or now is None:
        return f"stored {location.label} was removed"
    where = "" if now == location.paragraph else f" (now paragraph {now})"
    return f"stored {location.label}{where} was {'changed' if step.step == 'changed' else 'left as it was'}"


def _who(cited: CitedWords) -> str:
    what = {"cited": "", "also in": ", as found in this copy", "words": ", its words"}[cited.how]
    return f"{cited.owner}{what} ({cited.origin})"


def _arrow(source_id: str, old: int, new: int) -> str:
    """A paragraph's move as the report gives it: "paragraph 6 → 7", "the credit line → paragraph 20"."""
    if old and new:
        return f"paragraph {old} → {new}"
    return f"{Location(source_id, old).label} → {Location(source_id, new).label}"


def _moved_advice(cited: CitedWords, now: int) -> str:
    """What to change for words that moved to paragraph `now`."""
    where = Location(cited.location.source_id, now).label
    arrow = _arrow(cited.location.source_id, cited.location.paragraph, now)
    if cited.how == "also in":
        return f"moved in this copy, {arrow}: nothing to change, the loader finds them there"
    if cited.how == "words":
        return f"moved, {arrow}: the quotation's first citation must cite {where}"
    return f"moved, {arrow}: cite {where} instead"


def _quote_lines(result: Recheck) -> list[str]:
    """Every quote, the ones to act on first: gone, changed, moved (grouped by move), still there."""
    lines: list[str] = []
    indent = " " * 6
    for check in result.checks:
        if check.verdict == "gone":
            cited = check.cited
            lines.append(f"  gone: {_who(cited)}, {cited.location.label}: {clip(cited.words)!r}")
            fate = _fate_of(result, cited.location)
            lines.append(f"{indent}no new or changed paragraph keeps more than half of its words; {fate}")
    for check in result.checks:
        if check.verdict == "changed" and check.closest is not None:
            cited, closest = check.cited, check.closest
            lines.append(f"  changed: {_who(cited)}, {cited.location.label}: {clip(cited.words)!r}")
            where = Location(cited.location.source_id, closest.paragraph).label
            lines.append(f"{indent}closest, in {where} ({_kept(closest)}): {clip(closest.text)!r}")
            lines.append(f"{indent}diff: {check.diff}")
            if check.turn is not None:
                lines.append(
                    f"{indent}the quote now stops just before {check.turn!r}, a turn that may change its meaning"
                )
    moves: dict[tuple[int, int, How], list[QuoteCheck]] = {}
    for check in result.checks:
        if check.verdict == "moved" and check.now_in is not None:
            key = (reading_order(check.cited.location.paragraph), check.now_in, check.cited.how)
            moves.setdefault(key, []).append(check)
    for key in sorted(moves):
        checks = moves[key]
        lines.append(f"  {_moved_advice(checks[0].cited, key[1])}")
        lines.extend(f"{indent}{_who(check.cited)}: {clip(check.cited.words)!r}" for check in checks)
    still = sorted(
        (check.cited for check in result.checks if check.verdict == "still there"),
        key=lambda cited: reading_order(cited.location.paragraph),
    )
    if still:
        lines.append("  still there:")
        lines.extend(f"{indent}{cited.location.label}: {_who(cited)}" for cited in still)
    return lines


def _kept(closest: Passage) -> str:
    if closest.kept == closest.of:
        return f"keeps all {_count(closest.of, 'word')}" if closest.of > 1 else "keeps its word"
    return f"keeps {closest.kept} of its {closest.of} words"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def render(result: Recheck, stored: str, capture: str) -> str:
    """The report a person reads: the paragraphs, any layout problems, then every quote."""
    out = [f"{result.source_id}: the stored text {stored} against {capture}", ""]
    steps = result.alignment
    if all(step.step == "unchanged" and step.old == step.new for step in steps):
        out.append(f"Body: the same {_count(result.stored_paragraphs, 'paragraph')}, word for word.")
    else:
        out.append(f"Body: {result.stored_paragraphs} paragraphs stored, {result.new_paragraphs} in the new capture.")
        out.extend(f"  {_step_line(step)}" for step in steps[:SHOWN_STEPS])
        if len(steps) > SHOWN_STEPS:
            out.append(f"  … and {len(steps) - SHOWN_STEPS} more steps")
    if result.layout_problems:
        out += ["", "Layout: the capture would not load in place of the stored text, as data/sources.yaml has it:"]
        out.extend(f"  {problem}" for problem in result.layout_problems)

    order: tuple[Verdict, ...] = ("gone", "changed", "moved", "still there")
    tally = Counter(check.verdict for check in result.checks)
    counts = ", ".join(f"{tally[verdict]} {verdict}" for verdict in order if tally[verdict])
    out += ["", f"Quotes: {len(result.checks)} cite this source; {counts or 'none'}."]
    out.extend(_quote_lines(result))

    out += ["", *_verdict(result)]
    return "\n".join(out) + "\n"


def _verdict(result: Recheck) -> list[str]:
    """The last lines: whether the data would verify against the new capture, and if not, why."""
    if result.verifies:
        return ["Every quote would still verify as written."]
    lines = []
    cited = sum(1 for check in result.checks if check.fails and check.cited.how != "also in")
    copied = sum(1 for check in result.checks if check.fails and check.cited.how == "also in")
    if cited:
        lines.append(f"{_count(cited, 'quote')} would no longer verify as written.")
    if copied:
        lines.append(
            f"{_count(copied, 'quote')} of the original would no longer stand in this copy: "
            f"the site would stop pointing readers to {'it' if copied == 1 else 'them'} here."
        )
    if result.layout_problems:
        lines.append("The capture's layout no longer fits its entry in data/sources.yaml.")
    return lines
