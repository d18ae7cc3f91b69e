"""Production gunicorn settings: `gunicorn -c config/gunicorn.conf.py config.wsgi`.

Every value can be overridden from the environment (GUNICORN_*), so one file serves a
2-core VM and a large host alike.
"""

import gc
import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
# Synchronous workers: pages are short database-bound requests; the page cache and
# PostgreSQL do the heavy lifting. Two per core plus one is the usual starting point.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "sync")
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so that no slow leak can grow without bound. Not too often:
# a fresh worker starts with empty in-process caches and renders its first pages cold
# (at 5,000, a worker serving cached pages was replaced every few seconds, and the
# replacements showed as 400 ms spikes in the benchmark's tail latency).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "100000"))
max_requests_jitter = max_requests // 10
preload_app = True
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-")
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "info")
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def pre_fork(server, worker):
    """Exempt what the loaded application allocated from garbage collection: the workers
    share those pages with the master instead of copying them as the collector touches
    them, and the collector's full passes walk only what requests allocate."""
    gc.freeze()


def worker_exit(server, worker):
    """Write the article views this worker has tallied but not yet stored."""
    from news import view_counts

    view_counts.flush_at_exit()
