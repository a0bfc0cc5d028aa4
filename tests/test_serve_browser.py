"""``serve`` in a real browser (headless Chromium): search a name in Cyrillic, open
Nguyen Thanh Nam's page built from examples/, read his posts, click through to the
event he chaired; a name holding ``<script>`` shows as text and runs nothing.
Screenshots go to ``artifacts_dir``."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest_serve import HOSTILE_NAME, HOSTILE_QUOTE
from selenium.webdriver import Chrome
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

pytestmark = pytest.mark.browser


def heading(browser: Chrome, text: str) -> None:
    WebDriverWait(browser, 15).until(ec.text_to_be_present_in_element((By.ID, "label"), text))


def test_search_in_cyrillic_then_posts_then_the_event_he_chaired(
        browser: Chrome, served: str, artifacts_dir: Path) -> None:
    browser.get(served)
    box = browser.find_element(By.ID, "search")
    box.send_keys("Нгуен Тхань Нам", Keys.ENTER)
    WebDriverWait(browser, 15).until(ec.presence_of_element_located((By.ID, "hits")))
    browser.save_screenshot(str(artifacts_dir / "serve-search-cyrillic.png"))
    browser.find_element(By.ID, "hits").find_element(By.LINK_TEXT, "Nguyen Thanh Nam").click()

    heading(browser, "Nguyen Thanh Nam")
    posts = browser.find_element(By.ID, "posts").text
    assert "organization commission of Binh Thuan" in posts
    assert "2023-12-13" in posts and "2024-02-28" in posts and "head" in posts
    assert "Nguyen Thanh Nam" in posts          # the evidence sentence is shown
    browser.save_screenshot(str(artifacts_dir / "serve-person-nguyen-thanh-nam.png"))

    chaired = browser.find_element(By.ID, "events-chaired")
    chaired.find_element(By.PARTIAL_LINK_TEXT, "Meeting 2024-02-27").click()
    heading(browser, "Meeting 2024-02-27")
    people = browser.find_element(By.ID, "people").text
    assert "Nguyen Thanh Nam" in people and "chaired" in people
    assert browser.find_element(By.CLASS_NAME, "kind").text.lower() == "event"
    browser.save_screenshot(str(artifacts_dir / "serve-event-chaired.png"))


def test_a_script_in_a_name_shows_as_text_and_does_not_run(
        browser: Chrome, served_hostile: str, artifacts_dir: Path) -> None:
    browser.get(served_hostile + "id/person/tran-van-ba")
    heading(browser, "Tran")
    assert browser.find_element(By.ID, "label").text == " ".join(HOSTILE_NAME.split())
    assert browser.execute_script("return typeof window.pwned") == "undefined"
    assert HOSTILE_QUOTE in browser.find_element(By.ID, "posts").text
    assert "<script>window.pwned = 3</script>" in browser.find_element(By.ID, "names").text
    assert browser.find_elements(By.CSS_SELECTOR, "main script, main img, main b") == []
    browser.save_screenshot(str(artifacts_dir / "serve-script-name-as-text.png"))
