"""The offline edition, on tests/sites/tiny/: zipped reproducibly, offered with its SHA-256, and
working opened straight from disk in Chromium (links, citation previews, search) with no
request leaving the file system."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import Browser, expect

from factbase import load_factbase
from factsite.exports import OFFLINE_ZIP
from factsite.pages import topic_doc
from scripts.build_offline import write_zip

from .conftest import PROJECT, SITES, article, build, inheriting, mkdocs_env, run_mkdocs, scenario

FOLDER = "facial-scans-cited"
TINY = load_factbase(SITES / "tiny" / "data")


def build_offline(project: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(PROJECT / "scripts" / "build_offline.py"), "--project", str(project), "--out", str(out)],
        env=mkdocs_env(),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture(scope="module")
def tiny_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return scenario("tiny", tmp_path_factory.mktemp("offline") / "project")


@pytest.fixture(scope="module")
def offline_zip(tiny_project: Path) -> Path:
    out = tiny_project.parent / "dist" / "offline-edition.zip"
    result = build_offline(tiny_project, out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


@pytest.fixture(scope="module")
def unzipped(offline_zip: Path) -> Path:
    target = offline_zip.parent / "unzipped"
    with zipfile.ZipFile(offline_zip) as archive:
        archive.extractall(target)
    return target / FOLDER


def test_the_zip_is_reproducible_and_its_checksum_is_written_beside_it(tiny_project: Path, offline_zip: Path) -> None:
    again = offline_zip.with_name("again.zip")
    result = build_offline(tiny_project, again)
    assert result.returncode == 0, result.stderr
    assert again.read_bytes() == offline_zip.read_bytes(), "two builds of the same sources differ"
    digest = hashlib.sha256(offline_zip.read_bytes()).hexdigest()
    assert offline_zip.with_name("offline-edition.zip.sha256").read_text() == f"{digest}  offline-edition.zip\n"
    assert digest in result.stdout or hashlib.sha256(again.read_bytes()).hexdigest() in result.stdout
    with zipfile.ZipFile(offline_zip) as archive:
        names = archive.namelist()
        assert names == sorted(names) and all(name.startswith(f"{FOLDER}/") for name in names)
        assert f"{FOLDER}/index.html" in names and f"{FOLDER}/search/search_index.js" in names
        dates = {info.date_time[:3] for info in archive.infolist()}
        assert dates == {(2024, 5, 9)}, "every entry is dated by the newest date in the data"


def test_every_link_in_the_offline_edition_names_a_file_that_is_there(unzipped: Path) -> None:
    from bs4 import BeautifulSoup

    checked = 0
    for page in unzipped.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.find_all(["a", "link", "script", "img"]):
            target = tag.get("href") or tag.get("src")
            if not target or target.startswith(("#", "mailto:", "data:")) or urlsplit(target).scheme:
                continue
            path = urlsplit(target).path
            assert not path.endswith("/"), f"{page.name}: {target} needs a server to find its index.html"
            if path:
                assert (page.parent / unquote(path)).resolve().is_file(), f"{page}: {target} is not in the zip"
            checked += 1
    assert checked > 100
    # A 404 page is only ever sent by a web server: from disk its root-relative links lead nowhere.
    assert not (unzipped / "404.html").exists()


def test_the_hosted_build_offers_the_zip_with_its_sha256(tiny_project: Path, offline_zip: Path) -> None:
    site = tiny_project.parent / "hosted-site"
    offering = inheriting(tiny_project, "offering.yml", offline_zip=str(offline_zip))
    result = run_mkdocs(tiny_project, "build", "--strict", "-f", offering, "--site-dir", str(site))
    assert result.returncode == 0, result.stderr
    assert (site / OFFLINE_ZIP).read_bytes() == offline_zip.read_bytes()
    downloads = article(site, "downloads.md")
    link = downloads.find("a", href="offline-edition.zip")
    assert link is not None and link.has_attr("download")
    assert downloads.select_one("code.sha256").get_text() == hashlib.sha256(offline_zip.read_bytes()).hexdigest()
    # A build without the zip says so rather than linking to nothing.
    plain = tiny_project.parent / "plain-site"
    assert build(tiny_project, plain).returncode == 0
    assert not (plain / OFFLINE_ZIP).exists()
    assert "does not offer the offline edition" in article(plain, "downloads.md").get_text()


def test_opened_from_disk_it_links_previews_and_searches_without_a_request_elsewhere(
    browser: Browser, unzipped: Path
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto((unzipped / "index.html").as_uri())
    expect(page.locator("article h1")).to_be_visible()
    assert "You are reading the offline edition" not in page.inner_text("article")

    # Follow the navigation to a topic page, as a reader would.
    topic = TINY.topics[0]
    page.get_by_role("navigation", name="Navigation").get_by_role("link", name=topic.title, exact=True).first.click()
    page.wait_for_url(f"**/{topic_doc(topic.id).removesuffix('.md')}.html")
    expect(page.locator("article h1")).to_contain_text(topic.title)

    # A citation's preview.
    page.locator("a.citation-ref").first.hover()
    expect(page.locator(".citation-preview")).to_be_visible()
    page.keyboard.press("Escape")

    # Search, run from disk through the iframe-worker shim.
    page.click("label.md-header__button[for='__search']") if page.is_visible(
        "label.md-header__button[for='__search']"
    ) else None
    page.click("input.md-search__input")
    page.keyboard.type("bridge", delay=20)
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible(timeout=15_000)
    # The same fact-level index as the hosted site's, inlined: a result lands on an entry.
    landing = results.first.locator("a.md-search-result__link").last.get_attribute("href") or ""
    assert ".html?" in landing and "#fact-" in landing, landing

    # The downloads page is the offline edition's own.
    page.goto((unzipped / "downloads.html").as_uri())
    expect(page.locator("article")).to_contain_text("You are reading the offline edition")

    elsewhere = [url for url in requests if not url.startswith(("file://", "data:", "blob:", "about:"))]
    assert not elsewhere, f"requests that left the file system: {elsewhere}"
    assert not errors, errors
    context.close()


def test_a_site_dated_before_1980_zips_with_entries_dated_1980(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<p>Old news.</p>", encoding="utf-8")
    out = tmp_path / "dist" / "offline-edition.zip"
    digest = write_zip(site, out, (1920, 6, 1))
    with zipfile.ZipFile(out) as archive:
        assert [info.date_time for info in archive.infolist()] == [(1980, 1, 1, 0, 0, 0)]
    assert digest == hashlib.sha256(out.read_bytes()).hexdigest()
    assert sorted(p.name for p in out.parent.iterdir()) == ["offline-edition.zip", "offline-edition.zip.sha256"]


def test_a_zip_that_fails_part_way_leaves_nothing_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<p>News.</p>", encoding="utf-8")

    def fail(*_: object, **__: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(zipfile.ZipFile, "writestr", fail)
    out = tmp_path / "dist" / "offline-edition.zip"
    with pytest.raises(OSError, match="disk full"):
        write_zip(site, out, (2024, 5, 6))
    assert list(out.parent.iterdir()) == []
