"""Colours and sizes shared by the HTML page and the GEXF file (page.html repeats the two size formulas in JS)."""
import math

NODE_COLORS = {"PERSON": "#e4572e", "COUNTRY": "#2e86ab", "ORGANIZATION": "#76b041", "LOCATION": "#f3a712"}
EDGE_STYLES = {  # colour, dashed
    "cooccurs": ("#b0b0b0", False),
    "quotes_about": ("#7b2cbf", False),
    "speaks_to": ("#d62828", True),
    "affiliated_with": ("#2a9d8f", True),
}
EDGE_LABELS = {"cooccurs": "named together in a sentence", "quotes_about": "speaker → entity named in a quote",
               "speaks_to": "speaker → addressee", "affiliated_with": "person → country/organization in their role"}


def node_size(mentions: int) -> float:
    return round(10 + 6 * math.log1p(max(0, mentions)), 2)


def edge_width(weight: int) -> float:
    return round(1 + 1.5 * math.log1p(max(0, weight - 1)), 2)
