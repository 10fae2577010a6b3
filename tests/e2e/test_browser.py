"""The map page in headless Chromium: markers, the event sheet, the timeline filter, no HTML injection.

Chromium comes from Debian (scripts/install_browser.sh installs it when missing); Playwright
drives it through ``executable_path`` because ``playwright install`` cannot download here.
A screenshot is kept in artifacts/web.png.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import threading
import time
from pathlib import Path

import pytest
import uvicorn

from frontlines.api.app import ApiSettings, create_app
from frontlines.store import Store
from webstore import INJECTION, fill

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]


def chromium() -> str:
    """Path of Debian's chromium, installing it with scripts/install_browser.sh when missing."""
    found = shutil.which("chromium")
    if found is None:
        done = subprocess.run(["bash", str(ROOT / "scripts" / "install_browser.sh")], capture_output=True, text=True)
        found = shutil.which("chromium")
        if found is None:
            pytest.fail(f"chromium missing and scripts/install_browser.sh failed ({done.returncode}):\n"
                        f"{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    store = Store.open(f"sqlite:///{tmp_path_factory.mktemp('web') / 'web.db'}")
    fill(store)
    port = free_port()
    config = uvicorn.Config(create_app(store, ApiSettings()), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}/"
    srv.should_exit = True
    thread.join(10)
    store.close()


@pytest.fixture(scope="module")
def page(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        outside: list[str] = []
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(server)
                      else (outside.append(route.request.url), route.abort()))
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(server)
        page.wait_for_selector("body[data-ready='1']", timeout=20000)
        page.outside, page.errors = outside, errors
        yield page
        browser.close()


def marker_count(page) -> int:
    return int(page.get_attribute("#count", "data-count"))


def test_page_loads_offline_with_outlines_and_markers(page):
    assert page.errors == []
    assert page.outside == []  # no CDN, no tiles: every request went to our server
    assert page.locator("path.country").count() > 100  # country outlines drawn from world-atlas
    assert marker_count(page) == 5  # five fused events (two outlets reported the capture of Korvash)
    legend = page.locator("#legend").inner_text()
    assert "Battles" in legend and "Violence against civilians" in legend
    # control at the last day: the army holds Korvash's unit, shown at its seat (no polygons imported)
    assert page.locator("path.control-seat").count() == 1
    assert "Control on 2031-04-18" in legend and "Military Forces of Arvenia (2029-)" in legend


def test_clicking_a_marker_opens_its_sheet(page):
    page.evaluate("() => map.setView([41.6, 21.4], 9)")
    # the capture and the recapture of Korvash share its point: one cluster that lists them
    page.locator(".ev-cluster[title='2 events']").click()
    page.wait_for_selector("#sheet:not([hidden]) .event-list")
    assert page.locator(".event-list li").count() == 2
    page.locator(".event-list button", has_text="2031-03-02").click()
    page.wait_for_selector("#sheet:not([hidden]) .claims-grid")
    claims = page.locator(".claims-col").inner_text()
    denials = page.locator(".denials-col").inner_text()
    assert "We have taken Korvash" in claims and "Korvash Liberation Front" in claims
    assert "remains under government control" in denials and "Ministry of Defence" in denials
    figures = page.locator("table.figures").inner_text()
    assert "Valley Courier" in figures and "Highland Post" in figures and "30 killed" in figures
    evidence = page.locator("ul.evidence").inner_text()
    assert "Hospital staff counted six dead." in evidence
    assert page.locator("ol.sources li").count() == 2
    assert page.locator(".fatalities").inner_text() == "4"
    page.evaluate("() => map.setView([41.95, 21.9], 9)")  # Dresk, in the map left of the open sheet
    page.locator("path.ev-marker[data-date='2031-03-10']").click()  # a single marker: the air strike
    page.wait_for_function("() => document.querySelector('.ev-title').textContent.includes('Air/drone strike')")


def test_timeline_range_filters_markers(page):
    page.click("#range-reset")
    page.wait_for_function("() => document.querySelector('#count').dataset.count === '5'")
    box = page.locator("#histogram").bounding_box()
    y = box["y"] + box["height"] / 2
    # drag over the first ~45% of the span (2031-03-02 .. 2031-04-18): March only
    page.mouse.move(box["x"] + 1, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.25, y, steps=5)
    page.mouse.move(box["x"] + box["width"] * 0.45, y, steps=5)
    page.mouse.up()
    page.wait_for_function("() => document.querySelector('#count').dataset.count !== '5'")
    assert marker_count(page) == 3  # capture, air strike, attack: all in March
    label = page.locator("#range-label").inner_text()
    assert label.startswith("2031-03-02")
    page.click("#range-reset")
    page.wait_for_function("() => document.querySelector('#count').dataset.count === '5'")


def test_injected_html_renders_as_text(page):
    page.evaluate("() => map.setView([40.9, 20.8], 10)")
    page.locator("path.ev-marker[data-date='2031-03-20']").click()
    page.wait_for_function("() => (document.querySelector('.ev-title') || {}).textContent?.includes('civilians')")
    assert INJECTION in page.locator(".notes").inner_text()
    assert INJECTION in page.locator("ul.evidence").inner_text()
    page.locator("ol.sources button.link").first.click()
    page.wait_for_selector("#sheet .article-body")
    assert INJECTION in page.locator("#sheet h2").inner_text()
    assert INJECTION in page.locator(".article-body").inner_text()
    assert page.locator("#sheet img").count() == 0
    assert page.evaluate("() => window.__xss") is None


def apply_filters(page, actor: str, q: str, count: int) -> None:
    page.fill("#f-actor", actor)
    page.fill("#f-q", q)
    page.click("#filters button[type=submit]")
    page.wait_for_function(f"() => document.querySelector('#count').dataset.count === '{count}'")
    page.wait_for_function("() => !document.querySelector('#status').textContent.startsWith('loading')")
    assert page.locator("#status").inner_text() == ""  # no error


def test_search_and_actor_filters(page):
    page.click("#range-reset")
    apply_filters(page, "", "hospital st", 1)  # an evidence sentence of the capture, the last word a prefix
    apply_filters(page, "", 'depot* "(', 1)  # search syntax is plain text: no error
    apply_filters(page, "korvash liberation FRONT", "", 3)  # any case
    apply_filters(page, "", "", 5)


def test_screenshot_artifact(page):
    page.click("#range-reset")
    page.evaluate("() => map.setView([41.4, 21.6], 8)")
    page.locator(".ev-cluster[title='2 events']").click()
    page.locator(".event-list button", has_text="2031-03-02").click()
    page.wait_for_selector("#sheet:not([hidden]) .claims-grid")
    out = ROOT / "artifacts" / "web.png"
    out.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(out))
    assert out.stat().st_size > 10_000
