"""graph.html in a real headless Chromium with the network cut off."""
import shutil

import pytest

from test_export import DOCS, HOSTILE, NAMES

pytestmark = pytest.mark.browser
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
sync_api = pytest.importorskip("playwright.sync_api")
if CHROMIUM is None:
    pytest.skip("Debian's chromium is not installed", allow_module_level=True)

ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def open_page(browser, path):
    """Load the page from disk; record every request off disk, console error and dialog."""
    ctx = browser.new_context(offline=True)
    page = ctx.new_page()
    seen = {"requests": [], "errors": [], "dialogs": []}
    page.on("request", lambda r: seen["requests"].append(r.url) if not r.url.startswith(("file:", "data:")) else None)
    page.on("console", lambda m: seen["errors"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))
    page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
    page.goto(path.resolve().as_uri())
    page.wait_for_selector("body[data-settled=true]", state="attached", timeout=20000)
    return ctx, page, seen


def test_page_is_self_contained_and_draws_the_graph(browser, build_docs):
    result, out = build_docs(DOCS, NAMES)
    ctx, page, seen = open_page(browser, out / "graph.html")
    try:
        drawn = page.evaluate("[window.kg.nodes.length, window.kg.edges.length]")
        assert drawn == [result.graph.number_of_nodes(), result.graph.number_of_edges()]
        assert seen["requests"] == [] and seen["errors"] == []
        # filters hide a type; search focuses a node
        page.uncheck("#node-filters input[data-key=PERSON]")
        persons = sum(1 for _, t in result.graph.nodes(data="type") if t == "PERSON")
        assert page.evaluate("window.kg.nodes.length") == result.graph.number_of_nodes() - persons
        page.check("#node-filters input[data-key=PERSON]")
        page.fill("#search", "Budi Santoso")
        page.dispatch_event("#search", "change")
        assert page.evaluate("window.kg.network.getSelectedNodes().length") == 1
    finally:
        ctx.close()


def test_hostile_article_text_runs_nothing(browser, build_docs):
    names = dict(NAMES, **{"Budi <img src=x onerror=alert(2)>": "PER"})
    _, out = build_docs({"evil.txt": HOSTILE.replace("\ud800", "")}, names)
    ctx, page, seen = open_page(browser, out / "graph.html")
    try:
        # build every tooltip and put it in the page, as a hover does
        shown = page.evaluate("""() => {
            const tips = window.kg.nodes.get().map(n => n.title).concat(window.kg.edges.get().map(e => e.title));
            tips.forEach(t => document.body.appendChild(t));
            return tips.map(t => t.textContent).join("\\n");
        }""")
        page.wait_for_timeout(300)
        assert "</script><script>alert(3)</script>" in shown  # shown as text
        assert seen["dialogs"] == [] and seen["requests"] == [] and seen["errors"] == []
        assert page.evaluate("document.querySelectorAll('img').length") == 0
        assert page.evaluate("document.querySelectorAll('script').length") == 3  # data, vis-network, kg
    finally:
        ctx.close()


# The side panel: a speaker with more quotes than a tooltip holds, dated articles with titles and URLs.
PANEL_DOCS = {
    "p1.txt": "Judul\n\nBudi Santoso bertemu Siti Rahma di Jakarta.\n\n"
              "“Kami tidak akan mundur dari NATO,” kata Budi kepada Siti Rahma.\n\n"
              "“Jakarta tetap tenang,” ujar Budi.\n\n“Rusia harus mendengar,” kata Budi Santoso.",
    "p2.txt": "Judul\n\nBudi Santoso mengatakan bahwa Rusia akan bekerja sama dengan NATO.\n\n"
              "“Kerja sama itu penting,” kata Budi.\n\n“Kami tunggu jawaban,” ujar Budi.\n\n"
              "“Siti Rahma tahu soal NATO,” kata Budi.",
    "p3.txt": "Judul\n\nSiti Rahma mengatakan bahwa Budi Santoso terlalu sering ke Jakarta.\n\n"
              "“Budi harus pulang,” kata Siti Rahma.",
    "index.csv": "id,title,date,url\np1,Berita pertama,2021-02-03,https://example.org/p1\n"
                 "p2,Berita kedua,2021-09-10,javascript:alert(5)\n",  # p3: undated
}


def node_xy(page, node_id):
    """Where a node is drawn, in page coordinates (for a real mouse click)."""
    return page.evaluate("""id => {
        const net = window.kg.network, p = net.canvasToDOM(net.getPosition(id));
        const r = document.getElementById('graph').getBoundingClientRect();
        return [r.left + p.x, r.top + p.y]; }""", node_id)


def most_quoted(out):
    import collections
    import json

    quotes = [json.loads(x) for x in (out / "quotes.jsonl").read_text(encoding="utf-8").splitlines()]
    top = collections.Counter(q["speaker_id"] for q in quotes if q["speaker_id"]).most_common(1)[0][0]
    return top, [q for q in quotes if q["speaker_id"] == top], quotes


def click_most_quoted(browser, out):
    top, theirs, quotes = most_quoted(out)
    ctx, page, seen = open_page(browser, out / "graph.html")
    page.mouse.click(*node_xy(page, top))
    page.wait_for_selector("#panel:not([hidden])", timeout=5000)
    return ctx, page, seen, top, theirs, quotes


def test_clicking_the_most_quoted_speaker_lists_every_quote_with_its_article(browser, build_docs):
    _, out = build_docs(PANEL_DOCS, NAMES)
    ctx, page, seen, top, theirs, _ = click_most_quoted(browser, out)
    try:
        assert page.get_attribute("#panel", "data-node") == top
        assert len(theirs) > 5  # more than a tooltip shows
        shown = page.locator("#panel-said li.quote .quote-text").all_text_contents()
        assert shown == [q["text"] for q in theirs]
        metas = page.locator("#panel-said li.quote .meta").all_text_contents()
        for q, meta in zip(theirs, metas):
            assert (q["title"] or q["doc"]) in meta and (q["date"] or "undated") in meta
        hrefs = page.eval_on_selector_all("#panel a", "as => as.map(a => a.getAttribute('href'))")
        assert set(hrefs) == {q["url"] for q in theirs if q["url"].startswith("https:")}  # never javascript:
        # a connection moves the panel to that entity
        page.locator("#panel-links button.link").first.click()
        assert page.get_attribute("#panel", "data-node") != top
        assert seen["errors"] == [] and seen["requests"] == [] and seen["dialogs"] == []
    finally:
        ctx.close()


def test_an_edge_lists_the_quotes_behind_it(browser, build_docs):
    result, out = build_docs(PANEL_DOCS, NAMES)
    _, _, quotes = most_quoted(out)
    ctx, page, seen = open_page(browser, out / "graph.html")
    try:
        edges = page.evaluate("window.kg.edges.get().map(e => [e.id, e.from, e.to, e.relation])")
        eid, u, v, _ = next(e for e in edges if e[3] == "quotes_about")
        page.evaluate("id => window.kg.showEdge(id)", eid)
        shown = page.locator("#panel-edge li.quote .quote-text").all_text_contents()
        weight = next(d["weight"] for a, b, d in result.graph.edges(data=True)
                      if (a, b, d["relation"]) == (u, v, "quotes_about"))
        assert len(shown) == weight and set(shown) <= {q["text"] for q in quotes if q["speaker_id"] == u}
    finally:
        ctx.close()


def test_date_range_hides_what_falls_outside_and_says_so(browser, build_docs):
    result, out = build_docs(PANEL_DOCS, NAMES)
    ctx, page, seen, top, theirs, _ = click_most_quoted(browser, out)
    try:
        page.fill("#since", "2021-09-01")
        page.dispatch_event("#since", "change")
        in_range = [q for q in theirs if q["date"] >= "2021-09-01"]
        assert page.locator("#panel-said li.quote").count() == len(in_range) < len(theirs)
        assert "outside the date range hidden" in page.text_content("#panel-said h3")
        dated = {n for n, d in result.graph.nodes(data=True) if d["last_date"] >= "2021-09-01"}
        assert set(page.evaluate("window.kg.nodes.getIds()")) == dated
        page.click("#all-dates")
        assert page.evaluate("window.kg.nodes.length") == result.graph.number_of_nodes()
    finally:
        ctx.close()


def test_search_finds_an_alias_and_opens_the_panel(browser, build_docs):
    result, out = build_docs(DOCS, NAMES)
    ctx, page, seen = open_page(browser, out / "graph.html")
    try:
        node, alias = next((n, a) for n, d in result.graph.nodes(data=True)
                           for a in d["aliases"].split(" | ") if a.lower() not in d["name"].lower())
        page.fill("#search", alias.lower())
        page.dispatch_event("#search", "change")
        assert page.evaluate("window.kg.network.getSelectedNodes()") == [node]
        assert page.get_attribute("#panel", "data-node") == node
    finally:
        ctx.close()


def test_hostile_text_in_the_panel_stays_text(browser, build_docs):
    names = dict(NAMES, **{"Budi <img src=x onerror=alert(2)>": "PER"})
    result, out = build_docs({"evil.txt": HOSTILE.replace("\ud800", "")}, names)
    ctx, page, seen = open_page(browser, out / "graph.html")
    try:
        text = page.evaluate("""ids => ids.map(id => { window.kg.showNode(id);
            return document.getElementById('panel').textContent; }).join('\\n')""", list(result.graph.nodes))
        page.wait_for_timeout(300)
        assert "</script><script>alert(3)</script>" in text
        assert seen["dialogs"] == [] and seen["errors"] == []
        assert page.evaluate("document.querySelectorAll('img').length") == 0
    finally:
        ctx.close()


@pytest.mark.model
@pytest.mark.slow
def test_on_the_seeds_the_most_quoted_speaker_panel_holds_all_their_quotes(browser, tmp_path):
    from typer.testing import CliRunner

    from kg.cli import app

    out = tmp_path / "out"
    assert CliRunner().invoke(app, ["build", "seeds", "--out", str(out), "-q"]).exit_code == 0
    ctx, page, seen, top, theirs, _ = click_most_quoted(browser, out)
    try:
        shown = page.locator("#panel-said li.quote .quote-text").all_text_contents()
        assert shown == [q["text"] for q in theirs]
        assert seen["errors"] == [] and seen["requests"] == []
    finally:
        ctx.close()
