"""Fixtures for the browser tests: the example site on loopback, Debian's Chromium
driven by Playwright, and screenshots saved under ``test-artifacts/screenshots/``.

Without a ``chromium`` executable (or without Playwright) these tests are skipped;
``.ci/run`` installs Chromium so they run there.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

from tests.example_site import MANAGE, ROOT, SCREENSHOTS, ExampleSite

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def demo_content():
    """The demo content definitions (plain data, read from the example site's source)."""
    # Read as a package of its own (content.py imports its sibling more_languages),
    # without the example site's apps on the path.
    folder = ROOT / "example_project" / "home" / "demo"
    spec = importlib.util.spec_from_file_location(
        "example_demo", folder / "__init__.py", submodule_search_locations=[str(folder)]
    )
    package = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = package  # dataclasses look their module up there
    spec.loader.exec_module(package)
    return importlib.import_module("example_demo.content")


@pytest.fixture(scope="session")
def prepared_site(tmp_path_factory) -> ExampleSite:
    """A migrated database with the demo content, made once per test run."""
    if chromium_path() is None:
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
    if not MANAGE.exists():
        pytest.skip("example_project/ is not part of this checkout")
    site = ExampleSite(tmp_path_factory.mktemp("prepared-site"))
    site.prepare()
    return site


def running_copy(prepared_site: ExampleSite, directory):
    site = prepared_site.copy(directory)
    site.start()
    return site


@pytest.fixture(scope="session")
def example_site(prepared_site, tmp_path_factory):
    """The example site as loaded by the demo command, for visitors (never edited)."""
    site = running_copy(prepared_site, tmp_path_factory.mktemp("visitor-site"))
    yield site
    site.stop()


@pytest.fixture(scope="session")
def editor_site(prepared_site, tmp_path_factory):
    """A separate copy of the site that editors change."""
    site = running_copy(prepared_site, tmp_path_factory.mktemp("editor-site"))
    yield site
    site.stop()


@pytest.fixture(scope="session")
def browser(prepared_site):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path(), args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A fresh browser tab at desktop width (a new context: no cookies carried over)."""
    context = browser.new_context(viewport=DESKTOP, locale="nl-NL")
    context.set_default_timeout(15_000)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def screenshot():
    """``screenshot(page, name)`` saves a full-page PNG as a test artefact."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def save(tab, name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        tab.screenshot(path=str(path), full_page=True)
        return path

    return save
