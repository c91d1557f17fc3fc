"""Re-checking a source against a new capture: the stored copies as they are, and edited copies.

The re-check is tried on the tiny scenario site's original and its syndicated copy, so editors
changing data/ do not break a test that is not about what they changed; only the make target's
tests, which run on data/ as an editor does, use the real captures. Which quotes and paragraphs
each test edits is taken from the loaded fact base.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from factbase import Citation, DataError, FactBase, Paragraph, Source, load_factbase
from factbase.loader.sources import MAX_TEXT_BYTES
from factbase.recheck import Recheck, main, recheck, word_diff
from factbase.words import whole_words_in

from .conftest import PROJECT, SITES

DATA = SITES / "tiny" / "data"
ADDED = "This paragraph was added by the test, to shift the numbering of those after it."


def citations(factbase: FactBase) -> Iterator[tuple[str, Citation]]:
    """Every citation in the data, with its owner as the report names it."""
    for fact in factbase.facts:
        yield from ((f"fact {fact.id!r}", c) for c in fact.citations)
    for entity in factbase.entities:
        yield from ((f"entity {entity.id!r}", c) for c in entity.citations)
    for figure in factbase.figures:
        yield f"figure {figure.id!r}", figure.citation
    for quotation in factbase.quotations:
        yield from ((f"quotation {quotation.id!r}", c) for c in quotation.citations)


def quoted_paragraphs(factbase: FactBase, source: Source) -> list[Paragraph]:
    """The body paragraphs of a source that some quote stands in (directly or, for a copy, through
    also_in), from the second on: the first may share its line with the dateline."""
    numbers = {c.paragraph for _, c in citations(factbase) if c.source_id == source.id}
    numbers |= {loc.paragraph for _, c in citations(factbase) for loc in c.also_in if loc.source_id == source.id}
    return [p for p in source.article.paragraphs if p.number in numbers and p.number >= 2]


def rerun(factbase: FactBase, source: Source, text: str) -> Recheck:
    return recheck(factbase, source, text)


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main([*args, "--data", str(DATA)])
    out, err = capsys.readouterr()
    return code, out, err


def write(tmp_path: Path, text: str, name: str = "capture.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def insert_before(text: str, paragraph: Paragraph, added: str) -> str:
    lines = text.splitlines(keepends=True)
    at = paragraph.line - 1
    return "".join([*lines[:at], added, "\n\n", *lines[at:]])


def delete(text: str, paragraph: Paragraph) -> str:
    lines = text.splitlines(keepends=True)
    start = end = paragraph.line - 1
    while end < len(lines) and lines[end].strip():
        end += 1
    return "".join(lines[:start] + lines[end:])


def with_a_word_replaced(quote: str) -> tuple[str, str]:
    """The quote with its middle word replaced by one no report uses, and the word replaced."""
    tokens = quote.split()
    middle = len(tokens) // 2
    return " ".join([*tokens[:middle], "Xyzzy", *tokens[middle + 1 :]]), tokens[middle]


def plain(citation: Citation) -> bool:
    """A quote of three or more plain words, in a numbered paragraph, ending on a word."""
    tokens = citation.quote.split()
    return citation.paragraph > 0 and len(tokens) >= 3 and all(token.isalpha() for token in tokens)


@pytest.fixture(scope="module")
def factbase() -> FactBase:
    """The tiny scenario site's fact base: an original with subheads and a caption, and its copy."""
    return load_factbase(DATA)


@pytest.fixture(params=["tiny-news", "tiny-copy"])
def source(request: pytest.FixtureRequest, factbase: FactBase) -> Source:
    return factbase.source(request.param)


@pytest.fixture
def original(factbase: FactBase) -> Source:
    return factbase.source("tiny-news")


@pytest.fixture
def real_original(real: FactBase) -> Source:
    """The real original, for the make target, which re-checks against data/ as an editor does."""
    return next(s for s in real.sources if s.role == "original")


# The stored copies, as they are.


def test_a_stored_copy_against_itself_is_all_still_there(
    factbase: FactBase, source: Source, capsys: pytest.CaptureFixture[str]
) -> None:
    result = rerun(factbase, source, source.text)
    direct = sum(1 for _, c in citations(factbase) if c.source_id == source.id)
    in_copy = sum(1 for _, c in citations(factbase) for loc in c.also_in if loc.source_id == source.id)
    words = sum(1 for q in factbase.quotations if q.citations[0].source_id == source.id)
    assert len(result.checks) == direct + in_copy + words > 0
    assert {check.verdict for check in result.checks} == {"still there"}
    assert all(step.step == "unchanged" and step.old == step.new for step in result.alignment)
    assert result.layout_problems == ()
    assert result.verifies

    code, out, err = cli(capsys, source.id, str(DATA / source.text_path))
    assert (code, err) == (0, "")
    assert f"the same {len(source.article.paragraphs)} paragraphs, word for word" in out
    assert f"{len(result.checks)} cite this source; {len(result.checks)} still there." in out
    assert out.rstrip().endswith("Every quote would still verify as written.")


def test_the_report_names_each_quote_by_its_owner_and_file_line(
    factbase: FactBase, original: Source, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = cli(capsys, original.id, str(DATA / original.text_path))
    for owner, citation in citations(factbase):
        if citation.source_id == original.id:
            assert f"{citation.location.label}: {owner} ({citation.origin})" in out


# Edited copies.


def test_a_paragraph_inserted_before_a_quoted_one_moves_the_quotes_after_it(
    factbase: FactBase, original: Source, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = quoted_paragraphs(factbase, original)[0]
    edited = insert_before(original.text, target, ADDED)
    result = rerun(factbase, original, edited)

    new = [step for step in result.alignment if step.step == "new"]
    assert [(step.new, step.new_text) for step in new] == [(range(target.number, target.number + 1), ADDED)]
    assert not [step for step in result.alignment if step.step in ("changed", "removed")]
    for check in result.checks:
        stored = check.cited.location.paragraph
        if 0 < stored < target.number or stored == 0:  # before it, or the credit line
            assert check.verdict == "still there", check
        else:
            assert (check.verdict, check.now_in) == ("moved", stored + 1), check
    assert any(check.verdict == "moved" for check in result.checks)
    assert not result.verifies

    code, out, _ = cli(capsys, original.id, str(write(tmp_path, edited)))
    assert code == 1
    assert f"new paragraph {target.number}: 'This paragraph was added by the test" in out
    last = len(original.article.paragraphs)
    assert f"paragraphs {target.number}–{last} → {target.number + 1}–{last + 1} unchanged" in out
    assert f"moved, paragraph {target.number} → {target.number + 1}: cite paragraph {target.number + 1} instead" in out
    assert "would no longer verify as written" in out


def test_a_word_changed_inside_a_quote_is_changed_with_the_word_in_the_diff(
    factbase: FactBase, original: Source, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    owner, citation = next((o, c) for o, c in citations(factbase) if c.source_id == original.id and plain(c))
    changed, word = with_a_word_replaced(citation.quote)
    edited = original.text.replace(citation.quote, changed)
    result = rerun(factbase, original, edited)

    check = next(check for check in result.checks if check.cited.origin == citation.origin)
    assert check.verdict == "changed"
    assert check.closest is not None
    assert (check.closest.paragraph, check.closest.text) == (citation.paragraph, changed)
    size = len(citation.quote.split())
    assert (check.closest.kept, check.closest.of) == (size - 1, size)
    diff = citation.quote.replace(word, f"[-{word}-]{{+Xyzzy+}}", 1)
    assert check.diff == diff
    changed = [step for step in result.alignment if step.step == "changed"]
    assert citation.paragraph in {number for step in changed for number in step.old}

    code, out, _ = cli(capsys, original.id, str(write(tmp_path, edited)))
    assert code == 1
    assert f"changed: {owner} ({citation.origin}), {citation.location.label}: {citation.quote!r}" in out
    assert f"diff: {diff}" in out
    assert f"[-{word}-]{{+Xyzzy+}}" in out.split("Quotes:")[0], "the paragraph's own diff shows the word too"


def test_a_quote_now_followed_by_a_turn_no_longer_verifies(factbase: FactBase, original: Source) -> None:
    citation = next(c for _, c in citations(factbase) if c.source_id == original.id and plain(c))
    edited = original.text.replace(citation.quote, f"{citation.quote} but not")
    check = next(c for c in rerun(factbase, original, edited).checks if c.cited.origin == citation.origin)
    assert (check.verdict, check.turn) == ("changed", "but")
    assert check.diff.endswith("{+but+}")


def test_a_quoted_paragraph_deleted_is_a_removed_paragraph_and_its_quotes_gone(
    factbase: FactBase, original: Source, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = quoted_paragraphs(factbase, original)[-1]
    edited = delete(original.text, target)
    result = rerun(factbase, original, edited)

    removed = [step for step in result.alignment if step.step == "removed"]
    assert [(step.old, step.old_text) for step in removed] == [(range(target.number, target.number + 1), target.text)]
    elsewhere = [p for p in original.article.paragraphs if p.number != target.number]
    in_target = [check for check in result.checks if check.cited.location.paragraph == target.number]
    assert in_target
    for check in in_target:
        verbatim_elsewhere = any(whole_words_in(p.text, check.cited.words) for p in elsewhere)
        assert check.verdict == ("moved" if verbatim_elsewhere else "gone"), check
    assert any(check.verdict == "gone" for check in in_target)

    code, out, _ = cli(capsys, original.id, str(write(tmp_path, edited)))
    assert code == 1
    line = next(line for line in out.splitlines() if line.startswith(f"  removed paragraph {target.number}: "))
    assert " ".join(target.text.split()[:3]) in line
    assert f"stored paragraph {target.number} was removed" in out


def test_two_paragraphs_swapped_are_moved_not_removed_and_new(
    factbase: FactBase, original: Source, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = quoted_paragraphs(factbase, original)[:2]
    edited = insert_before(delete(original.text, second), first, second.text)
    result = rerun(factbase, original, edited)

    assert not [step for step in result.alignment if step.step in ("new", "removed", "changed")], result.alignment
    (moved,) = [step for step in result.alignment if step.old == range(second.number, second.number + 1)]
    assert (moved.step, moved.new) == ("unchanged", range(first.number, first.number + 1))

    _, out, _ = cli(capsys, original.id, str(write(tmp_path, edited)))
    assert f"paragraph {second.number} → {first.number} unchanged" in out
    assert "new paragraph" not in out and "removed paragraph" not in out


def test_a_paragraph_moved_and_edited_is_changed_where_it_now_stands(factbase: FactBase, original: Source) -> None:
    first, second = quoted_paragraphs(factbase, original)[:2]
    reworded = second.text.replace(" the ", " a ", 1) if " the " in second.text else second.text + " Indeed."
    edited = insert_before(delete(original.text, second), first, reworded)
    result = rerun(factbase, original, edited)
    (moved,) = [step for step in result.alignment if step.old == range(second.number, second.number + 1)]
    assert (moved.step, moved.new) == ("changed", range(first.number, first.number + 1))
    assert not [step for step in result.alignment if step.step in ("new", "removed")], result.alignment


def test_in_a_syndicated_copy_a_move_needs_no_edit_but_a_change_fails(
    factbase: FactBase, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = factbase.source("tiny-copy")
    target = quoted_paragraphs(factbase, copy)[0]
    moved = insert_before(copy.text, target, ADDED)
    result = rerun(factbase, copy, moved)
    assert {c.cited.how for c in result.checks} == {"also in"}
    assert any(c.verdict == "moved" for c in result.checks)
    assert result.verifies, "the loader finds a copy's words wherever they stand"
    code, out, _ = cli(capsys, copy.id, str(write(tmp_path, moved, "moved.txt")))
    assert code == 0
    assert "moved in this copy" in out and "nothing to change" in out

    citation = next(
        c for _, c in citations(factbase) if plain(c) and any(loc.source_id == copy.id for loc in c.also_in)
    )
    changed = copy.text.replace(citation.quote, with_a_word_replaced(citation.quote)[0])
    check = next(c for c in rerun(factbase, copy, changed).checks if c.cited.origin == citation.origin)
    assert (check.verdict, check.fails) == ("changed", True)
    code, out, _ = cli(capsys, copy.id, str(write(tmp_path, changed, "changed.txt")))
    assert code == 1
    assert "would no longer stand in this copy" in out


def test_a_renamed_subhead_is_a_layout_problem(
    original: Source, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    subheads = original.layout.subheads
    edited = original.text.replace(f"\n{subheads[0]}\n", f"\n{subheads[0]} renamed\n")
    code, out, _ = cli(capsys, original.id, str(write(tmp_path, edited)))
    assert code == 1
    assert f"subhead {subheads[0]!r} is not a paragraph of the body" in out
    assert "new paragraph " in out and f"{subheads[0]} renamed" in out


def test_word_diff_marks_removed_and_added_words_and_punctuation() -> None:
    assert word_diff("formally adopted Sunday", "formally approved Sunday,") == (
        "formally [-adopted-]{+approved+} Sunday{+,+}"
    )
    assert word_diff("people’s rights", "people's rights") == "[-people’s-]{+people's+} rights"
    assert word_diff("a b", "a  b") == "(the same words; only the spacing differs)"
    # A change at the very start stays apart from the word after it.
    assert word_diff("far more than", "more than") == "[-far-] more than"
    assert word_diff("more than", "far more than") == "{+far+} more than"
    long_old = " ".join(f"w{i}" for i in range(40))
    long_new = long_old.replace("w20", "changed")
    assert word_diff(long_old, long_new, context=3) == "… w17 w18 w19 [-w20-]{+changed+} w21 w22 w23 …"


# What the re-check refuses, with a message and exit status 2, never a traceback.


def test_an_unknown_source_names_the_known_ones(factbase: FactBase, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "no-such-source", str(DATA / factbase.sources[0].text_path))
    assert (code, out) == (2, "")
    assert err.startswith("data/sources.yaml: no source 'no-such-source'; the sources are: ")
    for known in factbase.sources:
        assert known.id in err


HOSTILE: dict[str, bytes | None] = {
    "missing": None,
    "empty": b"",
    "blank lines": b"\n \n\t\n",
    "binary": bytes(range(256)) * 4,
    "a NUL byte": b"Some words\x00 more words\n",
    "a byte order mark": "\ufeffSome words\n".encode(),
    "no dateline": b"Just some words.\n\nAnd more words.\n",
}
EXPECTED = {
    "missing": ": no such file",
    "empty": ": is empty",
    "blank lines": ": is empty",
    "binary": ":2: is not valid UTF-8 (byte 0x80)",  # bytes 0 to 127 hold one line break
    "a NUL byte": ":1: holds U+0000",
    "a byte order mark": ":1: begins with a byte order mark",
    "no dateline": ": the body cannot be found: dateline ",
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_bad_capture_is_refused_with_its_reason(
    case: str, original: Source, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "capture.txt"
    content = HOSTILE[case]
    if content is not None:
        path.write_bytes(content)
    code, out, err = cli(capsys, original.id, str(path))
    assert (code, out) == (2, "")
    assert err.startswith(f"{path}{EXPECTED[case]}"), err
    assert err.count("\n") == 1


# Each a stored text the build refuses (a line break str.splitlines knows but the loader does not,
# a control character, a layout that no longer fits, a quote cut before a turn): a new capture
# like it must never verify, so the re-check and the build can never disagree about it.
REFUSED: dict[str, Callable[[str], str]] = {
    "U+2028 ending a line": lambda text: text.replace(
        "Council approves a bridge\n", "Council approves a bridge\u2028\n", 1
    ),
    "NEL ending a line": lambda text: text.replace("Council approves a bridge\n", "Council approves a bridge\x85\n", 1),
    "U+001C ending a line": lambda text: text.replace(
        "Council approves a bridge\n", "Council approves a bridge\x1c\n", 1
    ),
    "U+2028 in a paragraph": lambda text: text.replace("the state and the city", "the state\u2028and the city", 1),
    "a byte order mark": lambda text: "\ufeff" + text,
    "a subhead renamed": lambda text: text.replace("\nMoney\n", "\nCosts\n", 1),
    "a caption gone": lambda text: text.replace("A photo of the river at dawn. Photo by Someone.\n\n", "", 1),
    "the timestamp changed": lambda text: text.replace("9:00 AM", "9:30 AM", 1).replace("9:05 AM", "9:35 AM", 1),
}
# A quote is held to the quote rule where it is cited; a copy need only hold the same words.
CUT = "better spent on roads"
REFUSED_IN_THE_ORIGINAL = {"a quote now cut before a turn": lambda text: text.replace(CUT, f"{CUT} but not", 1)}
CASES = [
    *((source_id, case) for source_id in ("tiny-news", "tiny-copy") for case in sorted(REFUSED)),
    *(("tiny-news", case) for case in sorted(REFUSED_IN_THE_ORIGINAL)),
]


@pytest.mark.parametrize(("source_id", "case"), CASES)
def test_a_capture_the_build_would_refuse_never_verifies(
    source_id: str, case: str, factbase: FactBase, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = factbase.source(source_id)
    edited = (REFUSED | REFUSED_IN_THE_ORIGINAL)[case](source.text)
    assert edited != source.text, "the edit must apply to this copy"
    data = shutil.copytree(DATA, tmp_path / "data")
    (data / source.text_path).write_text(edited, encoding="utf-8")
    with pytest.raises(DataError):
        load_factbase(data)

    code, out, _ = cli(capsys, source.id, str(write(tmp_path, edited)))
    assert code != 0, out
    assert "Every quote would still verify as written." not in out


def test_a_capture_too_large_or_not_a_file_is_refused_unread(
    original: Source, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as sparse:
        sparse.truncate(MAX_TEXT_BYTES + 1)
    code, _, err = cli(capsys, original.id, str(huge))
    assert code == 2 and f"is {MAX_TEXT_BYTES + 1:,} bytes; a stored text may be at most" in err
    code, _, err = cli(capsys, original.id, str(tmp_path))
    assert code == 2 and err.startswith(f"{tmp_path}: is not a file")


def test_the_capture_of_another_copy_is_not_taken_for_this_one(
    factbase: FactBase, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = factbase.sources[:2]
    assert first.dateline != second.dateline
    code, out, err = cli(capsys, first.id, str(DATA / second.text_path))
    assert (code, out) == (2, "")
    assert f"the body cannot be found: dateline {first.dateline!r}" in err
    assert f"is it a capture of {first.id}, whose layout is given at {first.origin}?" in err


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "the following arguments are required: SOURCE_ID, NEW_TEXT_FILE" in capsys.readouterr().err


# The command and the make target, as an editor runs them.


def test_the_command_runs_as_a_module_without_a_traceback(original: Source, tmp_path: Path) -> None:
    edited = write(tmp_path, insert_before(original.text, original.article.paragraphs[-1], ADDED))
    for capture, status in ((DATA / original.text_path, 0), (edited, 1), (tmp_path / "missing.txt", 2)):
        result = subprocess.run(
            [sys.executable, "-m", "factbase.recheck", original.id, str(capture), "--data", str(DATA)],
            cwd=PROJECT,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == status, result.stderr
        assert "Traceback" not in result.stderr


def test_make_recheck_needs_both_variables(real_original: Source) -> None:
    original = real_original

    def make(*variables: str) -> subprocess.CompletedProcess[str]:
        # -o: never (re)build the virtual environment from a test
        command = ["make", "--no-print-directory", "-o", ".venv/.installed", "recheck", *variables]
        return subprocess.run(command, cwd=PROJECT, capture_output=True, text=True, timeout=60)

    for variables in ((), (f"SOURCE={original.id}",), (f"TEXT=data/{original.text_path}",)):
        result = make(*variables)
        assert result.returncode != 0
        assert "usage: make recheck SOURCE=" in result.stderr
    result = make(f"SOURCE={original.id}", f"TEXT=data/{original.text_path}")
    assert result.returncode == 0, result.stderr
    assert "Every quote would still verify as written." in result.stdout


# What a hostile file name or id may hold: make's own expansion, a shell's (backticks, $), quotes
# of both kinds, spaces, a semicolon, and a leading dash that a command would read as an option.
HOSTILE_NAME = "-cap $5 $$ $(shell touch {flag}) `touch {flag}-shell` \"q\" 'q' ;x"


def test_make_recheck_passes_source_and_text_exactly_as_written(real_original: Source, tmp_path: Path) -> None:
    original = real_original
    flag = f"pwned-{tmp_path.name}"  # make and the shell would run in the project folder
    name = HOSTILE_NAME.format(flag=flag)
    capture = tmp_path / f"{name}.txt"
    capture.write_text(original.text, encoding="utf-8")
    command = ["make", "--no-print-directory", "-o", ".venv/.installed", "recheck"]

    def run(*variables: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*command, *variables], cwd=PROJECT, capture_output=True, text=True, timeout=60)

    try:
        text_given = run(f"SOURCE={original.id}", f"TEXT={capture}")
        source_given = run(f"SOURCE={name}", f"TEXT={capture}")
        side_effects = sorted(p.name for p in PROJECT.iterdir() if p.name.startswith(flag))
    finally:
        for leftover in PROJECT.glob(f"{flag}*"):
            leftover.unlink()
    assert not side_effects, "make or the shell ran part of a value"
    assert text_given.returncode == 0, text_given.stderr
    assert f"\n{original.id}: the stored text data/{original.text_path} against {capture}\n" in text_given.stdout
    assert "Every quote would still verify as written." in text_given.stdout
    assert source_given.returncode == 2
    assert f"no source {name!r}; the sources are:" in source_given.stderr
