"""Check data/ and print every problem as `file:line: message`: python -m factbase.check [DATA_DIR]."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from factbase import DataError, load_factbase


def _count(number: int, noun: str, plural: str | None = None) -> str:
    return f"{number} {noun if number == 1 else plural or noun + 's'}"


def main(argv: list[str] | None = None) -> int:
    """Run the check; exit status 0 when data/ is sound, 1 when it has problems."""
    args = sys.argv[1:] if argv is None else argv
    data_dir = Path(args[0]) if args else Path("data")
    started = time.perf_counter()
    try:
        factbase = load_factbase(data_dir)
    except DataError as error:
        print(error, file=sys.stderr)
        return 1
    seconds = time.perf_counter() - started
    citations = sum(len(fact.citations) for fact in factbase.facts)
    counts = ", ".join(
        [
            _count(len(factbase.sources), "source"),
            _count(len(factbase.topics), "topic"),
            _count(len(factbase.facts), "fact"),
            _count(citations, "fact citation"),
            _count(len(factbase.entities), "named entity", "named entities"),
            _count(len(factbase.figures), "figure"),
            _count(len(factbase.quotations), "quotation"),
            _count(len(factbase.corrections), "correction"),
        ]
    )
    print(f"{data_dir}: {counts}; every quote verified ({seconds:.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
