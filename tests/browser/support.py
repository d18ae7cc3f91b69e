"""Helpers of the browser tests: the browser's location, axe, the Nu HTML Checker,
screenshots and logging in."""

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("PORTAL_CHROMIUM", "/usr/bin/chromium"))
# Headless, and nothing that phones home: this machine's network is closed.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
IN_CI = os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}
ARTIFACTS = ROOT / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
SAVED_HTML = ARTIFACTS / "html"
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
DEMO_PASSWORD = "browser-Test-pw-7"
WIDTHS = {"phone": 375, "desktop": 1280}
# Impacts that fail a page; "moderate" and "minor" findings are reported, not fatal.
BLOCKING_IMPACTS = {"serious", "critical"}


def missing_tools(*tools: str) -> list[str]:
    """Human-readable notes on which of ``tools`` are not available."""
    notes = []
    if "chromium" in tools and not CHROMIUM.exists():
        notes.append(f"Chromium at {CHROMIUM}")
    if "playwright" in tools:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            notes.append("the playwright package (pip install -e '.[dev]')")
    if "vnu" in tools:
        if shutil.which("java") is None:
            notes.append("Java (apt-get install default-jre-headless)")
        if not VNU_JAR.exists():
            notes.append(f"{VNU_JAR.relative_to(ROOT)} (npm ci)")
    return notes


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def screenshot(page, name: str, *, full_page: bool = True) -> Path:
    """Save ``page`` as test-artifacts/screenshots/<name>-<width>.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{slug(name)}-{page.viewport_size['width']}.png"
    page.screenshot(path=str(path), full_page=full_page, animations="disabled")
    return path


def axe_problems(page, label: str) -> list[str]:
    """Serious and critical axe-core violations on ``page``, one line per element."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"resultTypes": ["violations"]})
    problems = []
    for violation in results.response["violations"]:
        if violation["impact"] not in BLOCKING_IMPACTS:
            continue
        for node in violation["nodes"]:
            problems.append(
                f"{label}: {violation['id']} ({violation['impact']}) "
                f"{violation['help']} at {', '.join(map(str, node['target']))}: "
                f"{node['html'][:160]}"
            )
    return problems


def save_html(name: str, html: str) -> Path:
    """Keep the HTML the server sent, for the Nu HTML Checker."""
    SAVED_HTML.mkdir(parents=True, exist_ok=True)
    path = SAVED_HTML / f"{slug(name)}.html"
    path.write_text(html, encoding="utf-8")
    return path


def vnu_errors(paths: list[Path]) -> list[str]:
    """Errors the Nu HTML Checker finds in ``paths`` (one Java start for all of them)."""
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--format", "json", "--stdout", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    try:
        messages = json.loads(result.stdout)["messages"]
    except (json.JSONDecodeError, KeyError) as exc:
        raise AssertionError(
            f"vnu gave no JSON: {result.stdout[:500]} {result.stderr[:500]}"
        ) from exc
    errors = []
    for message in messages:
        if message.get("type") == "error" or message.get("subType") == "fatal":
            where = Path(message.get("url", "")).name
            errors.append(
                f"{where}:{message.get('lastLine', '?')}: {message.get('message')} "
                f"[{message.get('extract', '').strip()[:120]}]"
            )
    return errors


def log_in(page, username: str, password: str = DEMO_PASSWORD) -> None:
    """Log in on the public login page (zone staff)."""
    page.goto("/account/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url("**/account/contributions/")


def admin_log_in(page, username: str, password: str = DEMO_PASSWORD) -> None:
    """Log in to the admin (association staff)."""
    page.goto("/admin/login/?next=/admin/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("input[type=submit]").click()
    page.wait_for_url("**/admin/")
