"""Django's Redis cache backend, with one client per connection pool and tracked reads.

The stock backend builds a new ``redis.Redis`` for every cache operation, and each one
fills a table of about 170 response callbacks: on a page-cache hit that cost more than
the round trip to Redis. A client is thread-safe and its pool reconnects after a fork,
so one per pool is enough.

``RedisCache.get_tracked`` reads a few small keys that every request needs (the page
cache's content version) without a round trip: each process keeps what it read, and Redis
itself reports every change to those keys on a connection of the process's own (see
``ChangeListener``). redis-py's client-side caching does the same over RESP3, but it needs
Redis 7.4 or later; this works with Redis 6 and 7 too.
"""

import logging
import os
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient
from redis import RedisError, ResponseError

logger = logging.getLogger(__name__)

INVALIDATE_CHANNEL = "__redis__:invalidate"
RETRY_SECONDS = 1.0  # after a failed connection, read Redis directly for this long


class ReusedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ChangeListener:
    """A connection on which Redis reports every change to keys under some prefixes.

    It turns on ``CLIENT TRACKING`` in broadcasting mode for the prefixes, sends the
    invalidation messages to itself, and subscribes to them (RESP2; Redis 6 or later).
    Redis sends a message whenever such a key is written, deleted, expired, evicted or
    flushed, before it answers the next command of the client that made the change.
    Asking whether one has come is a poll of the socket, not a round trip.
    """

    def __init__(self, connection_pool, prefixes):
        self.pid = os.getpid()
        self.prefixes = frozenset(prefixes)
        self.connection = connection_pool.connection_class(**connection_pool.connection_kwargs)
        try:
            self._subscribe()
        except BaseException:
            self.connection.disconnect()
            raise

    def _subscribe(self):
        conn = self.connection
        conn.connect()
        conn.send_command("CLIENT", "ID")
        self.client_id = client_id = conn.read_response()
        prefix_args = [part for prefix in sorted(self.prefixes) for part in ("PREFIX", prefix)]
        conn.send_command("CLIENT", "TRACKING", "ON", "REDIRECT", client_id, "BCAST", *prefix_args)
        conn.read_response()
        conn.send_command("SUBSCRIBE", INVALIDATE_CHANNEL)
        conn.read_response(push_request=True)  # the subscription's confirmation

    def changed(self) -> bool:
        """Whether Redis reported a change since the last call; reads the reports.

        Raises ``redis.RedisError`` or ``OSError`` when the connection broke (reports may
        have been lost: treat it as a change)."""
        changed = False
        while self.connection.can_read(0):
            self.connection.read_response(push_request=True)
            changed = True
        return changed

    def close(self):
        self.connection.disconnect()


class TrackedValues:
    """What a process read of some keys, kept while a ``ChangeListener`` reports no change.

    Shared by the threads of a process (Django gives each thread its own backend object).
    A value read while a change was being reported is not kept: each report moves a
    generation counter on, and a read keeps its result only if the counter has not moved
    since it started.
    """

    def __init__(self):
        self._lock = threading.Lock()
        self._listener = None
        self._values: dict = {}
        self._generation = 0
        self._retry_at = 0.0
        self._disabled = False
        self.redis_keys: tuple = ()  # every key asked for, as stored in Redis

    def get(self, backend, keys: tuple, redis_keys: tuple) -> dict:
        with self._lock:
            if not self.redis_keys or not set(redis_keys).issubset(self.redis_keys):
                self.redis_keys = tuple({*self.redis_keys, *redis_keys})
            fresh = self._check(backend, redis_keys)
            if fresh:
                values = self._values.get(keys)
                if values is not None:
                    return values
            generation = self._generation
        # Read after the check: what is read is at least as new as the last report.
        values = DjangoRedisCache.get_many(backend, keys)
        if fresh:
            with self._lock:
                if generation == self._generation:
                    self._values[keys] = values
        return values

    def forget(self) -> None:
        """Drop what was read (this process changed a tracked key)."""
        with self._lock:
            self._values = {}
            self._generation += 1

    def _check(self, backend, redis_keys) -> bool:
        """Whether the kept values are still current; drops them when not. Under the lock."""
        listener = self._listener
        if listener is not None and listener.pid != os.getpid():
            listener = self._listener = None  # inherited across a fork: the parent's socket
            self._forget()
        try:
            if listener is not None and listener.prefixes.issuperset(redis_keys):
                if listener.changed():
                    self._forget()  # and what is read from now on may be kept
                return True
            if self._disabled or time.monotonic() < self._retry_at:
                return False
            if listener is not None:
                self._listener = None
                listener.close()  # it does not cover a key asked for now: a wider one
            self._forget()
            pool = backend._cache._get_connection_pool(True)
            self._listener = ChangeListener(pool, self.redis_keys)
            return True  # nothing is kept yet: the caller reads, after subscribing
        except ResponseError:
            # The server refuses tracking (older than Redis 6, or a proxy that does not
            # pass it on): read Redis on every call, as the stock backend does.
            logger.warning("Redis refused CLIENT TRACKING: cached reads are not kept")
            self._disabled = True
        except (RedisError, OSError):
            logger.warning("Redis change listener lost; reading Redis directly for now")
            self._retry_at = time.monotonic() + RETRY_SECONDS
        if self._listener is not None:
            self._listener.close()
        self._listener = None
        self._forget()
        return False

    def _forget(self):
        self._values = {}
        self._generation += 1


_tracked_by_location: dict = {}
_tracked_lock = threading.Lock()


def _tracked_values(location: str) -> TrackedValues:
    with _tracked_lock:
        tracked = _tracked_by_location.get(location)
        if tracked is None:
            tracked = _tracked_by_location[location] = TrackedValues()
        return tracked


class RedisCache(DjangoRedisCache):
    """Django's ``RedisCache``, with one client per pool and ``get_tracked``.

    ``TRACK_CHANGES`` (default true) in the cache's settings turns tracked reads on; they
    need one server (with several, Django reads from replicas, which may lag behind the
    reports of the primary).
    """

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient
        track = params.get("TRACK_CHANGES", True) and len(self._servers) == 1
        self._tracked = _tracked_values(self._servers[0]) if track else None
        self._redis_keys: dict = {}

    def get_tracked(self, keys: tuple) -> dict:
        """``get_many(keys)`` for a few small, often-read keys: answered from this process
        while Redis reports no change to them, so that most calls cost no round trip."""
        if self._tracked is None:
            return self.get_many(keys)
        redis_keys = self._redis_keys.get(keys)
        if redis_keys is None:
            redis_keys = self._redis_keys[keys] = tuple(map(self.make_and_validate_key, keys))
        return self._tracked.get(self, keys, redis_keys)

    # Writes through this backend drop the kept values at once: Redis's report of the
    # change reaches the listener a moment after the writer has its answer.

    def _wrote(self, *keys, version=None) -> None:
        tracked = self._tracked
        if tracked is not None and tracked.redis_keys:
            for key in keys:
                if self.make_key(key, version=version).startswith(tracked.redis_keys):
                    tracked.forget()
                    return

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        added = super().add(key, value, timeout, version)
        self._wrote(key, version=version)
        return added

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        super().set(key, value, timeout, version)
        self._wrote(key, version=version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        touched = super().touch(key, timeout, version)
        self._wrote(key, version=version)
        return touched

    def delete(self, key, version=None):
        deleted = super().delete(key, version)
        self._wrote(key, version=version)
        return deleted

    def incr(self, key, delta=1, version=None):
        value = super().incr(key, delta, version)
        self._wrote(key, version=version)
        return value

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        failed = super().set_many(data, timeout, version)
        self._wrote(*data, version=version)
        return failed

    def delete_many(self, keys, version=None):
        super().delete_many(keys, version)
        self._wrote(*keys, version=version)

    def clear(self):
        cleared = super().clear()
        if self._tracked is not None:
            self._tracked.forget()
        return cleared
