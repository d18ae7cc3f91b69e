"""The public pages on SQLite, the database `make run` uses on a fresh clone.

The suite itself runs on PostgreSQL in CI, so hand-written SQL that only PostgreSQL
accepts (a parenthesised UNION member once broke every article page on SQLite) would pass
there. This runs the page tests again, in a subprocess on SQLite.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGE_TESTS = [
    "tests/news/test_articles.py",
    "tests/news/test_home.py",
    "tests/news/test_filters.py",
    "tests/members/test_zones.py",
]


@pytest.mark.skipif(
    os.environ.get("PORTAL_TEST_SQLITE") == "1", reason="this run is on SQLite already"
)
def test_public_pages_work_on_sqlite():
    env = {**os.environ, "PORTAL_TEST_SQLITE": "1"}
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *PAGE_TESTS],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert " passed" in result.stdout
