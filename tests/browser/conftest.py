"""Browser tests: Playwright (sync API) driving Debian's Chromium against ``live_server``.

Every test here is marked ``browser``. Without Chromium at ``/usr/bin/chromium`` (or
``PORTAL_CHROMIUM``) they are skipped, except under CI (``CI=true``), where a missing
browser, Playwright or Java is a failure: CI must see the pages, not skip them.
``scripts/install_browser_deps.sh`` installs what they need.

``live_server`` needs a transactional database, which Django empties after every test
(``flush``). The GB/T 2260 regions come from a data migration, so a fixture loads them
again before each test and after the last test of each module, for the tests that follow.
"""

import contextlib
import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command

from members.models import Region
from members.regions import load_regions

from .support import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, DEMO_PASSWORD, IN_CI, missing_tools

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config, items):
    """Mark this folder's tests ``browser``; skip them cleanly where Chromium is absent."""
    mine = [item for item in items if HERE in Path(str(item.fspath)).resolve().parents]
    reason = None if CHROMIUM.exists() or IN_CI else f"Chromium not installed at {CHROMIUM}"
    for item in mine:
        item.add_marker(pytest.mark.browser)
        if reason:
            item.add_marker(pytest.mark.skip(reason=reason))


def require(*tools: str) -> None:
    """Skip (fail under CI) when a tool the test needs is missing."""
    missing = missing_tools(*tools)
    if missing:
        message = "missing for the browser tests: " + "; ".join(missing)
        message += " (run scripts/install_browser_deps.sh)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Remember each phase's outcome so the page fixture can keep evidence of failures."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium per test module.

    While Playwright's sync API runs, an asyncio loop is registered on this thread, and
    Django refuses ORM calls from a thread with a running loop; the tests' own ORM calls
    are ordinary synchronous code, so the check is lifted for exactly that time.
    """
    require("chromium", "playwright")
    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
            )
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="module", autouse=True)
def _regions_after_module(django_db_setup, django_db_blocker):
    """Put the migration's regions back once this module's last flush has emptied them."""
    yield
    with django_db_blocker.unblock():
        load_regions(Region)


@pytest.fixture
def demo_site(transactional_db):
    """The demo portal of ``seed_demo`` (zones in five provinces, columns, articles,
    pages, links and the accounts admin/editor/reviewer/contributor)."""
    load_regions(Region)
    call_command("seed_demo", articles=40, password=DEMO_PASSWORD, stdout=io.StringIO())


@pytest.fixture
def new_page(browser, live_server, request):
    """A factory of pages in fresh browser contexts (own cookies and localStorage).

    Each context gets the live server as base URL, zh-CN locale and Shanghai time; when
    the test fails, a screenshot of every open page goes to test-artifacts/failures/.
    """
    contexts = []

    def make(width: int = 1280, height: int = 900):
        context = browser.new_context(
            base_url=live_server.url,
            locale="zh-CN",
            timezone_id="Asia/Shanghai",
            viewport={"width": width, "height": height},
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield make
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        folder = ARTIFACTS / "failures"
        folder.mkdir(parents=True, exist_ok=True)
        for c_index, context in enumerate(contexts):
            for p_index, page in enumerate(context.pages):
                name = f"{request.node.name}-{c_index}-{p_index}.png"
                with contextlib.suppress(Exception):  # evidence is best effort
                    page.screenshot(path=str(folder / name), full_page=True)
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    """One desktop-sized page."""
    return new_page()
