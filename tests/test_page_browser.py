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
