"""Edit to screen under `mkdocs serve`: how long from saving a data file to the served page
showing the change, at 1× and 100× the real corpus (benchmarks/corpus.py).

    make bench-serve                                   # 1× and 100×, ten good saves and ten bad ones each
    .venv/bin/python -m benchmarks.serve --scales 1 --saves 10

For each scale it generates the corpus, starts `mkdocs serve` on a free port of 127.0.0.1, and
ten times rewrites one fact's statement in its data file and asks for that fact's topic page
until it shows the new words (MkDocs holds a request while it rebuilds, so the answer comes
as soon as the rebuild is done). It prints the median, fastest and slowest save-to-page seconds,
and the median of MkDocs's own "Documentation built in" figure for the same rebuilds: the rest is
the watcher noticing the save and the request. With --bad, each good save is preceded by one that
misquotes, timed until the page shows the problems panel. A benchmark that prints figures, not a
test.
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import yaml

from benchmarks.corpus import generate

BUILT = re.compile(r"Documentation built in ([0-9.]+) seconds")
PANEL = 'id="factsite-problems"'  # mkdocs_factsite/templates/problems.html


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=600) as response:  # noqa: S310 - http://127.0.0.1 only
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError):
        return ""


class Served:
    """A running `mkdocs serve` of a project, and the build times it has printed."""

    def __init__(self, project: Path) -> None:
        self.port = free_port()
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        env.pop("SITE_URL", None)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{self.port}"],
            cwd=project,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.built: list[float] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            match = BUILT.search(line)
            if match:
                self.built.append(float(match.group(1)))

    def wait_for(self, path: str, text: str, seconds: float = 900) -> float:
        """Seconds until the page at path shows text."""
        started = time.perf_counter()
        while time.perf_counter() - started < seconds:
            if text in page(f"http://127.0.0.1:{self.port}/{path}"):
                return time.perf_counter() - started
            if self.process.poll() is not None:
                raise SystemExit(f"mkdocs serve stopped (exit {self.process.returncode})")
            time.sleep(0.01)
        raise SystemExit(f"{path} did not show {text!r} within {seconds:.0f} s")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=60)


def measure(scale: int, saves: int, work: Path, bad: bool) -> dict[str, float]:
    project = work / f"x{scale}"
    counts = generate(project, scale)
    facts_file = project / "data" / "facts" / "report-1.yaml"
    fact = yaml.safe_load(facts_file.read_text(encoding="utf-8"))[0]
    topic_page = f"topics/{fact['topics'][0].split('/')[0]}/"
    statement = fact["statement"].rstrip(".")
    quote = f"quote: {fact['citations'][0]['quote']}"  # its line, not the same words in the statement
    served = Served(project)
    try:
        served.wait_for(topic_page, "</html>")
        first_builds = len(served.built)
        timings, panels = [], []
        original = facts_file.read_text(encoding="utf-8")
        assert statement in original and quote in original, "the fact is not written on lines as it reads"
        for save in range(1, saves + 1):
            if bad:
                facts_file.write_text(original.replace(quote, f"{quote} misquoted", 1), encoding="utf-8")
                panels.append(served.wait_for(topic_page, PANEL))
            edited = f"{statement}, as saved {save} times over"
            facts_file.write_text(original.replace(statement, edited, 1), encoding="utf-8")
            timings.append(served.wait_for(topic_page, edited))
        rebuilds = served.built[first_builds:]
    finally:
        served.stop()
    return {
        "scale": scale,
        "facts": counts["facts"],
        "median": statistics.median(timings),
        "fastest": min(timings),
        "slowest": max(timings),
        "built": statistics.median(rebuilds) if rebuilds else float("nan"),
        "panel": statistics.median(panels) if panels else float("nan"),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", default="1,100", help="comma-separated multiples of the real corpus")
    parser.add_argument("--saves", type=int, default=10, help="saves per scale; the median is reported")
    parser.add_argument("--bad", action="store_true", help="also time a bad save until the page shows its problems")
    arguments = parser.parse_args()
    print(
        f"{'scale':>6} {'facts':>7} {'save→page median':>17} {'fastest':>8} {'slowest':>8} {'MkDocs build':>13}"
        f" {'bad save→panel':>15}"
    )
    with tempfile.TemporaryDirectory() as work:
        for scale in (int(s) for s in arguments.scales.split(",")):
            row = measure(scale, arguments.saves, Path(work), arguments.bad)
            print(
                f"{row['scale']:>5}× {row['facts']:>7,.0f} {row['median']:>16.2f}s {row['fastest']:>7.2f}s"
                f" {row['slowest']:>7.2f}s {row['built']:>12.2f}s {row['panel']:>14.2f}s",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
