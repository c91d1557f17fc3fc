"""The command: python -m factbase.recheck SOURCE_ID NEW_TEXT [--data DIR]."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from factbase.collector import DataError
from factbase.loader import load_factbase
from factbase.recheck.compare import read_capture, recheck
from factbase.recheck.model import RecheckError
from factbase.recheck.report import render
from factbase.specs import SOURCES_FILE


def main(argv: list[str] | None = None) -> int:
    """Run the re-check; exit status 0 when every quote would verify, 1 when not, 2 when it cannot be made."""
    parser = argparse.ArgumentParser(
        prog="python -m factbase.recheck",
        description="Compare a new capture of a source with its stored text, quote by quote.",
    )
    parser.add_argument("source_id", metavar="SOURCE_ID", help="the source's id in data/sources.yaml")
    parser.add_argument("capture", metavar="NEW_TEXT_FILE", type=Path, help="the new capture, saved as UTF-8 text")
    parser.add_argument("--data", metavar="DIR", type=Path, default=Path("data"), help="the data folder (data)")
    try:
        args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    except SystemExit as stop:  # argparse has printed the usage
        return stop.code if isinstance(stop.code, int) else 2
    data_dir: Path = args.data
    try:
        factbase = load_factbase(data_dir)
    except DataError as error:
        sys.stderr.write(f"{error}\nFix data/ first (make check): a re-check starts from quotes that verify.\n")
        return 2
    known = [source.id for source in factbase.sources]
    if args.source_id not in known:
        sources = f"{data_dir.name}/{SOURCES_FILE}"
        sys.stderr.write(f"{sources}: no source {args.source_id!r}; the sources are: {', '.join(known)}\n")
        return 2
    source = factbase.source(args.source_id)
    try:
        text = read_capture(args.capture)
        result = recheck(factbase, source, text, str(args.capture))
    except RecheckError as error:
        sys.stderr.write(f"{error}\n")
        return 2
    sys.stdout.write(render(result, f"{data_dir.name}/{source.text_path}", str(args.capture)))
    return 0 if result.verifies else 1


if __name__ == "__main__":
    sys.exit(main())
