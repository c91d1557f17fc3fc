"""The project's tooling: pinned workflows, pre-commit, and a build that ProperDocs makes the same."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from factbase import load_factbase

from .conftest import PROJECT, docs_pages, mkdocs_env, page_path, parse, scenario

WORKFLOWS = sorted((PROJECT / ".github" / "workflows").glob("*.yml"))
PINNED = re.compile(r"^\s*(?:-\s*)?uses:\s*([\w.-]+/[\w.-]+)@([0-9a-f]{40})\s+#\s*v\d+(?:\.\d+)*\s*$")


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_workflows_parse_and_pin_every_action_by_commit_with_its_version(workflow: Path) -> None:
    text = workflow.read_text(encoding="utf-8")
    document = yaml.safe_load(text)
    assert document["jobs"], "a workflow with no jobs"
    triggers = document.get("on", document.get(True))  # YAML 1.1 reads a bare `on` as true
    assert triggers
    uses = [line for line in text.splitlines() if re.match(r"^\s*(?:-\s*)?uses:", line)]
    assert uses
    for line in uses:
        assert PINNED.match(line), f"not pinned by full SHA with a version comment: {line.strip()}"


def test_the_deploy_workflow_tests_builds_and_publishes_on_push_to_main() -> None:
    text = (PROJECT / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8")
    document = yaml.safe_load(text)
    assert document[True]["push"]["branches"] == ["main"]
    steps = [step for job in document["jobs"].values() for step in job["steps"]]
    runs = " ".join(step.get("run", "") for step in steps)
    assert "bash .ci/run" in runs and "make build" in runs
    actions = [step["uses"].split("@")[0] for step in steps if "uses" in step]
    assert actions[-2:] == ["actions/upload-pages-artifact", "actions/deploy-pages"]


def test_make_build_makes_the_offline_edition_first_and_offers_it() -> None:
    """The deploy runs make build: it must build the zip and hand it to the site's build."""
    planned = subprocess.run(
        ["make", "-n", "-o", ".venv/.installed", "build"], cwd=PROJECT, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    offline = next(i for i, line in enumerate(planned) if "scripts/build_offline.py" in line)
    site = next(i for i, line in enumerate(planned) if "scripts/build_site.py" in line)
    assert offline < site
    assert "--offline-zip dist/offline-edition.zip" in planned[site]


def test_make_hands_on_site_url_as_written(tmp_path: Path) -> None:
    """SITE_URL reaches the commands make runs exactly as given, from its command line or from the
    environment: make never expands $(...) in it, and no shell reads it."""
    fake = tmp_path / "bin" / "python"  # stands in for the virtual environment's python: prints SITE_URL
    fake.parent.mkdir()
    fake.write_text('#!/bin/sh\nprintf "%s\\n" "$SITE_URL"\n', encoding="utf-8")
    fake.chmod(0o755)
    flag = f"pwned-{tmp_path.name}"
    url = f"https://example.org/$5/$(shell touch {flag})/`touch {flag}-shell`/'q'\"q\";x"
    command = ["make", "--no-print-directory", "-o", ".venv/.installed", "check", f"BIN={fake.parent}"]
    try:
        given = subprocess.run([*command, f"SITE_URL={url}"], cwd=PROJECT, capture_output=True, text=True, check=True)
        inherited = subprocess.run(
            command, cwd=PROJECT, env={**mkdocs_env(), "SITE_URL": url}, capture_output=True, text=True, check=True
        )
        side_effects = sorted(p.name for p in PROJECT.iterdir() if p.name.startswith(flag))
    finally:
        for leftover in PROJECT.glob(f"{flag}*"):
            leftover.unlink()
    assert not side_effects, "make or the shell ran part of SITE_URL"
    assert given.stdout.splitlines()[-1] == url
    assert inherited.stdout.splitlines()[-1] == url


def test_the_link_workflow_is_scheduled_and_separate_from_the_deploy() -> None:
    document = yaml.safe_load((PROJECT / ".github" / "workflows" / "links.yml").read_text(encoding="utf-8"))
    assert document[True]["schedule"]
    runs = " ".join(step.get("run", "") for job in document["jobs"].values() for step in job["steps"])
    assert "lychee" in runs and "--offline" not in runs


def test_the_pre_commit_configuration_is_valid_and_pins_what_requirements_pin() -> None:
    config = PROJECT / ".pre-commit-config.yaml"
    result = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-config", str(config)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    hooks = [hook for repo in yaml.safe_load(config.read_text(encoding="utf-8"))["repos"] for hook in repo["hooks"]]
    assert {hook["id"] for hook in hooks} >= {"ruff", "ruff-format", "check-yaml", "data-check"}
    requirements = (PROJECT / "requirements.txt").read_text(encoding="utf-8")
    for hook in hooks:
        for dependency in hook.get("additional_dependencies", []):
            assert "==" in dependency
            if not dependency.startswith("pre-commit-hooks"):
                assert dependency in requirements, f"{dependency} differs from requirements.txt"


def test_properdocs_builds_the_same_pages_with_the_same_text(tiny_site: Path, tmp_path: Path) -> None:
    project = scenario("tiny", tmp_path / "project")
    site = tmp_path / "properdocs-site"
    result = subprocess.run(
        [str(Path(sys.executable).parent / "properdocs"), "build", "--strict", "-f", "mkdocs.yml", "-d", str(site)],
        cwd=project,
        env=mkdocs_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr

    def pages(root: Path) -> list[str]:
        return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.html") if "assets" not in p.parts)

    assert pages(site) == pages(tiny_site)
    for docs_path in docs_pages(project, load_factbase(project / "data")):
        ours = parse(page_path(tiny_site, docs_path)).select_one("article")
        theirs = parse(page_path(site, docs_path)).select_one("article")
        assert ours is not None and theirs is not None
        assert theirs.get_text(" ", strip=True) == ours.get_text(" ", strip=True), docs_path


def test_a_test_that_skips_fails(tmp_path: Path) -> None:
    """No test may skip in CI: the suite's own hook turns a skip into a failure naming the reason."""
    probe = tmp_path / "test_probe.py"
    probe.write_text("import pytest\n\n\ndef test_probe():\n    pytest.skip('no such entry in data/')\n")
    command = [sys.executable, "-m", "pytest", "-p", "tests.conftest", "-p", "no:xdist", "-p", "no:cacheprovider"]
    result = subprocess.run([*command, "-q", str(probe)], cwd=PROJECT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stdout
    assert "test_probe: Skipped: no such entry in data/; no test may skip" in result.stdout
