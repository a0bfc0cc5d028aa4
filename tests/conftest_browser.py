"""pytest plugin: a real headless Chromium (Debian's ``chromium`` + ``chromium-driver``)
driven by selenium, for the tests marked ``browser``.

``make test`` installs the two Debian packages (``make browser-deps``); no browser is
downloaded from anywhere else. A browser that cannot start FAILS the tests (never skips
them): CI must run them for real. Screenshots go to ``test-artifacts/`` at the top of the
checkout (``PARTYGRAPH_ARTIFACTS`` moves it), kept after the run for a person to look at.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("PARTYGRAPH_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("PARTYGRAPH_CHROMEDRIVER", "/usr/bin/chromedriver")

# The closed network refuses Chromium's background connections (updates, sync, Google
# look-ups); these flags keep it from trying, so a test sees only the pages it opens.
_FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
          "--no-first-run", "--disable-background-networking", "--disable-component-update",
          "--disable-sync", "--disable-dev-shm-usage", "--window-size=1280,900",
          # WebGL (the network page's sigma.js) in software: Chromium no longer falls
          # back to it silently
          "--enable-unsafe-swiftshader")


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    """Where browser tests save their screenshots (kept after the run)."""
    folder = Path(os.environ.get("PARTYGRAPH_ARTIFACTS", ROOT / "test-artifacts"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="session")
def browser() -> Iterator[webdriver.Chrome]:
    """One headless Chromium for the session; each test opens its own page."""
    missing = [p for p in (CHROMIUM, CHROMEDRIVER) if not Path(p).exists()]
    if missing:
        pytest.fail(f"browser tests need {', '.join(missing)}: run `make browser-deps` "
                    "(apt-get install chromium chromium-driver)")
    profile = tempfile.mkdtemp(prefix="partygraph-chromium-")
    options = Options()
    options.binary_location = CHROMIUM
    for flag in (*_FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
