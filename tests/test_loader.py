"""The loader on tiny fixture folders: typed objects when sound, exact messages when not."""

from __future__ import annotations

import datetime
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import factbase
from factbase import DataError, FactIndex, load_factbase
from factbase.article import Layout, number_paragraphs

from .conftest import FIXTURES, PROJECT

VALID = FIXTURES / "valid" / "data"
ERROR_CASES = sorted(p.name for p in FIXTURES.iterdir() if (p / "expected.txt").is_file())


def fixture_data(case: str, destination: Path) -> Path:
    """The valid fixture with one case's files laid over it, and its prepare.py run on the copy.

    prepare.py makes what git cannot hold or should not: named pipes, links out of data/, files
    of many megabytes.
    """
    data = destination / "data"
    shutil.copytree(VALID, data, symlinks=True)
    if (FIXTURES / case / "data").is_dir():
        shutil.copytree(FIXTURES / case / "data", data, dirs_exist_ok=True, symlinks=True)
    script = FIXTURES / case / "prepare.py"
    if script.is_file():
        namespace: dict[str, object] = {}
        exec(compile(script.read_text(encoding="utf-8"), str(script), "exec"), namespace)  # noqa: S102 - the fixture's own script
        namespace["prepare"](data)  # type: ignore[operator]
    return data


def test_valid_fixture_loads_to_typed_objects() -> None:
    base = load_factbase(VALID)
    (source,) = base.sources
    assert source.id == "tiny-news"
    assert source.published == datetime.date(2024, 5, 6)
    assert source.timestamp_as_shown == "Mon 6 May, 9:00 AM"
    assert source.url == "https://tiny.example/bridge"
    assert [(p.number, p.text, p.section) for p in source.article.paragraphs] == [
        (1, "The council approved a new bridge on Monday.", None),
        (2, "“It will open next year,” the mayor said.", None),
        (3, "The bridge will cost $2 million.", "Money"),
        (
            4,
            "Work is due to begin in the spring, once the council has published the plans and heard "
            "objections from residents.",
            "Money",
        ),
    ]
    assert [fact.id for fact in FactIndex(base).facts_on("bridges")] == ["bridge-approved", "bridge-cost"]
    citation = base.fact("bridge-cost").citations[0]
    assert (citation.source_id, citation.paragraph) == ("tiny-news", 3)
    assert str(citation.origin) == "data/facts/bridges.yaml:15"


def test_corrections_load_newest_first_and_date_the_content(tmp_path: Path) -> None:
    data = shutil.copytree(VALID, tmp_path / "data")
    (data / "corrections.yaml").write_text(
        "- id: older\n  date: 2024-05-08\n  facts: [bridge-cost]\n"
        "  change: The statement gave the cost as settled; it now gives it as expected.\n"
        "  reason: The report gives the cost in the future tense; it “will cost $2 million”.\n"
        "- id: newer\n  date: 2024-06-01\n  facts: [bridge-approved, bridge-cost]\n"
        "  change: Both statements now say who reported them.\n"
        "  reason: The site should attribute each claim as the report does.\n",
        encoding="utf-8",
    )
    base = load_factbase(data)
    assert [c.id for c in base.corrections] == ["newer", "older"]
    newer = base.corrections[0]
    assert newer.date == datetime.date(2024, 6, 1)
    assert newer.facts == ("bridge-approved", "bridge-cost")
    assert str(newer.origin) == "data/corrections.yaml:6"
    assert base.updated == datetime.date(2024, 6, 1), "the newest date in the data dates the pages"
    assert [c.id for c in FactIndex(base).corrections_of("bridge-cost")] == ["newer", "older"]


def test_without_corrections_the_newest_fact_dates_the_content() -> None:
    base = load_factbase(VALID)
    assert base.corrections == ()
    assert base.updated == max(fact.added for fact in base.facts) == datetime.date(2024, 5, 7)


def test_objects_are_immutable() -> None:
    base = load_factbase(VALID)
    with pytest.raises(AttributeError):
        base.facts[0].statement = "Something else."  # type: ignore[misc]


@pytest.mark.parametrize("case", ERROR_CASES)
def test_bad_data_is_reported_with_file_and_line(case: str, tmp_path: Path) -> None:
    expected = (FIXTURES / case / "expected.txt").read_text(encoding="utf-8").splitlines()
    with pytest.raises(DataError) as raised:
        load_factbase(fixture_data(case, tmp_path))
    assert [str(problem) for problem in raised.value.problems] == expected


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    with pytest.raises(DataError) as raised:
        load_factbase(fixture_data("wrong-types", tmp_path))
    message = str(raised.value)
    assert message.splitlines()[0] == "data/ has 3 problems:"
    assert len(message.splitlines()) == 4


def test_yaml_tags_that_build_python_objects_are_refused(tmp_path: Path) -> None:
    data = fixture_data("valid", tmp_path)
    (data / "topics.yaml").write_text("- !!python/object/apply:os.system ['true']\n", encoding="utf-8")
    with pytest.raises(DataError) as raised:
        load_factbase(data)
    assert str(raised.value.problems[0]).startswith("data/topics.yaml:1: YAML syntax error:")


def test_body_excludes_dateline_subheads_furniture_and_everything_outside() -> None:
    text = "Headline\n\nTOWN (AP) — First.\n\nSub\n\nCaption here.\n\nSecond.\n\nBy A.\n\nAd\n"
    article, problems = number_paragraphs(
        text, Layout("TOWN (AP) —", "By A.", subheads=("Sub",), furniture=("Caption",))
    )
    assert problems == []
    assert [(p.number, p.text, p.section, p.line) for p in article.paragraphs] == [
        (1, "First.", None, 3),
        (2, "Second.", "Sub", 9),
    ]


def test_a_dateline_on_its_own_line_is_not_a_paragraph() -> None:
    article, _ = number_paragraphs("PLACE —\n\nFirst.\n\nEnd.\n", Layout("PLACE —", "End."))
    assert [p.text for p in article.paragraphs] == ["First."]


def test_real_data_loads(real: factbase.FactBase) -> None:
    assert {source.id for source in real.sources} == {
        "cnn-business-2019-12-02",
        "ksl-newsradio-2019-12-02",
    }
    assert {topic.id for topic in real.topics} >= {
        "privacy-concerns",
        "government-control",
        "regulation",
    }


def test_both_copies_have_the_same_nineteen_paragraph_body(real: factbase.FactBase) -> None:
    cnn = real.source("cnn-business-2019-12-02").article.paragraphs
    ksl = real.source("ksl-newsradio-2019-12-02").article.paragraphs
    assert len(cnn) == 19
    assert [p.text for p in cnn] == [p.text for p in ksl]
    assert [p.section for p in cnn] == [p.section for p in ksl]


def test_cnn_url_is_recorded_as_unknown_not_guessed(real: factbase.FactBase) -> None:
    cnn = real.source("cnn-business-2019-12-02")
    assert cnn.url is None and cnn.url_note
    ksl = real.source("ksl-newsradio-2019-12-02")
    assert ksl.url == (
        "https://kslnewsradio.com/1915555/china-is-rolling-out-facial-recognition-for-all-new-mobile-phone-numbers/"
    )


def test_citations_find_the_same_words_in_the_syndicated_copy(real: factbase.FactBase) -> None:
    for fact in real.facts:
        for citation in fact.citations:
            if citation.source_id == "cnn-business-2019-12-02":
                assert [(loc.source_id, loc.paragraph) for loc in citation.also_in] == [
                    ("ksl-newsradio-2019-12-02", citation.paragraph)
                ], fact.id


def run_check(data_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "factbase.check", str(data_dir)],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.content
def test_check_command_passes_real_data() -> None:
    result = run_check(PROJECT / "data")
    assert result.returncode == 0, result.stderr
    assert "every quote verified" in result.stdout


@pytest.mark.parametrize("case", ERROR_CASES)
def test_check_command_ends_on_every_bad_input_with_its_messages_and_no_traceback(case: str, tmp_path: Path) -> None:
    # run_check's timeout guards against a hang (a named pipe read would block for ever); how
    # fast the check is, benchmarks/hostile.py measures.
    result = run_check(fixture_data(case, tmp_path))
    assert result.returncode == 1, result.stdout
    expected = (FIXTURES / case / "expected.txt").read_text(encoding="utf-8")
    assert result.stderr.splitlines()[1:] == expected.splitlines()
    assert "Traceback" not in result.stderr
