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
        assert page.get_attribute("body", "data-mode") == "focus"
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


def in_timeline_order(quotes):
    """quotes.jsonl rows as the panel lists them: by date (undated last), then article, then place."""
    return sorted(quotes, key=lambda q: (not q["date"], q["date"], q["doc"], q["start"]))


def timeline(quotes):
    """The reports as the panel lists them: statements in the order of their first report, each with its
    reports (quotes.jsonl's `statement` key), all in timeline order."""
    groups = {}
    for q in in_timeline_order(quotes):
        groups.setdefault(q["statement"], []).append(f"{q['doc']}:{q['start']}")
    return [r for g in groups.values() for r in g]


def panel_reports(page, section):
    """The panel's sources: one (doc:start, text) per report, in the order shown."""
    return page.eval_on_selector_all(f"{section} li.source", "ls => ls.map(l => l.dataset.quote)")


def test_clicking_the_most_quoted_speaker_lists_every_quote_with_its_article(browser, build_docs):
    _, out = build_docs(PANEL_DOCS, NAMES)
    ctx, page, seen, top, theirs, _ = click_most_quoted(browser, out)
    try:
        assert page.get_attribute("#panel", "data-node") == top
        assert len(theirs) > 5  # more than a tooltip shows
        assert panel_reports(page, "#panel-said") == timeline(theirs)
        shown = page.locator("#panel-said li.quote .quote-text").all_text_contents()
        assert sorted(shown) == sorted(q["text"] for q in theirs)  # no two copies of one statement here
        sources = page.locator("#panel-said li.source").all_text_contents()
        for q, meta in zip(in_timeline_order(theirs), sources):
            assert (q["title"] or q["doc"]) in meta and (q["date"] or "undated") in meta
        hrefs = page.eval_on_selector_all("#panel a", "as => as.map(a => a.getAttribute('href'))")
        assert set(hrefs) == {q["url"] for q in theirs if q["url"].startswith("https:")}  # never javascript:
        # a connection moves the panel (and the focus view) to that entity
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
        assert len(panel_reports(page, "#panel-edge")) == weight
        assert set(shown) <= {q["text"] for q in quotes if q["speaker_id"] == u}
    finally:
        ctx.close()


def test_date_range_hides_what_falls_outside_and_says_so(browser, build_docs):
    result, out = build_docs(PANEL_DOCS, NAMES)
    ctx, page, seen, top, theirs, _ = click_most_quoted(browser, out)
    try:
        page.fill("#since", "2021-09-01")
        page.dispatch_event("#since", "change")
        in_range = [q for q in theirs if q["date"] >= "2021-09-01"]
        assert page.locator("#panel-said li.source").count() == len(in_range) < len(theirs)
        assert "outside the date range hidden" in page.text_content("#panel-said h3")
        page.click("#back")
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
        assert panel_reports(page, "#panel-said") == timeline(theirs)
        assert seen["errors"] == [] and seen["requests"] == []
    finally:
        ctx.close()


# The focus view: five invented articles, three entities drawn (--max-nodes 3); the one who speaks most is
# not among them. One statement of his is carried by two articles, one article is undated.
SAID = "“Kami tidak akan mundur dari perundingan di Jakarta, apa pun yang terjadi,” kata Budi Santoso."
TOWN = ("Budi Santoso dan Siti Rahma berkeliling Jakarta. Siti Rahma memuji Jakarta. "
        "Budi Santoso menyukai Jakarta bersama Siti Rahma.")
FOCUS_DOCS = {
    "d1.txt": "Rapat di Jakarta\n\n" + TOWN + "\n\n" + SAID + "\n\n“Jakarta harus bersih,” ujar Siti Rahma.",
    "d2.txt": "Perundingan berlanjut\n\n" + TOWN + "\n\n" + SAID.replace("terjadi,", "terjadi ,"),
    "d3.txt": "Warga desa menunggu\n\n“Darmo Kusnadi harus datang ke desa kami,” kata Lestari Wangsa.\n\n"
              "“Jembatan ini harus selesai bulan depan,” kata Darmo Kusnadi kepada Lestari Wangsa.",
    "d4.txt": "Jembatan desa\n\n“Dana sudah kami siapkan untuk warga,” ujar Darmo Kusnadi.\n\n"
              "“Jembatan ini harus selesai bulan depan,” kata Darmo Kusnadi.",
    "d5.txt": "Tanpa tanggal\n\n“Kami bekerja siang dan malam,” kata Darmo Kusnadi.",
    "index.csv": "id,source,title,date,url\n"
                 "d1,Kabar Pagi,Rapat di Jakarta,2024-03-01,https://www.kabarpagi.example/d1\n"
                 "d2,,Perundingan berlanjut,2024-03-01,https://www.warta.example/d2\n"
                 "d3,,Warga desa menunggu,2024-03-02,https://berita.example/d3\n"
                 "d4,Kabar Pagi,Jembatan desa,2024-03-03,https://www.kabarpagi.example/d4\n",
}
FOCUS_NAMES = {"Budi Santoso": "PER", "Siti Rahma": "PER", "Jakarta": "LOC", "Darmo Kusnadi": "PER",
               "Lestari Wangsa": "PER"}


@pytest.fixture
def focus_build(build_docs):
    _, out = build_docs(FOCUS_DOCS, FOCUS_NAMES, max_nodes=3)
    return out


def test_search_finds_an_entity_that_is_not_drawn_and_its_panel_is_a_timeline(browser, focus_build):
    top, theirs, quotes = most_quoted(focus_build)
    ctx, page, seen = open_page(browser, focus_build / "graph.html")
    try:
        drawn = set(page.evaluate("window.kg.nodes.getIds()"))
        assert len(drawn) == 3 and top not in drawn
        # suggestions as you type, from every entity of the build
        page.fill("#search", "kusna")
        page.dispatch_event("#search", "input")
        suggested = page.eval_on_selector_all("#names option", "os => os.map(o => o.value)")
        assert suggested == ["Darmo Kusnadi"]
        page.dispatch_event("#search", "change")
        page.wait_for_selector("body[data-settled=true]", state="attached")
        assert page.get_attribute("body", "data-mode") == "focus" and page.get_attribute("#panel", "data-node") == top
        assert top in page.evaluate("window.kg.nodes.getIds()")
        # every one of its quotes, in date order (undated last), one item per statement, with outlet names
        assert panel_reports(page, "#panel-said") == timeline(theirs)
        statements = page.eval_on_selector_all("#panel-said li.quote", "ls => ls.map(l => l.dataset.statement)")
        assert statements == list(dict.fromkeys(q["statement"] for q in in_timeline_order(theirs)))
        assert len(statements) < len(theirs)  # the statement carried by two articles is one item
        sources = dict(zip(panel_reports(page, "#panel-said"), page.locator("#panel-said li.source").all_text_contents()))
        for q in theirs:
            text = sources[f"{q['doc']}:{q['start']}"]
            assert text.startswith(f"{q['outlet']} · " if q["outlet"] else q["date"] or "undated"), text
        assert {q["outlet"] for q in theirs} == {"berita.example", "Kabar Pagi", ""}
        # the way back
        page.click("#back")
        page.wait_for_selector("body[data-settled=true]", state="attached")
        assert set(page.evaluate("window.kg.nodes.getIds()")) == drawn
        assert seen["errors"] == [] and seen["requests"] == []
    finally:
        ctx.close()


def test_focus_view_draws_the_neighbours_asked_for(browser, focus_build):
    ctx, page, seen = open_page(browser, focus_build / "graph.html")
    try:
        page.evaluate("window.kg.focus('per:darmo_kusnadi')")
        page.wait_for_selector("body[data-settled=true]", state="attached")
        assert set(page.evaluate("window.kg.nodes.getIds()")) == {"per:darmo_kusnadi", "per:lestari_wangsa"}
        page.evaluate("window.kg.focus('loc:jakarta')")
        page.fill("#focus-k", "1")
        page.dispatch_event("#focus-k", "change")
        page.wait_for_selector("body[data-settled=true]", state="attached")
        assert page.evaluate("window.kg.nodes.length") == 2
    finally:
        ctx.close()


def test_a_date_range_draws_the_most_mentioned_of_that_range(browser, focus_build):
    ctx, page, seen = open_page(browser, focus_build / "graph.html")
    try:
        overview = set(page.evaluate("window.kg.nodes.getIds()"))
        page.fill("#since", "2024-03-02")
        page.fill("#until", "2024-03-02")
        page.dispatch_event("#until", "change")
        page.wait_for_selector("body[data-settled=true]", state="attached")
        that_day = set(page.evaluate("window.kg.nodes.getIds()"))
        assert that_day == {"per:darmo_kusnadi", "per:lestari_wangsa"} and not that_day & overview
        assert "2024-03-02" in page.text_content("#note")
    finally:
        ctx.close()


def test_the_note_counts_what_the_filters_leave_and_tooltips_stay_off_the_panel(browser, focus_build):
    ctx, page, seen = open_page(browser, focus_build / "graph.html")
    try:
        page.evaluate("window.kg.focus('per:budi_santoso')")
        page.wait_for_selector("body[data-settled=true]", state="attached")
        links = page.evaluate("window.kg.edges.length")
        assert f"and {links} of" in page.text_content("#note")
        page.uncheck("#edge-filters input[data-key=cooccurs]")
        fewer = page.evaluate("window.kg.edges.length")
        assert fewer < links and f"and {fewer} of" in page.text_content("#note")
        panel = page.locator("#panel").bounding_box()
        for node in page.evaluate("window.kg.nodes.getIds()"):
            page.mouse.move(*node_xy(page, node))
            page.wait_for_selector("div.vis-tooltip", state="visible", timeout=3000)
            tip = page.locator("div.vis-tooltip").bounding_box()
            assert tip["x"] + tip["width"] <= panel["x"], node
            page.mouse.move(1, 1)
    finally:
        ctx.close()


@pytest.mark.slow
def test_on_the_june_2025_scrape_any_speaker_is_found_with_all_quotes_and_a_day_redraws(browser):
    """On a finished build of news-scrape-2025-06 named by KG_SCRAPE_OUT (building it takes minutes:
    `kg build /work/shared/corpora/news-scrape-2025-06/articles --out DIR`)."""
    import collections
    import json
    import os
    from pathlib import Path

    out = Path(os.environ.get("KG_SCRAPE_OUT", "/nonexistent"))
    if not (out / "graph.html").is_file():
        pytest.skip("set KG_SCRAPE_OUT to a build of news-scrape-2025-06")
    quotes = [json.loads(x) for x in (out / "quotes.jsonl").read_text(encoding="utf-8").splitlines()]
    ctx, page, seen = open_page(browser, out / "graph.html")
    try:
        overview = set(page.evaluate("window.kg.nodes.getIds()"))
        speakers = collections.Counter(q["speaker_id"] for q in quotes if q["speaker_id"])
        target = next(e for e, _ in speakers.most_common() if e not in overview)
        theirs = [q for q in quotes if q["speaker_id"] == target]
        name = theirs[0]["speaker"]
        page.fill("#search", name)
        page.dispatch_event("#search", "input")
        assert any(name in o for o in page.eval_on_selector_all("#names option", "os => os.map(o => o.value)"))
        page.dispatch_event("#search", "change")
        page.wait_for_selector("body[data-settled=true]", state="attached", timeout=120000)
        assert page.get_attribute("#panel", "data-node") == target
        assert panel_reports(page, "#panel-said") == timeline(theirs)
        outlets = [x.split(" · ")[0] for x in page.locator("#panel-said li.source").all_text_contents()]
        assert outlets == [next(q["outlet"] for q in theirs if f"{q['doc']}:{q['start']}" == r)
                           for r in panel_reports(page, "#panel-said")] and all(outlets)
        # one day: entities of that day that the overview did not draw
        page.click("#back")
        day = collections.Counter(q["date"] for q in quotes if q["date"]).most_common(1)[0][0]
        page.fill("#since", day)
        page.fill("#until", day)
        page.dispatch_event("#until", "change")
        page.wait_for_selector("body[data-settled=true]", state="attached", timeout=120000)
        that_day = set(page.evaluate("window.kg.nodes.getIds()"))
        assert that_day - overview
        named = set()
        with open(out / "mentions.jsonl", encoding="utf-8") as f:
            for line in f:
                if day in line:
                    m = json.loads(line)
                    if m["date"] == day:
                        named.add(m["entity_id"])
        assert that_day <= named
        assert seen["errors"] == [] and seen["requests"] == []
    finally:
        ctx.close()
