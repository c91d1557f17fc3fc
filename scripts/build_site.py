"""Build the site into site/ atomically: site/ is only ever a whole, successful build.

    python scripts/build_site.py [--site-dir DIR] [--config-file FILE] [--offline-zip ZIP]

MkDocs empties its site directory before it writes, so a build that fails part-way (bad data,
a crash in a template, a strict-mode warning) would leave site/ empty, half written, or complete
with the page that warned. This builds into a fresh folder beside it and swaps it in only when
MkDocs succeeds; on failure site/ is left exactly as it was, and the message says so.

With --offline-zip, the build offers that zip (made first by scripts/build_offline.py) on the
downloads page: the plugin's offline_zip option, set in a configuration that inherits the given
one, written beside it for the build (paths in a configuration are relative to its folder) and
removed after.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def inheriting(config_file: Path, **factsite_options: str) -> Iterator[Path]:
    """A configuration file that is config_file with these options of the factsite plugin, for as
    long as the context lasts. JSON is YAML, and a path written as a JSON string is only a path."""
    text = json.dumps({"INHERIT": config_file.name, "plugins": {"factsite": factsite_options}})
    with tempfile.NamedTemporaryFile("w", dir=config_file.parent, prefix=".mkdocs-", suffix=".yml") as written:
        written.write(text)
        written.flush()
        yield Path(written.name)


def run_mkdocs(config_file: Path, site_dir: Path) -> int:
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file), "--site-dir", str(site_dir)]
    return subprocess.run(command, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, check=False).returncode


def build(site_dir: Path, config_file: Path, offline_zip: Path | None = None) -> int:
    """Build strictly into a fresh folder, then swap it in; the exit status of the build."""
    site_dir, config_file = site_dir.resolve(), config_file.resolve()
    building = site_dir.with_name(f".{site_dir.name}.building")
    previous = site_dir.with_name(f".{site_dir.name}.previous")
    for leftover in (building, previous):
        shutil.rmtree(leftover, ignore_errors=True)
    if offline_zip is None:
        status = run_mkdocs(config_file, building)
    else:
        with inheriting(config_file, offline_zip=str(offline_zip.resolve())) as offering:
            status = run_mkdocs(offering, building)
    if status != 0 or not (building / "index.html").is_file():
        shutil.rmtree(building, ignore_errors=True)
        shown = f"{site_dir.name}/"
        kept = f"{shown} still holds the previous build, untouched" if site_dir.is_dir() else f"no {shown} was written"
        print(f"build failed: {kept}", file=sys.stderr)
        return status or 1
    if site_dir.exists():
        site_dir.rename(previous)
    building.rename(site_dir)
    shutil.rmtree(previous, ignore_errors=True)
    print(f"built {site_dir.name}/")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--site-dir", type=Path, default=Path("site"))
    parser.add_argument("--config-file", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("--offline-zip", type=Path, help="the offline edition's zip, to offer on the downloads page")
    args = parser.parse_args(argv)
    return build(args.site_dir, args.config_file, args.offline_zip)


if __name__ == "__main__":
    sys.exit(main())
