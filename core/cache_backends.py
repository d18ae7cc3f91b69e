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
PING_SECONDS = 5.0  # how often the listener's connection is asked to answer
PING_TIMEOUT = 1.0


def _is_pong(reply) -> bool:
    """A PING's answer on a subscribed connection (``PONG``, or RESP2's ``["pong", ""]``)."""
    if isinstance(reply, list | tuple) and reply:
        reply = reply[0]
    if isinstance(reply, bytes):
        reply = reply.decode(errors="replace")
    return isinstance(reply, str) and reply.lower() == "pong"


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
    flushed, in the same pass of its event loop as its answer to the client that made the
    change. Asking whether one has come is a poll of the socket, not a round trip.

    A connection can also die without a word (a firewall or NAT dropping it, a failover
    behind a virtual address): every ``PING_SECONDS`` it is asked for a PING, and no
    answer within ``PING_TIMEOUT`` counts as a break (TCP keepalive is on as well).
    """

    def __init__(self, connection_pool, prefixes):
        self.pid = os.getpid()
        self.prefixes = frozenset(prefixes)
        kwargs = dict(connection_pool.connection_kwargs)
        kwargs["socket_keepalive"] = True
        # Connecting happens under the lock every thread of the process waits on.
        kwargs["socket_connect_timeout"] = min(kwargs.get("socket_connect_timeout") or 1, 1)
        self.connection = connection_pool.connection_class(**kwargs)
        try:
            self._subscribe()
        except BaseException:
            self.connection.disconnect()
            raise
        self.answered_at = time.monotonic()

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

        Raises ``redis.RedisError`` or ``OSError`` when the connection broke or did not
        answer its PING (reports may have been lost: treat it as a change)."""
        conn = self.connection
        changed = False
        while conn.can_read(0):
            changed |= not _is_pong(conn.read_response(push_request=True))
        if time.monotonic() - self.answered_at >= PING_SECONDS:
            conn.send_command("PING")
            while not _is_pong(conn.read_response(push_request=True, timeout=PING_TIMEOUT)):
                changed = True  # a report that came before the answer
            self.answered_at = time.monotonic()
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
                values = self._values.get(redis_keys)
                if values is not None:
                    return dict(values)
            generation = self._generation
        # Read after the check: what is read is at least as new as the last report.
        values = DjangoRedisCache.get_many(backend, keys)
        if fresh:
            with self._lock:
                if generation == self._generation:
                    self._values[redis_keys] = dict(values)
        return values

    def forget(self) -> None:
        """Drop what was read (this process changed a tracked key)."""
        with self._lock:
            self._forget()

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
            self._retry_at = 0.0
            return True  # nothing is kept yet: the caller reads, after subscribing
        except ResponseError as exc:
            if "unknown" in str(exc).lower():
                # The server has no tracking (older than Redis 6, or a proxy that does not
                # pass it on): read Redis on every call, as the stock backend does.
                logger.warning("Redis has no CLIENT TRACKING (%s): reading it every time", exc)
                self._disabled = True
            else:
                self._lost(exc)
        except (RedisError, OSError) as exc:
            self._lost(exc)
        if self._listener is not None:
            self._listener.close()
        self._listener = None
        self._forget()
        return False

    def _forget(self):
        """Drop what was read; under the lock."""
        self._values = {}
        self._generation += 1

    def _lost(self, exc) -> None:
        """Read Redis directly for ``RETRY_SECONDS``, then listen again; said once per
        outage, not on every retry."""
        if not self._retry_at:
            logger.warning("Redis change listener lost (%s); reading Redis directly", exc)
        self._retry_at = time.monotonic() + RETRY_SECONDS


_tracked_by_keyspace: dict = {}
_tracked_lock = threading.Lock()


def _tracked_values(where: tuple) -> TrackedValues:
    with _tracked_lock:
        tracked = _tracked_by_keyspace.get(where)
        if tracked is None:
            tracked = _tracked_by_keyspace[where] = TrackedValues()
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
        # One per server and key space: aliases with other prefixes keep values of their own.
        where = (self._servers[0], self.key_prefix, self.version, repr(self._options))
        self._tracked = _tracked_values(where) if track else None
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
