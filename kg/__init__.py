"""kg: Indonesian news articles in, a knowledge graph of who said what out.

The flow is read → clean → segment → annotate → extract → resolve → graph →
export; `kg.pipeline.build` runs it. Library code logs through `logging` and
never configures it: the CLI does.
"""
import logging

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())
