"""Pure functions from a segmented, tagged document to kg records."""
from kg.extract.entities import extract_mentions
from kg.extract.quotes import extract_quotes

__all__ = ["extract_mentions", "extract_quotes"]
