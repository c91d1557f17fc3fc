"""factbase/entries.py, the TypedDict of each kind of entry as the checker accepts it, generated
from factbase.specs so that mypy checks every value the loader copies into the model.

    python -m tools.entries          # write factbase/entries.py
    python -m tools.entries --check  # exit 1 if it is stale
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from factbase.specs import FILES, Field, Spec

MODULE = Path(__file__).resolve().parent.parent / "factbase" / "entries.py"

HEADER = '''"""Each kind of entry in data/, as the checker accepts it, typed: what `Checked.values(spec)`
returns once an entry is sound. Generated from factbase/specs.py by python -m tools.entries; do
not edit."""

from __future__ import annotations

from typing import Literal, NotRequired, TypedDict
'''


def typed_name(spec: Spec[Any]) -> str:
    """The TypedDict's name: CitationEntry for the citation spec."""
    return "".join(word.title() for word in spec.noun.split()) + "Entry"


def annotation(field: Field) -> str:
    """The Python type of a sound value of the field."""
    if field.choices:
        return "Literal[" + ", ".join(f'"{choice}"' for choice in field.choices) + "]"
    if field.items is not None:
        return f"list[{typed_name(field.items)}]"
    return field.kind.python


def specs() -> list[Spec[Any]]:
    """Every spec the data files use, each after the specs of its items."""
    ordered: list[Spec[Any]] = []

    def visit(spec: Spec[Any]) -> None:
        for field in spec.fields.values():
            if field.items is not None:
                visit(field.items)
        if spec not in ordered:
            ordered.append(spec)

    for spec, _ in FILES.values():
        visit(spec)
    return ordered


def rendered() -> str:
    """The module's text."""
    parts = [HEADER]
    for spec in specs():
        lines = [f"class {typed_name(spec)}(TypedDict):", f'    """One {spec.noun}, as the checker accepts it."""', ""]
        for key, field in spec.fields.items():
            value = annotation(field)
            lines.append(f"    {key}: {value if field.required else f'NotRequired[{value}]'}")
        parts.append("\n".join(lines) + "\n")
    return "\n\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    stale = not MODULE.is_file() or MODULE.read_text(encoding="utf-8") != rendered()
    if "--check" in args:
        if stale:
            print("factbase/entries.py is stale: run python -m tools.entries", file=sys.stderr)
        return 1 if stale else 0
    MODULE.write_text(rendered(), encoding="utf-8")
    print(f"wrote {MODULE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
