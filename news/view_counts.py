"""Article view counts, tallied in each process and written in one statement at a time.

Counting a view with its own ``UPDATE`` costs a committed write (a WAL flush) on every
page view, cached or not. Instead each view adds one to a per-process tally; every
``PORTAL_VIEW_COUNT_FLUSH_SECONDS`` the tally is swapped out under a lock and written as
one ``UPDATE … SET view_count = view_count + CASE …``. Every view is written exactly once:
a failed write (database down) puts its counts back for the next flush. With the setting
at 0 every view is written at once, as the tests want.

The tally lives in process memory, so gunicorn's ``worker_exit`` hook (and ``atexit`` for
other servers) writes what is left when a worker stops. A process killed outright (SIGKILL,
out of memory) loses at most its last interval of views.
"""

import atexit
import logging
import threading
import time
from collections import Counter

from django.conf import settings
from django.db import Error
from django.db.models import Case, F, Value, When

logger = logging.getLogger(__name__)

_lock = threading.Lock()
_pending: Counter = Counter()
_last_flush = time.monotonic()


def record(pk: int, *, write: bool = True) -> int:
    """Count one view of article ``pk``; return how many of its views are not yet written
    (0 when this call wrote them). ``write=False`` never writes, even when a write is due."""
    with _lock:
        _pending[pk] += 1
        waiting = _pending[pk]
    if write and flush_due():
        flush()
        return 0
    return waiting


def flush_due() -> bool:
    """True when the tally holds views and the interval since the last write has passed."""
    return bool(_pending) and (
        time.monotonic() - _last_flush >= settings.PORTAL_VIEW_COUNT_FLUSH_SECONDS
    )


def pending(pk: int | None = None) -> int:
    """Views not yet written: of one article, or of all of them."""
    with _lock:
        return _pending[pk] if pk is not None else sum(_pending.values())


def flush() -> int:
    """Write the tally to the database in one statement; return the number of views written.

    On a database error the counts go back into the tally, so nothing is lost or doubled.
    """
    global _last_flush
    with _lock:
        batch = dict(_pending)
        _pending.clear()
        _last_flush = time.monotonic()
    if not batch:
        return 0
    from news.models import Article

    try:
        Article.objects.filter(pk__in=batch).update(
            view_count=F("view_count")
            + Case(*(When(pk=pk, then=Value(n)) for pk, n in batch.items()), default=Value(0))
        )
    except Error:  # DatabaseError, and InterfaceError (a closed connection)
        logger.warning(
            "view counts not written (%d views kept for the next try)", sum(batch.values())
        )
        with _lock:
            _pending.update(batch)
        return 0
    return sum(batch.values())


def flush_at_exit() -> None:
    """Write what is left when the process stops (gunicorn ``worker_exit``, ``atexit``)."""
    try:
        flush()
    except Exception:  # the process is going away; never block its exit
        logger.exception("view counts lost at exit: %d", sum(_pending.values()))


atexit.register(flush_at_exit)
