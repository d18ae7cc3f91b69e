"""The ceiling: a WSGI app that returns fixed bytes (the article page's HTML) and does
nothing else. The benchmark serves it with the same gunicorn settings as the portal."""

import os
from pathlib import Path

BODY = Path(os.environ["BENCH_BODY_FILE"]).read_bytes()
HEADERS = [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(BODY)))]


def application(environ, start_response):
    start_response("200 OK", HEADERS)
    return [BODY]
