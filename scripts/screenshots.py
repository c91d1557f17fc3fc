"""The README's screenshots: a topic page with a reference previewed, on a desktop and on a phone.

    make screenshots

Builds the site, serves it on 127.0.0.1 as the Lighthouse benchmark does, and drives Debian's
Chromium (unable to reach any other host) to hover a citation marker on a desktop-sized screen
and to tap one on a phone-sized touch screen. Writes .github/screenshot.png and
.github/screenshot-phone.png; run it whenever the look of pages or references changes.
"""

from __future__ import annotations

import shlex
import shutil
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from benchmarks.lighthouse import CHROME_FLAGS, PROJECT, served_site

PAGE = "topics/privacy-concerns/"
OUT = PROJECT / ".github"


def main() -> int:
    chromium = shutil.which("chromium")
    if chromium is None:
        sys.exit("Debian's chromium is not installed: apt-get install chromium")
    with tempfile.TemporaryDirectory() as tmp, served_site(Path(tmp)) as (_, base), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=shlex.split(CHROME_FLAGS))
        desktop = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
        desktop.goto(base + PAGE)
        desktop.wait_for_load_state("networkidle")
        desktop.locator("a.citation-ref").nth(3).hover()
        desktop.wait_for_selector(".citation-preview", state="visible")
        desktop.screenshot(path=str(OUT / "screenshot.png"))
        phone = browser.new_context(
            viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True
        ).new_page()
        phone.goto(base + PAGE)
        phone.wait_for_load_state("networkidle")
        marker = phone.locator("a.citation-ref").nth(2)
        marker.scroll_into_view_if_needed()
        phone.evaluate("window.scrollBy(0, 200)")
        marker.tap()
        phone.wait_for_selector(".citation-sheet", state="visible")
        phone.screenshot(path=str(OUT / "screenshot-phone.png"))
        browser.close()
    print(f"wrote {OUT / 'screenshot.png'} and {OUT / 'screenshot-phone.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
