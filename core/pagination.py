"""Pagination whose page count does not cost a COUNT(*) on every request."""

import hashlib

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import connections
from django.utils.functional import cached_property

from .cache import content_version

COUNT_SECONDS = 600
# The hint of a queryset of public articles: (content version, the clock time it filters on).
PUBLIC_AS_OF = "public_as_of"
# Below this offset one plain query is as fast as two; beyond it the two-step fetch wins.
DEFERRED_JOIN_OFFSET = 1000


class CachedCountPaginator(Paginator):
    """A Paginator for large public lists.

    ``count`` is remembered per query until any content changes: the key is the query's
    SQL under the current content version (``core.cache``), so a publish, edit or delete
    gives exact counts at once, and a scheduled article going live bumps the version too.

    With ``deferred_join``, a deep page is fetched in two steps: first the ids of the page
    (an index-only scan, however deep the page), then those rows with their joins. A plain
    OFFSET over the joined, wide rows would sort tens of thousands of them on page 4000.
    """

    def __init__(self, *args, deferred_join: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.deferred_join = deferred_join

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        if not self.deferred_join or bottom < DEFERRED_JOIN_OFFSET:
            return super().page(number)
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        queryset = self.object_list
        if not hasattr(queryset, "values_list"):
            return self._get_page(queryset[bottom:top], number, self)
        ids = list(queryset.values_list("pk", flat=True)[bottom:top])
        rows = queryset.model._base_manager.none() if not ids else queryset.filter(pk__in=ids)
        by_id = {obj.pk: obj for obj in rows}
        return self._get_page([by_id[pk] for pk in ids if pk in by_id], number, self)

    @cached_property
    def count(self):
        query = getattr(self.object_list, "query", None)
        if query is None:
            return super().count
        try:
            sql, params = query.sql_with_params()
        except Exception:  # EmptyResultSet and friends: let Django count
            return super().count
        version = content_version()
        as_of = getattr(self.object_list, "_hints", {}).get(PUBLIC_AS_OF)
        if as_of is not None:
            # Public articles are filtered on the clock time, new on every request; within
            # a content version the same articles are public whatever it is (a scheduled
            # article's time coming makes a new version), so the key leaves it out, as
            # long as the version is still the one read before that time.
            queryset_version, now = as_of
            if queryset_version != version:
                return super().count
            stored = connections[self.object_list.db].ops.adapt_datetimefield_value(now)
            params = tuple("<now>" if p in (now, stored) else p for p in params)
        digest = hashlib.sha1(f"{sql}|{params!r}".encode()).hexdigest()
        key = f"page-count:{version}:{digest}"
        count = cache.get(key)
        if count is None:
            count = super().count
            cache.set(key, count, COUNT_SECONDS)
        return count
