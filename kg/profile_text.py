"""`kg entity`'s profile as text for a terminal or a pipe."""
from __future__ import annotations

import textwrap

from rich.console import Console


def print_profile(out: Console, p: dict) -> None:
    """On a terminal lines wrap under their label and document lines fit its width (their URL from
    120 columns); piped, each item stays on one line for grep and cut."""
    wrap = out.is_terminal

    def line(label: str, value) -> None:
        text = f"{label:<14} {value}"
        if wrap:
            text = textwrap.fill(text, width=out.width, subsequent_indent=" " * 15, break_long_words=False)
        out.print(text, markup=False, highlight=False, soft_wrap=True)
    out.print(f"{p['name']}  ({p['type']}, {p['id']})", markup=False, highlight=False, soft_wrap=True)
    line("aliases", "; ".join(p["aliases"]))
    line("roles", "; ".join(p["roles"]) or "-")
    line("affiliations", "; ".join(f"{a['name']} ({a['count']})" for a in p["affiliations"]) or "-")
    dates = f", {p['first_date']} to {p['last_date']}" if p["first_date"] else ""
    line("mentions", f"{p['mentions']} in {p['documents']} document(s){dates}")
    line("by month", "; ".join(f"{m['month']}: {m['documents']}" for m in p["by_month"]))
    s = p["quotes_as_speaker"]
    line("quotes", f"{s['total']} as speaker ({s['direct']} direct, {s['indirect']} indirect), "
                   f"{p['quotes_as_subject']} by others naming it, {p['quotes_as_addressee']} addressed to it")
    line("co-mentioned", "; ".join(f"{c['name']} ({c['sentences']})" for c in p["co_mentioned"]) or "-")
    out.print("documents:", highlight=False)
    for d in p["document_list"]:
        text = f"  {d['date'] or 'undated':<10}  {d['mentions']:>3}×  {d['title'] or d['doc']}"
        if d["url"] and (not wrap or out.width >= 120):
            text += f"  {d['url']}"
        if wrap and len(text) > out.width:
            text = text[:out.width - 1] + "…"
        out.print(text, markup=False, highlight=False, soft_wrap=True)
    if p["other_matches"]:
        note = f"(the name also matches: {'; '.join(p['other_matches'])})"
        out.print(textwrap.fill(note, width=out.width) if wrap else note, markup=False, highlight=False)
