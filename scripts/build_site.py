"""Build the site into site/ atomically: site/ is only ever a whole, successful build.

    python scripts/build_site.py [--site-dir DIR] [--config-file FILE]

MkDocs empties its site directory before it writes, so a build that fails part-way (bad data,
a crash in a template, a strict-mode warning) would leave site/ empty, half written, or complete
with the page that warned. This builds into a fresh folder beside it and swaps it in only when
MkDocs succeeds; on failure site/ is left exactly as it was, and the message says so.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path


def build(site_dir: Path, config_file: Path) -> int:
    """Build strictly into a fresh folder, then swap it in; the exit status of the build."""
    site_dir, config_file = site_dir.resolve(), config_file.resolve()
    building = site_dir.with_name(f".{site_dir.name}.building")
    previous = site_dir.with_name(f".{site_dir.name}.previous")
    for leftover in (building, previous):
        shutil.rmtree(leftover, ignore_errors=True)
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file), "--site-dir", str(building)]
    result = subprocess.run(command, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, check=False)
    if result.returncode != 0 or not (building / "index.html").is_file():
        shutil.rmtree(building, ignore_errors=True)
        shown = f"{site_dir.name}/"
        kept = f"{shown} still holds the previous build, untouched" if site_dir.is_dir() else f"no {shown} was written"
        print(f"build failed: {kept}", file=sys.stderr)
        return result.returncode or 1
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
    args = parser.parse_args(argv)
    return build(args.site_dir, args.config_file)


if __name__ == "__main__":
    sys.exit(main())
