"""Scale: rendering ahead in a second process changes nothing, and the benchmark runs."""

from __future__ import annotations

import filecmp
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.corpus import generate
from factbase import FactBase, FactIndex, load_factbase
from factsite.prerender import Prerenderer, PrerenderError

from .conftest import PROJECT, inheriting, mkdocs_env, run_mkdocs, scenario


def test_pages_rendered_in_a_second_process_are_byte_identical(tiny_site: Path, tmp_path: Path) -> None:
    project = scenario("tiny", tmp_path / "project")
    ahead = inheriting(project, "ahead.yml", prerender_from=0)
    site = tmp_path / "site"
    result = run_mkdocs(project, "build", "--strict", "-f", ahead, "--site-dir", str(site))
    assert result.returncode == 0, result.stderr
    assert "rendering 13 generated pages ahead, in a second process" in result.stderr
    names = sorted(p.relative_to(tiny_site).as_posix() for p in tiny_site.rglob("*") if p.is_file())
    assert names == sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    _, mismatch, errors = filecmp.cmpfiles(tiny_site, site, names, shallow=False)
    assert not mismatch and not errors, mismatch + errors


def test_the_prerenderer_returns_each_result_and_what_comes_afterwards() -> None:
    prerenderer = Prerenderer(["a", "b", "c"], lambda job: job.upper() * 2, lambda: {"done": "yes"})
    assert prerenderer.result("b") == "BB"
    assert prerenderer.result("a") == "AA"
    assert prerenderer.result("c") == "CC"
    assert prerenderer.afterwards() == {"done": "yes"}


def test_an_expected_error_in_the_child_arrives_as_its_message() -> None:
    def render(job: str) -> str:
        if job == "bad":
            raise ValueError("bad.md: there is no page missing.md to link to")
        return job

    prerenderer = Prerenderer(["good", "bad"], render, dict, expected=ValueError)
    assert prerenderer.result("good") == "good"
    with pytest.raises(PrerenderError, match=r"^bad.md: there is no page missing.md to link to$"):
        prerenderer.result("bad")


def test_an_unexpected_error_in_the_child_arrives_with_its_traceback() -> None:
    prerenderer = Prerenderer(["x"], lambda _job: str(1 / 0), dict)
    with pytest.raises(PrerenderError, match="ZeroDivisionError"):
        prerenderer.result("x")


@pytest.mark.content
def test_a_synthetic_corpus_is_shaped_like_the_real_one_and_valid(tmp_path: Path, real: FactBase) -> None:
    counts = generate(tmp_path / "x3", 3)
    corpus = load_factbase(tmp_path / "x3" / "data")
    assert counts["sources"] == len(corpus.sources) == 3 * len(real.sources)
    assert len(corpus.facts) == 3 * len(real.facts)
    assert len(corpus.entities) == 3 * len(real.entities)
    assert not FactIndex(corpus).uncited_paragraphs()
    # Each copy's facts mention that copy's people only.
    guo = next(e for e in corpus.entities if e.id == "guo-bing-r2")
    mentioning = FactIndex(corpus).facts_mentioning(guo.id)
    assert {f.id for f in mentioning} == {f"{f.id}-r2" for f in FactIndex(real).facts_mentioning("guo-bing")}


@pytest.mark.content
@pytest.mark.slow
def test_the_scale_benchmark_runs_and_prints_its_table(real: FactBase) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.scale", "--scales", "1,2", "--runs", "1"],
        cwd=PROJECT,
        env=mkdocs_env(),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    sources, facts = len(real.sources), len(real.facts)
    assert any(line.split()[:3] == ["1×", str(sources), str(facts)] for line in lines), result.stdout
    assert any(line.split()[:3] == ["2×", str(2 * sources), str(2 * facts)] for line in lines), result.stdout
    assert "fitted exponent" in result.stdout
    # Then what search costs at each scale, measured in Chromium: a row per scale naming its costliest query.
    assert "search, measured in Chromium:" in result.stdout, result.stdout
    searched = result.stdout.split("search, measured in Chromium:", 1)[1].splitlines()
    for scale in ("1×", "2×"):
        assert any(row.split()[:1] == [scale] and row.rstrip().endswith("'") for row in searched), result.stdout
