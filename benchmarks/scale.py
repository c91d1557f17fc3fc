"""How the build scales with the fact base, against the plain-Material floor.

    make bench                                        # 1×, 10×, 100×, 1,000×, 3 runs each
    .venv/bin/python -m benchmarks.scale --scales 1,10 --runs 1
    .venv/bin/python -m benchmarks.scale --profile 100   # where a 100× build spends its time

For each scale it generates a corpus of that many copies of the real report (benchmarks/
corpus.py), builds it, and builds its floor: the same site's Markdown, captured after the
plugin and the macros rendered it, built again as static pages by plain MkDocs + Material
with no plugin of ours, no macros and no data loading. It prints sources, facts, pages, the median build
seconds of each and their CPU seconds (the build's process and what it waited for), their ratio, the
full build's peak memory and output size, the time to load and validate the corpus, and the
project's own share of a full build: one more build in a fresh process, timing in process the
import of our plugin and of the macros plugin and every MkDocs event they handle, over the whole
build; then, for the sites it built, what search costs a reader (benchmarks/search.py). A
benchmark that prints figures, not a test.
"""

from __future__ import annotations

import argparse
import compileall
import cProfile
import importlib
import json
import logging
import math
import os
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from benchmarks.corpus import generate
from factbase import load_factbase

CAPTURE_HOOK = '''
"""Benchmark only: write each page's final Markdown, and the resolved navigation, for the floor."""
import os
from pathlib import Path

import yaml
from mkdocs.plugins import event_priority

OUT = Path(os.environ["FLOOR_CAPTURE"])


@event_priority(-100)
def on_config(config):
    (OUT / "nav.yml").write_text(yaml.safe_dump(config.nav, allow_unicode=True), encoding="utf-8")
    return config


@event_priority(-100)
def on_page_markdown(markdown, page, config, files):
    target = OUT / "docs" / page.file.src_uri
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(markdown, encoding="utf-8")
    return markdown
'''


@dataclass
class Run:
    seconds: float
    cpu_seconds: float
    peak_mib: float


def build(project: Path, site: Path, config: str = "mkdocs.yml", extra_env: dict[str, str] | None = None) -> Run:
    """One strict build in a child process: its wall time and its own peak memory."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    env.pop("SITE_URL", None)
    # No -q: in MkDocs 1.6 it also stops --strict from counting warnings.
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", config, "--site-dir", str(site)]
    started = time.perf_counter()
    with tempfile.TemporaryFile() as output:
        process = subprocess.Popen(command, cwd=project, env=env, stdout=output, stderr=output)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        output.seek(0)
        errors = output.read().decode(errors="replace")
    if process.returncode != 0:
        raise SystemExit(f"build failed in {project}:\n{errors}")
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def make_floor(project: Path, floor: Path) -> None:
    """Capture the rendered Markdown and nav of a build, and set up a plain project from them."""
    capture = floor / "capture"
    (capture / "docs").mkdir(parents=True)
    (project / "capture_hook.py").write_text(CAPTURE_HOOK, encoding="utf-8")
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))
    config["hooks"] = [*config.get("hooks", []), "capture_hook.py"]
    config["site_url"] = "http://127.0.0.1:8000/"
    (project / "capture.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    build(project, floor / "capture-site", "capture.yml", {"FLOOR_CAPTURE": str(capture)})

    docs = floor / "docs"
    shutil.copytree(capture / "docs", docs)
    shutil.copytree(project / "docs" / "stylesheets", docs / "stylesheets")
    shutil.copytree(project / "docs" / "javascripts", docs / "javascripts")
    # Without main.html: its "Cite this page" footer needs the hooks' theme helpers, and is
    # part of what the full build costs over the floor.
    shutil.copytree(project / "overrides", floor / "overrides", ignore=shutil.ignore_patterns("main.html"))
    plain = dict(config)
    plain["hooks"] = []
    plain["plugins"] = ["search"]
    plain.pop("watch", None)
    plain["nav"] = yaml.safe_load((capture / "nav.yml").read_text(encoding="utf-8"))
    (floor / "mkdocs.yml").write_text(yaml.safe_dump(plain, allow_unicode=True), encoding="utf-8")


def directory_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def median_runs(project: Path, site: Path, runs: int) -> Run:
    """The median seconds and CPU seconds of some builds, and the highest peak."""
    results = []
    for _ in range(runs):
        shutil.rmtree(site, ignore_errors=True)
        results.append(build(project, site))
    return Run(
        statistics.median(r.seconds for r in results),
        statistics.median(r.cpu_seconds for r in results),
        max(r.peak_mib for r in results),
    )


# What the project adds to a build: our plugin and the macros plugin (with the macros module it runs).
OWN_MODULES = ("mkdocs_factsite.", "mkdocs_macros.")


def own_share(project: Path, site: Path) -> dict[str, float]:
    """One build in a fresh process, timed in process: the whole of it, and the project's own part."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    env.pop("SITE_URL", None)
    code = f"from benchmarks.scale import timed_build; timed_build({str(site)!r})"
    done = subprocess.run([sys.executable, "-c", code], cwd=project, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"timed build failed in {project}:\n{done.stderr}")
    return dict(json.loads(done.stdout.splitlines()[-1]))


def timed_build(site: str) -> None:
    """Build the project in the working folder, printing (as JSON) the whole build's seconds and the
    project's own: importing its plugin and the macros plugin beyond what MkDocs itself imports,
    and every event they handle. Run by own_share in a fresh process, so that every first-time
    cost (imports, compiling templates, the macros plugin's git calls) is counted."""
    started = time.perf_counter()
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    imported = time.perf_counter()
    importlib.import_module("mkdocs_macros.plugin")
    importlib.import_module("mkdocs_factsite.plugin")
    own = time.perf_counter() - imported
    config = load_config("mkdocs.yml", site_dir=site)
    spent = [0.0]

    def timed(handler: Callable[..., object]) -> Callable[..., object]:
        def run(*args: object, **kwargs: object) -> object:
            began = time.perf_counter()
            try:
                return handler(*args, **kwargs)
            finally:
                spent[0] += time.perf_counter() - began

        return run

    for handlers in config.plugins.events.values():
        for number, handler in enumerate(handlers):
            if getattr(handler, "__module__", "").startswith(OWN_MODULES):
                handlers[number] = timed(handler)
    config.plugins.on_startup(command="build", dirty=False)
    mkdocs_build(config)
    config.plugins.on_shutdown()
    whole = time.perf_counter() - started
    print(json.dumps({"seconds": whole, "own": own + spent[0], "imports": own}))


def load_seconds(data: Path, runs: int = 3) -> float:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        load_factbase(data)
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


# The project's own Python, which an editable install leaves uncompiled until first imported.
OWN_CODE = ("factbase", "factsite", "mkdocs_factsite", "macros", "benchmarks")


def compile_code(project: Path) -> None:
    """Write the bytecode of our code, and of a generated project's macros, as pip writes that of the
    packages the floor uses: where PYTHONDONTWRITEBYTECODE is set, every build would otherwise
    compile our modules from source again (about 0.05 s of CPU a build), a cost no reader's build
    pays and the floor never does."""
    root = Path(__file__).resolve().parent.parent
    for folder in (*(root / name for name in OWN_CODE), project / "macros"):
        compileall.compile_dir(folder, quiet=1)


def measure(scale: int, runs: int, work: Path) -> dict[str, float]:
    project = work / f"x{scale}"
    counts = generate(project, scale)
    compile_code(project)
    site = work / f"x{scale}-site"
    full = median_runs(project, site, runs)
    pages = sum(1 for p in site.rglob("*.html") if "assets" not in p.parts)
    size = directory_bytes(site)
    shutil.rmtree(site)
    timed = own_share(project, site)
    floor_dir = work / f"x{scale}-floor"
    make_floor(project, floor_dir)
    floor = median_runs(floor_dir, work / f"x{scale}-floor-site", runs)
    return {
        "scale": scale,
        "sources": counts["sources"],
        "facts": counts["facts"],
        "pages": pages,
        "full": full.seconds,
        "full_cpu": full.cpu_seconds,
        "floor": floor.seconds,
        "floor_cpu": floor.cpu_seconds,
        "peak": full.peak_mib,
        "size": size,
        "load": load_seconds(project / "data"),
        "own": timed["own"] / timed["seconds"],
        "imports": timed["imports"],
    }


def exponent(rows: list[dict[str, float]], key: str) -> float:
    """The slope of log(build seconds) against log(facts): 1.0 is linear."""
    xs = [math.log(row["facts"]) for row in rows]
    ys = [math.log(row[key]) for row in rows]
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / sum((x - mean_x) ** 2 for x in xs)


def profile(scale: int, work: Path) -> None:
    """Profile one full build in-process and print where the time goes."""
    project = work / f"x{scale}"
    generate(project, scale)
    compile_code(project)
    os.chdir(project)
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(work / "profile-site"))
    config.plugins.on_startup(command="build", dirty=False)
    profiler = cProfile.Profile()
    profiler.enable()
    mkdocs_build(config)
    profiler.disable()
    stats = pstats.Stats(profiler)
    print("Whole build, by cumulative time:")
    stats.sort_stats("cumulative").print_stats(30)
    print("The project's own code and the macros plugin, by cumulative time:")
    stats.sort_stats("cumulative").print_stats(r"factbase|factsite|mkdocs_factsite|mkdocs_macros", 30)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", default="1,10,100,1000", help="comma-separated multiples of the real corpus")
    parser.add_argument("--runs", type=int, default=3, help="builds per measurement; the median is reported")
    parser.add_argument("--profile", type=int, metavar="SCALE", help="profile one build at this scale instead")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if args.profile:
            profile(args.profile, work)
            return 0
        real = load_seconds(Path(__file__).resolve().parent.parent / "data")
        print(f"real corpus: loaded and validated in {real:.3f} s")
        header = (
            f"{'scale':>6} {'sources':>8} {'facts':>7} {'pages':>6} {'build s':>8} {'floor s':>8} "
            f"{'ratio':>6} {'build CPU':>9} {'floor CPU':>9} {'CPU ratio':>9} {'peak MiB':>9} "
            f"{'output MiB':>11} {'load s':>7} {'own %':>6}"
        )
        print(header)
        print("-" * len(header))
        rows = []
        for scale in (int(s) for s in args.scales.split(",")):
            row = measure(scale, args.runs, work)
            rows.append(row)
            print(
                f"{row['scale']:>5}× {row['sources']:>8,} {row['facts']:>7,} {row['pages']:>6,} {row['full']:>8.2f} "
                f"{row['floor']:>8.2f} {row['full'] / row['floor']:>6.2f} {row['full_cpu']:>9.2f} "
                f"{row['floor_cpu']:>9.2f} {row['full_cpu'] / row['floor_cpu']:>9.2f} {row['peak']:>9.0f} "
                f"{row['size'] / 2**20:>11.1f} {row['load']:>7.3f} {100 * row['own']:>6.1f}",
                flush=True,
            )
        print(
            "\nown %: the share of a full build (timed in process) spent importing our plugin and the "
            "macros plugin and in the MkDocs events they handle"
        )
        if len(rows) > 1:
            full, floor = exponent(rows, "full"), exponent(rows, "floor")
            print(f"fitted exponent, build seconds against facts: full {full:.2f}, floor {floor:.2f}")
            print(f"fitted exponent, load seconds against facts: {exponent(rows, 'load'):.2f}")
        from benchmarks import search  # it builds on this module's helpers

        print("\nsearch, measured in Chromium:")
        search.report([(int(row["scale"]), work / f"x{int(row['scale'])}-site") for row in rows])
    return 0


if __name__ == "__main__":
    sys.exit(main())
