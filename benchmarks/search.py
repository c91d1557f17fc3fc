"""What search costs a reader, at each scale: the index's total size, and the bytes a query fetches,
measured in Chromium through the real search box (not computed from the files).

    .venv/bin/python -m benchmarks.search                     # 1×, 10×, 100×, 1,000×
    .venv/bin/python -m benchmarks.search --scales 1,100

`make bench` prints these figures too, after the build figures, for the sites it built
(benchmarks/scale.py calls report()). A reader's first query is everything search fetches from
opening a page to the results of a name typed key by key ("Guo Bing": each key a query of its
own, as Material sends them); "any query" is the most any one of QUERIES fetches, each typed into
a freshly opened page. The server does not compress, so these are the bytes on the wire.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Browser, Request, sync_playwright

from benchmarks.corpus import generate
from benchmarks.scale import build, directory_bytes
from mkdocs_factsite.search import WORKER
from tests.conftest import CHROMIUM_ARGS, serving  # the tests' browser: nothing but 127.0.0.1

FIRST_QUERY = "Guo Bing"
# Queries that fetch most: common words and short prefixes match the most records.
QUERIES = ("china", "facial recognition", "the", "s", "su", "phone number registration", "850", "xinjiang cameras")
SEARCH_PARTS = ("/search/", "/assets/javascripts/workers/")


def query_bytes(browser: Browser, url: str, query: str) -> int:
    """The bytes search fetches, from opening the page to the results of query typed key by key."""
    page = browser.new_context().new_page()
    fetched: list[int] = []

    def finished(request: Request) -> None:
        if any(part in request.url for part in SEARCH_PARTS):
            sizes = request.sizes()
            fetched.append(sizes["responseBodySize"] + sizes["responseHeadersSize"])

    page.on("requestfinished", finished)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.click("input.md-search__input")
    page.keyboard.type(query, delay=60)
    page.wait_for_selector(".md-search-result__item", timeout=60_000)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    page.context.close()
    return sum(fetched)


def index_bytes(site: Path) -> int:
    """The index and its worker (Material's own worker, still shipped, is never loaded)."""
    return directory_bytes(site / "search") + (site / WORKER).stat().st_size


def report(sites: list[tuple[int, Path]]) -> None:
    """Print, for each scale's built site, the index's size and what queries fetch."""
    chromium = shutil.which("chromium")
    if chromium is None:
        print("search: no chromium to measure with (apt-get install chromium)")
        return
    header = f"{'scale':>6} {'index files':>12} {'index KiB':>10} {'first query KiB':>16} {'any query KiB':>14}  worst"
    print(header)
    print("-" * len(header))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        for scale, site in sites:
            files = sum(1 for path in (site / "search").rglob("*") if path.is_file())
            with serving(site) as url:
                first = query_bytes(browser, url, FIRST_QUERY)
                worst, which = max((query_bytes(browser, url, query), query) for query in QUERIES)
            print(
                f"{scale:>5}× {files:>12,} {index_bytes(site) / 1024:>10,.0f} {first / 1024:>16,.1f} "
                f"{worst / 1024:>14,.1f}  {which!r}",
                flush=True,
            )
        browser.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", default="1,10,100,1000", help="comma-separated multiples of the real corpus")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        sites = []
        for scale in (int(s) for s in args.scales.split(",")):
            project, site = work / f"x{scale}", work / f"x{scale}-site"
            generate(project, scale)
            build(project, site)  # exits, with the build's output, if it fails
            sites.append((scale, site))
        report(sites)
    return 0


if __name__ == "__main__":
    sys.exit(main())
