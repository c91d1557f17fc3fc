"""Run MkDocs as if today were more than a year later: python tests/shifted_clock.py build ...

Used by the reproducibility test to build the same commit "on another day".
"""

from __future__ import annotations

import datetime
import sys

import mkdocs.utils
from mkdocs.__main__ import cli

LATER = datetime.timedelta(days=400, hours=5)


class ShiftedDatetime(datetime.datetime):
    @classmethod
    def now(cls, tz: datetime.tzinfo | None = None) -> ShiftedDatetime:  # type: ignore[override]
        return super().now(tz) + LATER


mkdocs.utils.datetime = ShiftedDatetime  # type: ignore[attr-defined]

if __name__ == "__main__":
    sys.exit(cli())
