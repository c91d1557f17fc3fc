"""Lighthouse scores, page sizes and first-view bytes for the home page and every topic page.

    make lighthouse        (or: .venv/bin/python benchmarks/lighthouse.py)

Builds the site, serves it on 127.0.0.1 the way a static host does (gzip, short caching),
runs the pinned npm Lighthouse (benchmarks/lighthouse/) with Debian's Chromium as
CHROME_PATH, once with mobile emulation and once with the desktop preset, and prints the
four category scores and the bytes. It is a benchmark that prints figures, not a test.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from factbase import load_factbase

PROJECT = Path(__file__).resolve().parent.parent
LIGHTHOUSE_DIR = PROJECT / "benchmarks" / "lighthouse"
LIGHTHOUSE = LIGHTHOUSE_DIR / "node_modules" / ".bin" / "lighthouse"


CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run "
    "--host-resolver-rules='MAP * ~NOTFOUND , EXCLUDE 127.0.0.1'"
)
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


class StaticHostHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files gzip-compressed where the browser accepts it, with a 10-minute cache."""

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the base class redirects to the trailing slash
            path = path / "index.html"
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts_gzip and path.is_file() and path.suffix in COMPRESSIBLE):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _BytesFile(body)

    def log_message(self, _format: str, *args: object) -> None:
        pass


class _BytesFile:
    def __init__(self, body: bytes) -> None:
        self.body = body

    def read(self, _size: int = -1) -> bytes:
        body, self.body = self.body, b""
        return body

    def close(self) -> None:
        pass


def build(site_dir: Path, site_url: str) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": site_url}
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=PROJECT,
        env=env,
        check=True,
        capture_output=True,
    )


@contextmanager
def served_site(tmp: Path) -> Iterator[tuple[Path, str]]:
    """The real site built into tmp/site for the address it is served at on 127.0.0.1, as a
    static host serves it; yields the folder and the address (ending in /)."""
    site = tmp / "site"
    handler = functools.partial(StaticHostHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    build(site, base)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield site, base
    finally:
        server.shutdown()


def ensure_lighthouse() -> None:
    if not LIGHTHOUSE.exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=LIGHTHOUSE_DIR, check=True)


def run_lighthouse(url: str, desktop: bool, report: Path) -> dict[str, Any]:
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={report}",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    if desktop:
        command.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": shutil.which("chromium") or "/usr/bin/chromium"}
    subprocess.run(command, env=env, check=True, capture_output=True, timeout=300)
    result: dict[str, Any] = json.loads(report.read_text(encoding="utf-8"))
    return result


def main() -> int:
    ensure_lighthouse()
    factbase = load_factbase(PROJECT / "data")
    pages = [("home", ""), *((f"topic: {t.id}", f"topics/{t.id}/") for t in factbase.topics)]
    with tempfile.TemporaryDirectory() as tmp, served_site(Path(tmp)) as (site, base):
        header = f"{'page':<28} {'form':<8} " + " ".join(f"{c[:13]:>13}" for c in CATEGORIES)
        header += f" {'HTML bytes':>11} {'HTML gzip':>10} {'first view':>11}"
        print(header)
        print("-" * len(header))
        for name, path in pages:
            html = (site / path / "index.html").read_bytes()
            for desktop in (False, True):
                report = run_lighthouse(base + path, desktop, Path(tmp) / "report.json")
                categories = report["categories"]
                scores = " ".join(f"{round(categories[c]['score'] * 100):>13}" for c in CATEGORIES)
                first_view = report["audits"]["total-byte-weight"]["numericValue"]
                form = "desktop" if desktop else "mobile"
                print(
                    f"{name:<28} {form:<8} {scores} {len(html):>11,} {len(gzip.compress(html, mtime=0)):>10,}"
                    f" {int(first_view):>11,}"
                )
    print("\nfirst view: total bytes transferred to load the page (Lighthouse total-byte-weight).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
