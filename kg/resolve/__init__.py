"""Mentions → entities, in two steps.

- `document.py`: within one article (`link_document`), run per document with
  extraction: "Hartono" is "Budi S. Hartono", "BPN" is "Badan Pertanahan Nasional".
- `corpus.py`: across articles (`Resolver`), once per build: the same person,
  place or organization in many articles is one entity with one id.
- `glue.py`: before the corpus step, words that scraping glued onto a name
  are trimmed where the corpus names it without them ("Budi Santosoyang").
- `names.py`: the comparison form of a name both steps use (titles fused onto
  a person's name in some articles left out: "Ayatollah ...").
"""
from kg.resolve.corpus import Resolver, entity_id
from kg.resolve.document import link_document
from kg.resolve.names import canonical_form, norm

__all__ = ["Resolver", "canonical_form", "entity_id", "link_document", "norm"]
