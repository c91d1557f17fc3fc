"""Build the offline edition and zip it: the site to open straight from disk, no server.

    python scripts/build_offline.py [--out dist/offline-edition.zip] [--project DIR]

Builds mkdocs-offline.yml strictly into a temporary folder, then writes a zip holding it under
one folder (unzip, then open facial-scans-cited/index.html). The zip is reproducible: entries in
name order, every one dated by the newest date in data/, with fixed permissions, so the same
sources always give the same bytes and the same SHA-256, which is printed and written beside it
(`<zip>.sha256`, in the form `sha256sum -c` reads). `make build` offers it on the downloads page.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

from factbase import DataError, load_factbase

PROJECT = Path(__file__).resolve().parent.parent
FOLDER = "facial-scans-cited"  # what the zip unpacks into
# A zip entry cannot be dated before 1980: an earlier date is given as 1 January 1980, as
# reproducible-build tools do (strip-nondeterminism, SOURCE_DATE_EPOCH in Python's zipapp).
ZIP_EARLIEST = (1980, 1, 1)


def _written(out: Path, write: Callable[[Path], None]) -> None:
    """Write out through a temporary file beside it, renamed into place only once whole; the
    temporary file is removed whatever goes wrong."""
    partial = out.with_name(f".{out.name}.partial")
    try:
        write(partial)
        partial.replace(out)
    finally:
        partial.unlink(missing_ok=True)


def write_zip(site: Path, out: Path, date: tuple[int, int, int]) -> str:
    """Zip site into out under FOLDER/, reproducibly; return the zip's SHA-256."""
    out.parent.mkdir(parents=True, exist_ok=True)
    stamp = (*max(date, ZIP_EARLIEST), 0, 0, 0)

    def zipped(partial: Path) -> None:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            for path in sorted(
                (p for p in site.rglob("*") if p.is_file()), key=lambda p: p.relative_to(site).as_posix()
            ):
                entry = zipfile.ZipInfo(f"{FOLDER}/{path.relative_to(site).as_posix()}", date_time=stamp)
                entry.compress_type = zipfile.ZIP_DEFLATED
                entry.external_attr = 0o644 << 16
                entry.create_system = 3  # Unix, so that the permissions above are read as such
                archive.writestr(entry, path.read_bytes())

    _written(out, zipped)
    digest = hashlib.sha256(out.read_bytes()).hexdigest()
    _written(
        out.with_name(out.name + ".sha256"),
        lambda partial: partial.write_text(f"{digest}  {out.name}\n", encoding="utf-8"),
    )
    return digest


def build(out: Path, project: Path = PROJECT) -> int:
    try:
        updated = load_factbase(project / "data").updated
    except DataError as error:
        print(error, file=sys.stderr)
        print("offline build failed: no zip was written", file=sys.stderr)
        return 1
    assert updated is not None, "the loader requires a dated source"
    with tempfile.TemporaryDirectory() as temporary:
        site = Path(temporary) / "site"
        command = [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            str(project / "mkdocs-offline.yml"),
            "--site-dir",
            str(site),
        ]
        result = subprocess.run(command, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, check=False)
        if result.returncode != 0:
            print("offline build failed: no zip was written", file=sys.stderr)
            return result.returncode
        # A 404 page is for a web server to send; from disk nothing sends it, and its links, made
        # from the site's root to work at any depth, would lead nowhere in a folder.
        (site / "404.html").unlink(missing_ok=True)
        digest = write_zip(site, out, (updated.year, updated.month, updated.day))
    print(f"wrote {out} ({out.stat().st_size:,} bytes), SHA-256 {digest}")
    if not os.environ.get("SITE_URL"):
        print(
            "note: SITE_URL is not set, so this edition's canonical links, feed and citations name the "
            "local address mkdocs.yml falls back to; set SITE_URL to the hosted address before sharing the zip",
            file=sys.stderr,
        )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--out", type=Path, default=PROJECT / "dist" / "offline-edition.zip")
    parser.add_argument("--project", type=Path, default=PROJECT, help="the site's folder (mkdocs-offline.yml, data/)")
    args = parser.parse_args(argv)
    return build(args.out.resolve(), args.project.resolve())


if __name__ == "__main__":
    sys.exit(main())
