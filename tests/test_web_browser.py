"""The explorer as a person uses it, in Debian's chromium driven by Playwright: open ``/``, filter
the incidents by governorate and event, see the map draw the points and the timeline the days,
open an incident from the map, read its highlighted evidence and the sources of its counts, follow
a link to a document. Throughout: no console error, no Content-Security-Policy violation, no
request that leaves the app, no failed request. Screenshots of the map and the incident page are
written under the test's temporary folder and checked not to be blank.

Skipped (with the reason) when /usr/bin/chromium or the playwright package is missing, or when
../shared (the dev reports the ledger is built from) is absent; ``.ci/run`` sets
SHAHID_REQUIRE_BROWSER=1, which turns a missing browser into a failure.

``SHAHID_SCREENSHOT_DIR=docs python -m pytest tests/test_web_browser.py`` also writes the
incident page's screenshot as ``docs/incident-page.png``.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

import browser_support as bs
from shahid.link.query import IncidentFilter, iter_incidents, timeline
from shahid.store import Store, open_store
from test_link_timeline import build_dev_ledger

pytestmark = [pytest.mark.browser, pytest.mark.shared]

GOVERNORATE = "حلب"  # Aleppo: the governorate and its towns


@pytest.fixture(scope="module")
def playwright_api() -> Iterator[Any]:
    with bs.playwright_api() as p:
        yield p


@pytest.fixture(scope="module")
def browser(playwright_api: Any) -> Iterator[Any]:
    with bs.chromium(playwright_api) as b:
        yield b


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory, shared_dir: Path) -> Iterator[Store]:
    store = open_store(tmp_path_factory.mktemp("browser") / "dev.db")
    build_dev_ledger(store, shared_dir / "eval" / "dev")  # and the bundled example, undated
    yield store
    store.close()


@pytest.fixture(scope="module")
def server(ledger: Store) -> Iterator[str]:
    from shahid.web import create_app

    with bs.serving(create_app(ledger)) as url:
        yield url


class Watch:
    """What went wrong in a page: console errors, uncaught exceptions, CSP violations, requests
    that left the app or failed."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.console: list[str] = []
        self.errors: list[str] = []
        self.csp: list[str] = []
        self.outside: list[str] = []
        self.failed: list[str] = []

    def attach(self, page: Any) -> None:
        page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", self._request)
        page.on("requestfailed", lambda r: self.failed.append(f"{r.url}: {r.failure}"))
        page.on("response", lambda r: self.failed.append(f"{r.url}: HTTP {r.status}") if r.status >= 400 else None)
        page.expose_binding("__shahidCsp", lambda _src, v: self.csp.append(v))
        page.add_init_script("""document.addEventListener("securitypolicyviolation", function (e) {
            window.__shahidCsp(e.violatedDirective + " blocked " + (e.blockedURI || "inline") + " at " +
                               e.sourceFile + ":" + e.lineNumber);
        });""")

    def _request(self, r: Any) -> None:
        u = r.url
        if not (u.startswith(self.base + "/") or u.startswith("data:") or u.startswith("blob:")):
            self.outside.append(u)

    def problems(self) -> dict[str, list[str]]:
        return {k: v for k, v in (("console errors", self.console), ("page errors", self.errors),
                                  ("CSP violations", self.csp), ("requests outside the app", self.outside),
                                  ("failed requests", self.failed)) if v}


@pytest.fixture
def page(browser: Any, server: str) -> Iterator[tuple[Any, Watch]]:
    ctx = browser.new_context(viewport={"width": 1280, "height": 1000}, locale="en-GB")
    ctx.set_default_timeout(bs.TIMEOUT)
    p = ctx.new_page()
    watch = Watch(server)
    watch.attach(p)
    yield p, watch
    ctx.close()


def assert_clean(watch: Watch) -> None:
    assert watch.problems() == {}


def assert_not_blank(path: Path, *, min_colours: int = 24, max_share: float = 0.92) -> None:
    """A screenshot that shows something: many distinct colours, no colour covering almost all of it."""
    from PIL import Image

    with Image.open(path) as im:
        img = im.convert("RGB")
    n = img.width * img.height
    colours = img.getcolors(maxcolors=n)
    assert colours is not None
    assert len(colours) >= min_colours, f"{path.name}: {len(colours)} colours"
    assert max(c for c, _ in colours) / n <= max_share, f"{path.name}: one colour covers most of it"


def wait_ready(page: Any, selector: str) -> str:
    page.wait_for_selector(f"{selector}[data-state=ready], {selector}[data-state=error]", state="attached")
    state = page.get_attribute(selector, "data-state")
    assert state == "ready", page.inner_text(selector)[:500]
    return state


def drawn_points(page: Any) -> int:
    """Incidents drawn on the map: single circles plus the counts the cluster icons show."""
    single = page.locator("#map path.shahid-point").count()
    clustered = sum(int(t) for t in page.locator("#map .marker-cluster span").all_inner_texts())
    return single + clustered


def located(store: Store, flt: IncidentFilter) -> list[dict[str, Any]]:
    return [i for i in iter_incidents(store, flt) if (i.get("place") or {}).get("lat") is not None]


def busiest_event(store: Store) -> str:
    """The event with the most incidents with coordinates in the governorate."""
    counts = Counter(i["event"] for i in located(store, IncidentFilter(place=GOVERNORATE)))
    if not counts:
        pytest.skip(f"no located incident in {GOVERNORATE} in the dev ledger")
    return counts.most_common(1)[0][0]


def test_the_csp_watch_sees_a_violation(page: tuple[Any, Watch], server: str) -> None:
    """The violation listener works: an inline script injected into a page is blocked and reported."""
    p, watch = page
    p.goto(server + "/")
    p.evaluate("""() => { const s = document.createElement("script"); s.textContent = "window.__ran = 1";
                          document.body.appendChild(s); }""")
    p.wait_for_timeout(300)
    assert p.evaluate("() => window.__ran === undefined")
    assert any("script-src" in v for v in watch.csp), watch.csp


def test_filter_incidents_by_governorate_and_event(page: tuple[Any, Watch], server: str, ledger: Store,
                                                   tmp_path: Path) -> None:
    p, watch = page
    p.goto(server + "/")
    p.click("header nav a[href='/incidents']")
    p.wait_for_url(server + "/incidents")
    wait_ready(p, "#map")
    everything = int(p.get_attribute("#map", "data-points"))
    assert everything == len(located(ledger, IncidentFilter())) > 0
    # the cluster layer puts in the page what is in view: at least every incident inside the view
    south, west, north, east = p.evaluate("""() => { const b = document.getElementById("map").shahidMap.getBounds();
                                               return [b.getSouth(), b.getWest(), b.getNorth(), b.getEast()]; }""")
    in_view = [i for i in located(ledger, IncidentFilter())
               if south <= i["place"]["lat"] <= north and west <= i["place"]["lon"] <= east]
    assert len(in_view) <= drawn_points(p) <= everything
    assert len(in_view) >= everything * 0.8

    event = busiest_event(ledger)
    p.fill("form.filters input[name=place]", GOVERNORATE)
    p.fill("form.filters input[name=event]", event)
    p.click("form.filters button[type=submit]")
    p.wait_for_url(lambda u: "place=" in u and "event=" in u)
    q = parse_qs(urlsplit(p.url).query)
    assert q["place"] == [GOVERNORATE] and q["event"] == [event]
    flt = IncidentFilter(place=GOVERNORATE, events=[event])

    wait_ready(p, "#map")
    expected = located(ledger, flt)
    assert 0 < len(expected) < everything
    assert int(p.get_attribute("#map", "data-points")) == len(expected)
    assert drawn_points(p) == len(expected)
    legend = p.inner_text("#map .shahid-legend")
    assert f"{event.replace('_', ' ')} ({len(expected)})" in legend
    assert "OCHA" in p.inner_text("#map .leaflet-control-attribution")
    assert p.locator("#map path.shahid-governorate").count() >= 14

    wait_ready(p, "#timeline")
    days = timeline(ledger, flt)
    assert int(p.get_attribute("#timeline", "data-days")) == len(days) > 0
    assert p.locator("#timeline canvas").count() >= 1
    summary = p.inner_text("#timeline .shahid-timeline-summary")
    assert f"best {sum(d['killed_best'] for d in days)}," in summary
    assert summary.startswith(f"{sum(d['incidents'] for d in days)} dated incident")
    # the chart, its legend and summary take the room they need: nothing of it lies under the list
    chart, listing = p.locator("#timeline").bounding_box(), p.locator("table.list").first.bounding_box()
    inner = p.locator("#timeline .shahid-timeline-summary").bounding_box()
    assert inner["y"] + inner["height"] <= chart["y"] + chart["height"] + 1 <= listing["y"] + 1

    shot = tmp_path / "map.png"
    p.locator("#map").screenshot(path=str(shot))
    assert_not_blank(shot)
    shot = tmp_path / "timeline.png"
    p.locator("#timeline").screenshot(path=str(shot))
    assert_not_blank(shot, min_colours=8, max_share=0.98)
    assert_clean(watch)


def test_a_click_on_the_map_opens_the_incident(page: tuple[Any, Watch], server: str, ledger: Store) -> None:
    p, watch = page
    event = busiest_event(ledger)
    keys = {i["key"] for i in located(ledger, IncidentFilter(place=GOVERNORATE, events=[event]))}
    p.goto(f"{server}/incidents?place={GOVERNORATE}&event={event}")
    wait_ready(p, "#map")
    for _ in range(8):  # zoom into clusters until single circles show
        if p.locator("#map path.shahid-point").count():
            break
        p.locator("#map .marker-cluster").first.click()
        p.wait_for_timeout(700)
    p.locator("#map path.shahid-point").first.click()
    p.wait_for_url(lambda u: "/incidents/" in u)
    key = urlsplit(p.url).path.rsplit("/", 1)[-1]
    assert key in keys
    wait_ready(p, "#map")
    assert int(p.get_attribute("#map", "data-points")) == 1
    assert_clean(watch)


def _showcase(store: Store) -> dict[str, Any]:
    """An incident worth a screenshot: located, most originators, then most claims."""
    incs = [i for i in located(store, IncidentFilter()) if i["counts"]]
    if not incs:
        pytest.skip("no located incident with counts in the dev ledger")
    return max(incs, key=lambda i: (i["n_originators"], i["n_claims"], i["key"]))


def test_an_incident_shows_its_evidence_and_the_sources_of_its_counts(page: tuple[Any, Watch], server: str,
                                                                      ledger: Store, tmp_path: Path) -> None:
    p, watch = page
    inc = _showcase(ledger)
    p.goto(f"{server}/incidents/{inc['key']}")
    wait_ready(p, "#map")
    assert int(p.get_attribute("#map", "data-points")) == 1
    assert drawn_points(p) == 1

    # every claim's evidence, with its values highlighted and labelled
    marks = p.locator("article.claim p.ev mark")
    assert marks.count() > 0
    labels = {lab.strip() for t in marks.evaluate_all("ms => ms.map(m => m.title)") for lab in t.split(";")}
    assert labels & {"count", "place", "victims", "source", "date", "perpetrator"} or \
        any(lab.startswith(("count", "place", "victims", "source", "date", "perpetrator")) for lab in labels), labels
    for m in marks.all()[:20]:
        assert m.inner_text().strip() and m.get_attribute("title")
    tag_texts = p.locator("article.claim ul.labels .tag").all_inner_texts()
    assert tag_texts
    # the counts, each figure with the originators who gave it
    body = p.inner_text("main")
    for c in inc["counts"]:
        for f in c["figures"]:
            assert str(f["value"]) in body.replace(",", "")
            for o in f["originators"]:
                assert o in body, o

    shot = tmp_path / "incident-page.png"
    p.screenshot(path=str(shot), full_page=True)
    assert_not_blank(shot)
    if out := os.environ.get("SHAHID_SCREENSHOT_DIR"):
        docs_shot = Path(out) / "incident-page.png"  # the head of the page: counts, map, the first claims
        height = min(2600, p.evaluate("() => document.documentElement.scrollHeight"))
        p.screenshot(path=str(docs_shot), full_page=True, clip={"x": 0, "y": 0, "width": 1280, "height": height})
        from PIL import Image

        with Image.open(docs_shot) as im:  # 128 colours: a third of the size, the text as sharp
            small = im.convert("RGB").quantize(colors=128, method=Image.Quantize.MEDIANCUT)
        small.save(docs_shot, optimize=True)
        assert_not_blank(docs_shot)
    shot = tmp_path / "incident-map.png"
    p.locator("#map").screenshot(path=str(shot))
    assert_not_blank(shot)

    # follow a claim's link to its document: the article with the claims' spans highlighted
    link = p.locator("article.claim header a[href^='/documents/']").first
    href = link.get_attribute("href")
    link.click()
    p.wait_for_url(server + href)
    assert p.locator("mark").count() > 0
    assert p.locator("[dir=rtl]").count() > 0
    assert_clean(watch)


def test_static_assets_are_served_from_the_app(page: tuple[Any, Watch], server: str) -> None:
    p, watch = page
    p.goto(server + "/incidents")
    wait_ready(p, "#map")
    srcs = p.locator("script[src]").evaluate_all("ss => ss.map(s => s.getAttribute('src'))")
    assert any(s.endswith("/leaflet.js") for s in srcs) and any(s.endswith("/map.js") for s in srcs)
    assert all(s.startswith("/static/") for s in srcs), srcs
    assert p.evaluate("() => typeof L === 'object' && typeof L.markerClusterGroup === 'function'")
    assert p.evaluate("() => typeof uPlot === 'function'")
    assert p.evaluate("() => L.version") == _locked("leaflet")
    assert_clean(watch)


def _locked(name: str) -> str:
    from shahid.web.vendor import locked_versions

    return locked_versions()[name]


def test_nothing_to_draw_is_said(page: tuple[Any, Watch], server: str, ledger: Store) -> None:
    """A selection with no incident, and an incident without coordinates: both drawn empty, with a word."""
    p, watch = page
    p.goto(f"{server}/incidents?event=no_such_event")
    wait_ready(p, "#map")
    wait_ready(p, "#timeline")
    assert p.get_attribute("#map", "data-points") == "0" and drawn_points(p) == 0
    assert "No incident here has coordinates" in p.inner_text("#map .shahid-summary")
    assert p.get_attribute("#timeline", "data-days") == "0"
    assert "No dated incidents" in p.inner_text("#timeline")
    assert p.locator("#map path.shahid-governorate").count() >= 14  # the base layer is still there
    unlocated = next((i for i in iter_incidents(ledger) if (i.get("place") or {}).get("lat") is None), None)
    if unlocated is not None:
        p.goto(f"{server}/incidents/{unlocated['key']}")
        wait_ready(p, "#map")
        assert p.get_attribute("#map", "data-points") == "0"
        assert "No incident here has coordinates" in p.inner_text("#map .shahid-summary")
    assert_clean(watch)


HOSTILE = '"><img src=x onerror="window.__pwned=1">'


def test_hostile_values_in_the_map_data_stay_text(page: tuple[Any, Watch], server: str) -> None:
    """map.js puts what the GeoJSON says into the page as text: a place name or event with markup
    creates no element, and a javascript: url is not followed (the GeoJSON is replaced in flight
    with hostile values; the script and the page are the app's own)."""
    import json

    p, watch = page
    fc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [37.16, 36.2]},
         "properties": {"key": "x1", "url": "javascript:window.__pwned=2", "event": f"<b>{HOSTILE}</b>",
                        "best": 3, "place": HOSTILE, "date": "2013-01-01", "grade": HOSTILE}},
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [36.3, 33.5]},
         "properties": {"key": "x2", "url": "//evil.example/x", "event": "shelling", "best": None,
                        "place": "\u202eدمشق", "date": None, "grade": "single_source"}},
    ]}
    p.route("**/incidents.geojson*", lambda route: route.fulfill(
        status=200, content_type="application/geo+json", body=json.dumps(fc)))
    p.goto(f"{server}/incidents?event=shelling")
    wait_ready(p, "#map")
    assert p.get_attribute("#map", "data-points") == "2"
    assert p.locator("#map path.shahid-point").count() == 2  # Aleppo and Damascus: too far apart to cluster
    tips = []
    for i in range(2):
        p.locator("#map path.shahid-point").nth(i).hover()
        p.wait_for_selector("#map .leaflet-tooltip .shahid-tip")
        tips.append(p.locator("#map .leaflet-tooltip .shahid-tip").last.text_content())
        assert p.locator("#map .leaflet-tooltip img").count() == 0
        p.locator("#map path.shahid-point").nth(i).click()
        p.wait_for_timeout(300)
    assert any(HOSTILE in t for t in tips), tips
    assert urlsplit(p.url).path == "/incidents"  # neither url was followed
    assert p.evaluate("() => window.__pwned === undefined")
    assert p.locator("#map img").count() == 0 and p.locator("#map b").count() == 0
    legend = p.locator("#map .shahid-legend").text_content()
    assert f"<b>{HOSTILE}</b>".replace("_", " ") in legend  # shown as the text it is (underscores as spaces)
    assert_clean(watch)


def test_a_drag_on_the_timeline_narrows_the_dates(page: tuple[Any, Watch], server: str, ledger: Store) -> None:
    p, watch = page
    p.goto(f"{server}/incidents?since=2013-01&until=2013-03")  # the corpus months: drawn per day
    wait_ready(p, "#timeline")
    assert p.get_attribute("#timeline", "data-bin") == "day"
    box = p.locator("#timeline .u-over").bounding_box()
    assert box and box["width"] > 100
    y = box["y"] + box["height"] / 2
    p.mouse.move(box["x"] + box["width"] * 0.35, y)
    p.mouse.down()
    p.mouse.move(box["x"] + box["width"] * 0.5, y, steps=8)
    p.mouse.move(box["x"] + box["width"] * 0.65, y, steps=8)
    p.mouse.up()
    p.wait_for_url(lambda u: "since=2013-0" in u and "until=2013-0" in u and "until=2013-03&" not in u + "&")
    q = parse_qs(urlsplit(p.url).query)
    since, until = q["since"][0], q["until"][0]
    assert "2013-01-01" < since < until < "2013-03-31", (since, until)
    wait_ready(p, "#timeline")
    days = timeline(ledger, IncidentFilter(since=since, until=until))
    assert int(p.get_attribute("#timeline", "data-days")) == len(days) > 0
    assert all(since <= d["day"] <= until for d in days)
    assert p.inner_text("#total") == str(sum(1 for _ in iter_incidents(ledger, IncidentFilter(since=since,
                                                                                              until=until))))
    assert_clean(watch)
