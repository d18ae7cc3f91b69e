"""Pagination whose page count does not cost a COUNT(*) on every request."""

import hashlib

from django.core.cache import cache
from django.core.paginator import Paginator
from django.utils.functional import cached_property

from .cache import content_version

COUNT_SECONDS = 600


class CachedCountPaginator(Paginator):
    """A Paginator that remembers ``count`` per query until any content changes.

    The key is the query's SQL under the current content version (``core.cache``), so a
    publish, edit or delete gives exact counts at once, and a scheduled article going live
    bumps the version too.
    """

    @cached_property
    def count(self):
        query = getattr(self.object_list, "query", None)
        if query is None:
            return super().count
        try:
            sql, params = query.sql_with_params()
        except Exception:  # EmptyResultSet and friends: let Django count
            return super().count
        digest = hashlib.sha1(f"{sql}|{params!r}".encode()).hexdigest()
        key = f"page-count:{content_version()}:{digest}"
        count = cache.get(key)
        if count is None:
            count = super().count
            cache.set(key, count, COUNT_SECONDS)
        return count
