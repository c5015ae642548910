"""The live page in a real browser (Debian's chromium, headless, through chromedriver).

A worker codes the sample articles through the test broker while the page is open: their
events must appear in its feed without a reload, a filter must narrow the feed, and the dyad
barometer must draw. A screenshot of each view is written under ``var/screenshots/``.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from services.cli.commands.produce import produce_inputs
from services.cli.page_process import PageProcess
from services.processes.worker import free_port
from services.settings import Settings
from tests.integration.conftest import REPO_ROOT
from tests.integration.workers import StartWorker

pytestmark = pytest.mark.broker
pytest_plugins = ["tests.integration.workers"]

SAMPLES = REPO_ROOT / "samples" / "articles.jsonl"
SCREENSHOTS = REPO_ROOT / "var" / "screenshots"
ARRIVAL_TIMEOUT_S = 30.0
STEP_TIMEOUT_S = 15.0


@pytest.fixture
def browser() -> Iterator[webdriver.Chrome]:
    """Headless chromium at 1400x1600; fails when set-up did not install it."""
    binary, driver = shutil.which("chromium"), shutil.which("chromedriver")
    if binary is None or driver is None:
        pytest.fail("chromium and chromedriver are missing: `make test` installs them")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,1600"):
        options.add_argument(argument)
    chrome = webdriver.Chrome(options=options, service=Service(executable_path=driver))
    yield chrome
    chrome.quit()


@pytest.fixture
def page(pipeline_settings: Settings, tmp_path: Path) -> Iterator[PageProcess]:
    """``dipstream ui`` with its own store and port, stopped after the test."""
    settings = pipeline_settings.model_copy(
        update={"store_path": tmp_path / "store.duckdb", "ui_port": free_port()}
    )
    process = PageProcess(settings, tmp_path / "page.log", cwd=tmp_path)
    try:
        process.wait_ready()
        yield process
    finally:
        process.stop()


def feed_types(browser: webdriver.Chrome) -> list[str]:
    """The event type of each feed entry, in order (read in one script: the feed re-renders)."""
    types: list[str] = browser.execute_script(
        "return [...document.querySelectorAll('#feed li.event .type')]"
        ".map((node) => node.textContent.split('/')[0]);"
    )
    return types


def test_the_page_shows_events_as_they_arrive_filters_them_and_draws_the_barometer(
    pipeline_settings: Settings,
    start_worker: StartWorker,
    page: PageProcess,
    browser: webdriver.Chrome,
) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    start_worker(pipeline_settings)
    browser.get(page.url)
    WebDriverWait(browser, STEP_TIMEOUT_S).until(
        lambda chrome: chrome.find_element(By.ID, "status").text == "live"
    )
    assert feed_types(browser) == []

    produce_inputs(pipeline_settings, [str(SAMPLES)], topic=pipeline_settings.topic_articles)
    sent = time.monotonic()
    WebDriverWait(browser, ARRIVAL_TIMEOUT_S).until(lambda chrome: feed_types(chrome))
    print(f"first event in the feed {time.monotonic() - sent:.1f} s after the articles were sent")
    # Let the rest of the sample arrive, then the feed holds every event.
    WebDriverWait(browser, ARRIVAL_TIMEOUT_S).until(lambda chrome: len(feed_types(chrome)) >= 20)
    time.sleep(2)
    browser.save_screenshot(str(SCREENSHOTS / "feed.png"))
    everything = feed_types(browser)

    chosen = next(kind for kind in everything if everything.count(kind) < len(everything))
    Select(browser.find_element(By.ID, "f-type")).select_by_value(chosen)
    WebDriverWait(browser, STEP_TIMEOUT_S).until(lambda chrome: set(feed_types(chrome)) == {chosen})
    assert len(feed_types(browser)) == everything.count(chosen)
    browser.save_screenshot(str(SCREENSHOTS / "filtered.png"))

    browser.find_element(By.ID, "f-reset").click()
    WebDriverWait(browser, STEP_TIMEOUT_S).until(
        lambda chrome: len(feed_types(chrome)) == len(everything)
    )
    barometer = browser.find_element(By.ID, "barometer-panel")
    WebDriverWait(browser, STEP_TIMEOUT_S).until(
        lambda chrome: chrome.find_elements(By.CSS_SELECTOR, "#barometer rect.bar")
    )
    assert browser.find_elements(By.CSS_SELECTOR, "#barometer polyline.goldstein")
    barometer.screenshot(str(SCREENSHOTS / "barometer.png"))
    assert browser.find_elements(By.CSS_SELECTOR, "#map circle.place")
    browser.find_element(By.ID, "map").screenshot(str(SCREENSHOTS / "map.png"))
    rows = browser.find_elements(By.CSS_SELECTOR, "#top-dyads tbody tr")
    assert rows
    assert "|" in rows[0].text
