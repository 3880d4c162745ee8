"""The web view end to end in headless Chromium: the table sorts and filters, a case opens, a fact shows its evidence.

Needs Debian's ``chromium`` and ``chromium-driver`` (``apt-get install -y
chromium chromium-driver``); without them the test fails and says so.
Screenshots go to the test's temporary folder. The picture of a case page in
the docs is taken from a synthetic case (its report text is the project's own,
unlike the seed reports, whose sentences stay out of the repository);
``KG_UPDATE_SCREENSHOT=1`` writes it to ``docs/case-page.png``.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kg.build import build
from kg.ontology.terms import TermIndex
from kg.synth import write_corpus

from ..conftest import TESTS
from .conftest import running

DOCS_SCREENSHOT = TESTS.parent / "docs" / "case-page.png"
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--window-size=1280,900",
    "--force-device-scale-factor=1",
)
INSTALL = "install Debian's chromium and its driver: apt-get install -y chromium chromium-driver (and pip install selenium)"


def _executable(*names: str) -> str:
    found = next((path for name in names if (path := shutil.which(name))), None)
    if found is None:
        pytest.fail(f"{' or '.join(names)} not found: {INSTALL}", pytrace=False)
    return found


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        pytest.fail(f"selenium is not installed: {INSTALL}", pytrace=False)
    options = webdriver.ChromeOptions()
    options.binary_location = _executable("chromium", "chromium-browser")
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    profile = tempfile.mkdtemp(prefix="kg-chromium-")
    options.add_argument(f"--user-data-dir={profile}")
    driver = webdriver.Chrome(options=options, service=Service(_executable("chromedriver")))
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("screenshots")


def _wait(driver: Any, condition: Any, message: str) -> Any:
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, 30).until(condition, message)


def _first_column(driver: Any, table: str = "cases") -> list[str]:
    from selenium.webdriver.common.by import By

    rows = driver.find_elements(By.CSS_SELECTOR, f"#{table} tbody tr")
    return [row.find_element(By.CSS_SELECTOR, "td").text for row in rows if row.is_displayed()]


def test_table_case_fact_and_evidence(browser: Any, base_url: str, seed_reports: Path, screenshots: Path) -> None:
    from selenium.webdriver.common.by import By

    browser.get(base_url)
    assert browser.find_element(By.TAG_NAME, "h1").text == "Case series"
    assert _first_column(browser) == ["bender-2024", "mahipathy-2020"]

    age = browser.find_element(By.XPATH, "//table[@id='cases']//th/button[normalize-space()='age']")
    age.click()
    assert _first_column(browser) == ["mahipathy-2020", "bender-2024"]  # 15 before 52
    age.click()
    assert _first_column(browser) == ["bender-2024", "mahipathy-2020"]

    search = browser.find_element(By.CSS_SELECTOR, "input[data-filter='cases']")
    search.send_keys("juvenile")
    assert _first_column(browser) == ["mahipathy-2020"]
    assert browser.find_element(By.CSS_SELECTOR, "[data-count='cases']").text == "1 row"
    search.clear()
    search.send_keys("thigh")
    assert _first_column(browser) == ["bender-2024"]
    browser.save_screenshot(str(screenshots / "case-table.png"))

    browser.find_element(By.LINK_TEXT, "bender-2024").click()
    _wait(browser, lambda d: d.find_element(By.TAG_NAME, "h1").text == "Case bender-2024", "the case page did not open")
    fact = browser.find_element(By.ID, "fact-dx-dvt-absent")
    assert "negated" in fact.get_attribute("class").split()
    marks = fact.find_elements(By.TAG_NAME, "mark")
    assert marks and not any(mark.is_displayed() for mark in marks)  # closed: evidence hidden

    summary = fact.find_element(By.TAG_NAME, "summary")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", summary)
    summary.click()
    _wait(browser, lambda d: all(mark.is_displayed() for mark in marks), "clicking the fact did not show its evidence")
    text = (seed_reports / "000_b36f31f2d423490e.txt").read_text(encoding="utf-8")
    captions = [caption.text for caption in fact.find_elements(By.TAG_NAME, "figcaption")]
    spans = [tuple(int(n) for n in caption.rsplit(" ", 1)[-1].split("–")) for caption in captions]
    assert [mark.text for mark in marks] == [text[start:end].strip() for start, end in spans]
    color = marks[0].value_of_css_property("background-color")
    assert color not in ("rgba(0, 0, 0, 0)", "transparent"), "the evidence is not highlighted"
    assert "negated / ruled out" in fact.find_element(By.TAG_NAME, "summary").text

    browser.save_screenshot(str(screenshots / "case-page.png"))


def test_graph_view_links_back_to_the_facts(browser: Any, base_url: str, screenshots: Path) -> None:
    from selenium.webdriver.common.by import By

    browser.get(base_url + "cases/bender-2024/graph")
    svg = _wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, "svg#graph[data-ready='true']"), "the graph was not drawn")
    circles = svg.find_elements(By.TAG_NAME, "circle")
    kinds = {circle.get_attribute("data-kind") for circle in circles}
    assert {"patient", "diagnosis", "drug", "term"} <= kinds
    assert len(svg.find_elements(By.TAG_NAME, "line")) > len(circles) / 2
    browser.save_screenshot(str(screenshots / "case-graph.png"))

    negated = svg.find_element(By.CSS_SELECTOR, "circle.negated")
    browser.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}));", negated)
    _wait(browser, lambda d: "/cases/bender-2024#fact-dx-" in d.current_url, "clicking a fact node did not open its case page")
    opened = _wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, "details[open]"), "the fact was not opened")
    assert opened.get_attribute("id") == browser.current_url.rsplit("#", 1)[1]
    assert any(mark.is_displayed() for mark in opened.find_elements(By.TAG_NAME, "mark"))


def test_a_query_form_runs_in_the_browser(browser: Any, base_url: str) -> None:
    from selenium.webdriver.common.by import By

    browser.get(base_url + "queries/calcinosis-sites")
    field = browser.find_element(By.NAME, "region")
    field.clear()
    field.send_keys("lower limb")
    browser.find_element(By.CSS_SELECTOR, "form.params button[type=submit]").click()
    _wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#results tbody tr"), "the query gave no table")
    sites = sorted(row.find_elements(By.TAG_NAME, "td")[3].text for row in browser.find_elements(By.CSS_SELECTOR, "#results tbody tr"))
    assert sites == ["knee", "popliteal fossa", "posterior thigh"]


@pytest.fixture(scope="module")
def synthetic_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Two synthetic cases, built and served with their report texts."""
    folder = tmp_path_factory.mktemp("synthetic")
    write_corpus(folder, 2, seed=0, terms=TermIndex.load())
    build(folder / "data", folder / "out", folder / "reports")
    with running(folder / "out", folder / "reports") as url:
        yield url


def test_case_page_picture_for_the_docs(browser: Any, synthetic_url: str, screenshots: Path) -> None:
    from selenium.webdriver.common.by import By

    browser.set_window_size(1280, 1300)
    try:
        browser.get(synthetic_url + "cases/synth-000001")
        fact = browser.find_element(By.CSS_SELECTOR, "details.fact.negated")
        fact.find_element(By.TAG_NAME, "summary").click()
        marks = fact.find_elements(By.TAG_NAME, "mark")
        _wait(browser, lambda d: marks and all(mark.is_displayed() for mark in marks), "the negated fact shows no evidence")
        browser.execute_script("arguments[0].scrollIntoView({block: 'end'});", fact)
        browser.save_screenshot(str(screenshots / "docs-case-page.png"))
    finally:
        browser.set_window_size(1280, 900)
    if os.environ.get("KG_UPDATE_SCREENSHOT") == "1":
        DOCS_SCREENSHOT.parent.mkdir(exist_ok=True)
        shutil.copy(screenshots / "docs-case-page.png", DOCS_SCREENSHOT)
