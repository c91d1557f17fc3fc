"""How long `make check` takes on each rejected input in tests/fixtures, and what it says.

    .venv/bin/python -m benchmarks.hostile

A benchmark that prints figures, not a test: the fixture tests assert each message, and this
shows that every bad input, the 529-byte alias bomb and the 50 MB file among them, ends in
well under the 2 s the check is allowed.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.test_loader import ERROR_CASES, fixture_data

PROJECT = Path(__file__).resolve().parent.parent


def main() -> int:
    print(f"{'fixture':32} {'seconds':>8}  first message")
    slowest = 0.0
    for case in ERROR_CASES:
        with tempfile.TemporaryDirectory() as tmp:
            data = fixture_data(case, Path(tmp))
            started = time.perf_counter()
            result = subprocess.run(
                [sys.executable, "-m", "factbase.check", str(data)],
                cwd=PROJECT,
                capture_output=True,
                text=True,
                timeout=60,
            )
            seconds = time.perf_counter() - started
        slowest = max(slowest, seconds)
        lines = result.stderr.splitlines()
        first = lines[1] if len(lines) > 1 else result.stdout.strip()
        print(f"{case:32} {seconds:8.2f}  {first[:110]}")
    print(f"slowest: {slowest:.2f} s (each includes starting Python)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
