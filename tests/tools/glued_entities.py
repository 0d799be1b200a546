"""Count the entities of a build whose name is another entity's name with a word glued on.

usage: python3 tests/tools/glued_entities.py OUT_DIR [--show N]

Scraped pages lose the space at link boundaries, so one person turns up as
"Budi Santoso" and "Budi Santosoyang", "PresidenBudi Santoso". An entity is
counted when removing a glued-on piece from the start of its first word or the
end of its last word leaves the name of another entity of the build, and the
piece is glued at a change of case ("PresidenBudi", "KPKyang") or is a common
lower-case word of kg's word list ("Santosomenyerukan"). Prints the count and
the first N examples.
"""
import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from kg import wordseg  # noqa: E402


def glued_word(piece: str) -> bool:
    """A piece that scraping glued on: a common lower-case word of the list."""
    n = wordseg.counts().get(piece, 0) if piece.islower() else 0
    return n >= (wordseg.MIN_TINY_TAIL if len(piece) <= 2 else wordseg.MIN_SHORT_TAIL if len(piece) == 3
                 else wordseg.MIN_TAIL)


def _case_change(left: str, right: str) -> bool:
    """'Presiden|Budi', 'KPK|yang': a lower-case letter then a capital, or an acronym then lower case."""
    if left[-1].islower() and right[0].isupper():
        return True
    return len(left) >= 2 and left.isupper() and right[0].islower()


def base_of(name: str, names: set[str]) -> str | None:
    """The other entity name this one is glued from, or None."""
    words = name.split(" ")
    last, first = words[-1], words[0]
    for k in range(1, len(last)):  # "Santosoyang", "KhameneiDalam"
        head, piece = last[:k], last[k:]
        camel = _case_change(head, piece)
        base = " ".join(words[:-1] + [head])
        if len(base) >= 3 and base != name and base in names and (camel or glued_word(piece)):
            return base
    for k in range(1, len(first)):  # "PresidenBudi Santoso", "diKPK"
        piece, rest = first[:k], first[k:]
        camel = _case_change(piece, rest)
        base = " ".join([rest] + words[1:])
        if len(base) >= 3 and base != name and base in names and (camel or glued_word(piece)):
            return base
    return None


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("out", type=Path)
    p.add_argument("--show", type=int, default=20)
    a = p.parse_args()
    names = set()
    with open(a.out / "entities.jsonl", encoding="utf-8") as fh:
        entities = [json.loads(line) for line in fh if line.strip()]
    names = {e["name"] for e in entities}
    glued = [(e["name"], b) for e in entities if (b := base_of(e["name"], names))]
    print(f"{len(glued)} of {len(entities)} entities are another entity's name with a word glued on")
    for name, base in glued[:a.show]:
        print(f"  {name!r} <- {base!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
