"""Writers for kg's outputs. Each takes data and a target path; `write_all`
stages every file in a temporary folder and moves them into place together,
so an interrupted build never leaves a half-written output."""
from kg.export.files import write_all

__all__ = ["write_all"]
