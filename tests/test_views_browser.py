"""The views in a real headless Chromium, offline: every page loads without console errors or network
requests, draws the nodes it carries, names its landmarks at the default zoom without overlaps, opens
each fact with its quote and article on a click, shows article text only as text, and is screenshotted
(PNG files under the pytest tmp dir, printed with -s). Driven over the DevTools protocol (websocket-client).

Skipped when Chromium is missing: apt-get install chromium fonts-noto-cjk (or .ci/install-browser.sh).
"""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
import time
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import RDF, Graph, Literal
from rdflib.namespace import SKOS, XSD

from kg import views
from kg.vocab import ID, PLACE, TKG
from test_views import C_HOSTILE, C_LONGMA, C_QGE, HOSTILE, LONGMA, entity_iris, hand_graph, page_data

try:
    import websocket
except ImportError:  # pragma: no cover - depends on the machine
    websocket = None

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None or websocket is None, reason=(
        "needs headless Chromium and websocket-client: apt-get install chromium fonts-noto-cjk "
        "(or bash .ci/install-browser.sh) and pip install -e '.[test]'")),
]
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-default-apps",
         "--proxy-server=127.0.0.1:9", "--remote-debugging-port=0", "--window-size=1280,800"]
DRAW_TIMEOUT = 30.0


class Chromium:
    """One headless Chromium with a fresh profile and a proxy to nowhere, driven over DevTools."""

    def __init__(self, profile: Path):
        self.proc = subprocess.Popen([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while not (port_file.exists() and len(port_file.read_text().split()) == 2):
            if time.monotonic() > deadline or self.proc.poll() is not None:
                self.close()
                raise RuntimeError("Chromium did not start its DevTools endpoint")
            time.sleep(0.1)
        port, path = port_file.read_text().split()
        self.ws = websocket.create_connection(f"ws://127.0.0.1:{port}{path}", timeout=60, suppress_origin=True)
        self.events: list[dict] = []
        self.last_id = 0

    def call(self, method: str, session: str | None = None, **params) -> dict:
        """Send one command and return its result; events that arrive meanwhile are kept."""
        self.last_id += 1
        message = {"id": self.last_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        self.ws.send(json.dumps(message))
        while True:
            reply = json.loads(self.ws.recv())
            if reply.get("id") == self.last_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def close(self):
        if getattr(self, "ws", None):
            self.ws.close()
        self.proc.terminate()
        self.proc.wait(timeout=10)


class Tab:
    """One page loaded in its own target: evaluate JS, click, collect errors and requests, screenshot."""

    def __init__(self, browser: Chromium, path: Path, width: int = 1280, height: int = 800):
        self.browser = browser
        self.target = browser.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = browser.call("Target.attachToTarget", targetId=self.target, flatten=True)["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable")
        self.call("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=False)
        self.started = time.monotonic()
        self.call("Page.navigate", url=path.as_uri())
        self.wait_for("document.readyState === 'complete'")

    def call(self, method: str, **params) -> dict:
        return self.browser.call(method, self.session, **params)

    def eval(self, expression: str):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float = DRAW_TIMEOUT):
        deadline = time.monotonic() + timeout
        while not (value := self.eval(expression)):
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {expression}; errors: {self.errors()}")
            time.sleep(0.05)
        return value

    def drawn_nodes(self) -> int:
        """Waits for the first drawing and returns the number of nodes it drew (and notes the time)."""
        drawn = int(self.wait_for("document.getElementById('kg-network').getAttribute('data-drawn-nodes')"))
        self.draw_seconds = time.monotonic() - self.started
        return drawn

    def point(self, *iris) -> tuple[float, float]:
        """Window coordinates of a node, or of the point 2/5 of the way from the first node to the second
        (on their edge, clear of the arrow head)."""
        ids = json.dumps([str(i) for i in iris])
        return tuple(self.eval(f"""(() => {{
            const v = window.kgView.network, ids = {ids}, p = v.getPositions(ids);
            const a = p[ids[0]], b = p[ids[ids.length - 1]];
            const d = v.canvasToDOM({{x: a.x + (b.x - a.x) * 0.4, y: a.y + (b.y - a.y) * 0.4}});
            const r = document.getElementById('kg-network').getBoundingClientRect();
            return [r.left + d.x, r.top + d.y]; }})()"""))

    def click(self, x: float, y: float):
        for kind in ("mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)

    def _events(self, method: str) -> list[dict]:
        return [e["params"] for e in self.browser.events if e.get("sessionId") == self.session
                and e.get("method") == method]

    def errors(self) -> list[str]:
        """Uncaught exceptions, console errors, browser log errors (CSP, failed loads) and dialogs."""
        found = [e["exceptionDetails"].get("exception", {}).get("description") or e["exceptionDetails"]["text"]
                 for e in self._events("Runtime.exceptionThrown")]
        found += [" ".join(str(a.get("value", a.get("description"))) for a in e["args"])
                  for e in self._events("Runtime.consoleAPICalled") if e["type"] in ("error", "assert")]
        found += [e["entry"]["text"] for e in self._events("Log.entryAdded") if e["entry"]["level"] == "error"]
        found += ["dialog: " + e["message"] for e in self._events("Page.javascriptDialogOpening")]
        return found

    def requests(self) -> list[str]:
        return [e["request"]["url"] for e in self._events("Network.requestWillBeSent")]

    def screenshot(self, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(self.call("Page.captureScreenshot", format="png")["data"]))
        return path

    def close(self):
        self.browser.call("Target.closeTarget", targetId=self.target)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    chromium = Chromium(tmp_path_factory.mktemp("chromium-profile"))
    yield chromium
    chromium.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The hand-made graph's views, with a focus page on the hostile company."""
    out = tmp_path_factory.mktemp("views")
    pages = views.write_views(hand_graph(), out, focus="onerror")
    return out, pages


@pytest.fixture(scope="module")
def screens(tmp_path_factory):
    return tmp_path_factory.mktemp("screenshots")


def assert_offline_and_clean(tab: Tab):
    assert tab.errors() == []
    assert [u for u in tab.requests() if not u.startswith(("file:", "data:"))] == []


@pytest.mark.parametrize("prefix", ["overview", "chain-", "place-", "focus-"])
def test_each_page_loads_offline_without_errors_and_draws_its_nodes(browser, site, screens, prefix):
    out, pages = site
    chosen = [p for p in pages if p.name.startswith(prefix)]
    assert chosen
    for page in chosen:
        tab = Tab(browser, page)
        try:
            assert tab.drawn_nodes() == len(page_data(page)["nodes"]), page.name
            assert tab.eval("document.querySelectorAll('#kg-legend li').length") >= 1
            assert_offline_and_clean(tab)
            shot = tab.screenshot(screens / page.with_suffix(".png").name)
            assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
            print(f"{page.name}: drawn in {tab.draw_seconds:.2f}s -> {shot}")
        finally:
            tab.close()


def test_overview_draws_every_entity_of_the_graph(browser, site):
    out, _ = site
    tab = Tab(browser, out / "overview.html")
    try:
        assert tab.drawn_nodes() == len(entity_iris(hand_graph()))
    finally:
        tab.close()


def test_index_links_resolve_to_written_pages(browser, site, screens):
    out, pages = site
    tab = Tab(browser, out / "index.html")
    try:
        hrefs = tab.eval("Array.from(document.links).map(a => a.href)")
        assert sorted(hrefs) == sorted(p.as_uri() for p in pages[1:])
        assert_offline_and_clean(tab)
        print(tab.screenshot(screens / "index.png"))
    finally:
        tab.close()


def test_hostile_name_shows_as_text_in_heading_search_and_tooltip(browser, site, screens):
    _, pages = site
    page = next(p for p in pages if p.name.startswith("focus-"))
    tab = Tab(browser, page)
    try:
        tab.drawn_nodes()
        assert tab.eval("document.querySelector('h1').textContent") == f"焦点：{HOSTILE}（2 跳）"
        assert tab.eval("document.title").startswith(f"焦点：{HOSTILE}")
        tab.eval("const box = document.getElementById('kg-search'); box.value = 'ONERROR';"
                 "box.dispatchEvent(new Event('input')); 0")
        assert tab.eval("document.getElementById('kg-search-count').textContent") == "1 个匹配"
        # hover the hostile node: vis.js shows its tooltip, which must hold text and no elements
        x, y = tab.point(C_HOSTILE)
        tab.call("Input.dispatchMouseEvent", type="mouseMoved", x=x, y=y)
        tab.wait_for("(e => e && e.style.visibility !== 'hidden' && e.textContent)"
                     "(document.querySelector('div.vis-tooltip'))", timeout=5)
        text, tags = tab.eval("(e => [e.innerText, Array.from(e.querySelectorAll('*'), c => c.tagName)])"
                              "(document.querySelector('div.vis-tooltip'))")
        assert text.split("\n")[:2] == [HOSTILE, "类型：企业"]
        assert set(tags) <= {"BR"}  # innerText turns line breaks into <br>, and nothing else into markup
        assert tab.eval("document.querySelectorAll('img, svg, iframe, object').length") == 0
        assert_offline_and_clean(tab)
        print(tab.screenshot(screens / "hostile-tooltip.png"))
    finally:
        tab.close()


def overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_overview_names_its_landmarks_at_the_default_size_without_overlaps(browser, seed_build, screens):
    """At 1366x768, as an analyst opens it: the largest projects, the chains and the counties are named
    at once, no name covers another or a named node, and zooming in names a node that had no room."""
    _, out = seed_build
    page = out / "views" / "overview.html"
    nodes = page_data(page)["nodes"]
    tab = Tab(browser, page, 1366, 768)
    try:
        tab.drawn_nodes()
        names = {n[0]: n[1:] for n in tab.eval("window.kgView.names")}
        width, height = tab.eval("(e => [e.clientWidth, e.clientHeight])(document.getElementById('kg-network'))")
        assert all(0 <= box[0] and box[2] <= width and 0 <= box[1] and box[3] <= height for box in names.values())
        boxes = list(names.values())
        assert not [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:] if overlaps(a, b)]
        scale = tab.eval("window.kgView.network.getScale()")
        for n in nodes:
            if n["id"] in names:
                x, y = tab.eval(f"(p => [p.x, p.y])(window.kgView.network.canvasToDOM({{x: {n['x']}, y: {n['y']}}}))")
                r = n["size"] * scale
                disc = (x - r, y - r, x + r, y + r)
                assert not [i for i, box in names.items() if i != n["id"] and overlaps(box, disc)], n["name"]
        landmarks = {n["id"] for n in nodes if n["tier"] <= 1}  # largest projects, chains, counties
        assert {n["id"] for n in nodes if n["group"] == "chain"} <= landmarks
        assert [n["name"] for n in nodes if n["id"] in landmarks - set(names)] == []
        print(f"{len(names)} of {len(nodes)} nodes named -> {tab.screenshot(screens / 'seed-overview.png')}")
        unnamed = min((n for n in nodes if n["id"] not in names), key=lambda n: n["rank"])
        tab.eval(f"window.kgView.network.moveTo({{position: {{x: {unnamed['x']}, y: {unnamed['y']}}}, scale: 2}}); 0")
        tab.wait_for(f"window.kgView.names.some(n => n[0] === {json.dumps(unnamed['id'])})", timeout=5)
        assert_offline_and_clean(tab)
    finally:
        tab.close()


def panel(tab: Tab) -> dict:
    """What the details panel shows, as text, and the links and elements in it."""
    return tab.eval("""(p => ({
        h2: p.querySelector('h2') && p.querySelector('h2').textContent,
        quotes: Array.from(p.querySelectorAll('blockquote'), e => e.textContent),
        sources: Array.from(p.querySelectorAll('.src'), e => e.textContent),
        values: Array.from(p.querySelectorAll('.value'), e => e.textContent),
        links: Array.from(p.querySelectorAll('a'), a => [a.textContent, a.href]),
        tags: Array.from(new Set(Array.from(p.querySelectorAll('*'), e => e.tagName))).sort(),
    }))(document.getElementById('kg-details'))""")


def test_clicking_a_node_opens_each_fact_with_its_quote_article_and_date(browser, site, screens):
    out, pages = site
    tab = Tab(browser, out / "overview.html")
    try:
        tab.drawn_nodes()
        tab.click(*tab.point(LONGMA))
        tab.wait_for("!!document.querySelector('#kg-details h2')", timeout=5)
        shown = panel(tab)
        assert shown["h2"] == "龙马集团高端装备制造基地"
        assert shown["values"][:3] == ["★231亿元", "·135亿元（原文：约135亿元）", "★铸造100万吨"]
        assert shown["quotes"][:3] == ["这个项目总投资231亿元，2022年计划完成投资42亿元。",
                                       "炎炎夏日,通辽市科尔沁区总投资约135亿元的龙马高端装备制造基地建设现场一片火热。",
                                       "一期项目投产后将达到铸造100万吨的生产能力"]
        assert shown["sources"][:3] == ["通辽重大项目巡礼（2022-11-15）", "“一切围着项目转”（2022-08）", "2022年重大项目亮点（2022）"]
        assert ["通辽重大项目巡礼", "https://example.org/news/1"] in shown["links"]
        in_site = [href for _, href in shown["links"] if href.startswith("file:")]
        assert in_site and set(in_site) <= {p.as_uri() for p in pages}  # its county's and chain's pages
        print(tab.screenshot(screens / "details-node.png"))
        tab.eval("Array.from(document.querySelectorAll('#kg-details button'))"
                 ".find(b => b.textContent === '龙马集团').click(); 0")
        assert panel(tab)["h2"] == "龙马集团"
        assert tab.eval("window.kgView.network.getSelectedNodes()") == [str(C_LONGMA)]
        assert_offline_and_clean(tab)
    finally:
        tab.close()


def test_clicking_a_relation_shows_where_it_was_read_as_text(browser, site, screens):
    _, pages = site
    tab = Tab(browser, next(p for p in pages if p.name.startswith("focus-")))
    try:
        tab.drawn_nodes()
        tab.click(*tab.point(C_HOSTILE, C_QGE))
        tab.wait_for("!!document.querySelector('#kg-details h2')", timeout=5)
        shown = panel(tab)
        assert shown["h2"] == f"{HOSTILE} → 供应 → 通辽市青格洱新能源有限公司"
        assert shown["quotes"] == [HOSTILE + "为通辽市青格洱新能源有限公司供应风机塔筒。"]
        assert shown["sources"] == [HOSTILE]  # its javascript: address is no link
        assert shown["links"] == []
        assert set(shown["tags"]) <= {"BLOCKQUOTE", "BUTTON", "DIV", "H2", "H3", "LI", "SPAN", "UL"}
        assert_offline_and_clean(tab)
        print(tab.screenshot(screens / "details-edge.png"))
    finally:
        tab.close()


def big_graph(projects: int) -> Graph:
    """A synthetic graph with `projects` projects, a company per 5 and ten counties."""
    g = Graph()
    for c in range(10):
        county = PLACE[f"测试县{c}"]
        g.add((county, RDF.type, TKG.Place))
        g.add((county, TKG.level, Literal("county")))
        g.add((county, SKOS.prefLabel, Literal(f"测试县{c}", lang="zh")))
        g.add((county, TKG.mentionedIn, ID["doc/test"]))
    for i in range(projects):
        p, company = ID[f"project/测试项目{i:05d}"], ID[f"company/测试公司{i // 5:05d}"]
        g.add((p, RDF.type, TKG.Project))
        g.add((p, SKOS.prefLabel, Literal(f"测试项目{i:05d}", lang="zh")))
        g.add((p, TKG.mentionedIn, ID["doc/test"]))
        g.add((p, TKG.totalInvestment, Literal(Decimal(10_000_000 * (i + 1)), datatype=XSD.decimal)))
        g.add((p, TKG.locatedIn, PLACE[f"测试县{i % 10}"]))
        g.add((p, TKG.developer, company))
        g.add((company, RDF.type, TKG.Company))
        g.add((company, SKOS.prefLabel, Literal(f"测试公司{i // 5:05d}", lang="zh")))
    return g


def test_a_large_graph_is_capped_and_draws_quickly(browser, tmp_path, screens):
    g = big_graph(1500)
    started = time.monotonic()
    views.write_views(g, tmp_path)
    written = time.monotonic() - started
    page = tmp_path / "overview.html"
    assert len(page_data(page)["nodes"]) == views.MAX_NODES < len(entity_iris(g))
    tab = Tab(browser, page)
    try:
        assert tab.drawn_nodes() == views.MAX_NODES
        assert_offline_and_clean(tab)
        print(f"{len(entity_iris(g))} entities: views written in {written:.1f}s, "
              f"overview drawn in {tab.draw_seconds:.2f}s -> {tab.screenshot(screens / 'large-overview.png')}")
    finally:
        tab.close()
