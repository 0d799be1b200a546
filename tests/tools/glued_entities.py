"""Count the entities of a build whose name is another entity's name with a word glued on.

usage: python3 tests/tools/glued_entities.py OUT_DIR [--show N]

Scraped pages lose the space at link boundaries, so one person turns up as
"Budi Santoso", "Budi Santosoyang" and "PresidenBudi Santoso". An entity X is
counted when removing one glued-on piece from the start of its first word, or
from the end of its last word, or both ("RIBudi Santosodi"), leaves the name of
another entity Y of the build, and

- a piece at the end is a lower-case word of kg's word list common enough to
  be glued on (the segmenter's thresholds), or a word glued at a change of
  case ("KhameneiDalam");
- a piece at the start is glued at a change of case: a lower-case letter then
  a capital ("PresidenBudi", "diKPK" read the other way: "KPKyang"), or an
  acronym then a capitalised word ("RIBudi");
- the glued word is not itself a word of the list, nor an outlet's camel-case
  brand: "AirAsia", "Banjarbaru", "detikBali" are names, not glue;
- X is named less often than Y: the scraped accident is the rarer spelling
  ("Wahyudi" is a name of its own when it is more common than "Wahyu").

Prints the count and the first N examples (name <- base, mentions of both).
"""
import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from kg import lexicon, wordseg  # noqa: E402


def glued_word(piece: str) -> bool:
    """A piece that scraping glued on: a common lower-case word of the list."""
    n = wordseg.counts().get(piece, 0) if piece.islower() else 0
    return n >= (wordseg.MIN_TINY_TAIL if len(piece) <= 2 else wordseg.MIN_SHORT_TAIL if len(piece) == 3
                 else wordseg.MIN_TAIL)


def _case_change(left: str, right: str) -> bool:
    """'Presiden|Budi', 'KPK|yang', 'RI|Budi': a lower-case letter then a capital, an acronym then
    lower case, or an acronym then a capitalised word."""
    if left[-1].islower() and right[0].isupper():
        return True
    if len(left) >= 2 and left.isupper() and left.isalpha():
        return right[0].islower() or (right[0].isupper() and right[1:2].islower())
    return False


def _whole(word: str) -> bool:
    """A word the list knows, or an outlet's brand: no glue."""
    return wordseg.count(word) > 0 or word.startswith(lexicon.outlet_prefixes())


def _ends(word: str) -> list[int]:
    """Lengths of pieces that may be glued at the end of the word (0: none)."""
    if _whole(word):
        return [0]
    return [0] + [len(word) - k for k in range(1, len(word))
                  if _case_change(word[:k], word[k:]) or glued_word(word[k:])]


def _starts(word: str) -> list[int]:
    if _whole(word):
        return [0]
    return [0] + [k for k in range(1, len(word)) if _case_change(word[:k], word[k:])]


def base_of(name: str, names: set[str]) -> str | None:
    """The other entity name this one is glued from, or None."""
    words = name.split(" ")
    for a in _starts(words[0]):
        for b in _ends(words[-1]):
            if not (a or b) or (len(words) == 1 and a + b >= len(name)):
                continue
            base = name[a:len(name) - b]
            if len(base) >= 3 and base in names and base != name:
                return base
    return None


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("out", type=Path)
    p.add_argument("--show", type=int, default=20)
    a = p.parse_args()
    with open(a.out / "entities.jsonl", encoding="utf-8") as fh:
        entities = [json.loads(line) for line in fh if line.strip()]
    mentions: dict[str, int] = {}
    for e in entities:  # the most mentioned entity of a name stands for it
        mentions[e["name"]] = max(mentions.get(e["name"], 0), e["mentions"])
    names = set(mentions)
    glued = []
    for e in entities:
        b = base_of(e["name"], names)
        if b and e["mentions"] < mentions[b]:
            glued.append((e["name"], b))
    print(f"{len(glued)} of {len(entities)} entities are another entity's name with a word glued on")
    for name, base in glued[:a.show]:
        print(f"  {name!r} ({mentions[name]}) <- {base!r} ({mentions[base]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
