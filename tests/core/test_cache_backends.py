"""The Redis cache backend: one client per connection pool, and tracked reads."""

import os
import socket

import pytest
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from redis import ResponseError

from core import cache_backends
from core.cache_backends import RedisCache


@pytest.fixture
def redis_cache():
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.3).close()
    except OSError:
        pytest.skip("no Redis server on 127.0.0.1:6379")
    backend = RedisCache("redis://127.0.0.1:6379/14", {"KEY_PREFIX": "portal-backend-test"})
    backend.clear()
    yield backend
    backend.clear()


def test_one_client_serves_every_operation(redis_cache):
    first = redis_cache._cache.get_client(write=True)
    assert redis_cache._cache.get_client(write=False) is first
    assert redis_cache._cache.get_client("some-key", write=True) is first


def test_it_behaves_like_the_stock_backend(redis_cache):
    redis_cache.set("page", (200, [("Content-Type", "text/html")], b"<p>hi</p>"), 60)
    assert redis_cache.get("page") == (200, [("Content-Type", "text/html")], b"<p>hi</p>")
    assert redis_cache.add("counter", 1) and not redis_cache.add("counter", 5)
    assert redis_cache.incr("counter") == 2
    assert redis_cache.get_many(["page", "counter", "missing"]).keys() == {"page", "counter"}
    redis_cache.delete_many(["page", "counter"])
    assert redis_cache.get("page") is None


# Tracked reads (RedisCache.get_tracked) ------------------------------------------------

LOCATION = "redis://127.0.0.1:6379/14"


@pytest.fixture
def tracked(redis_cache, monkeypatch):
    """A tracking backend, a plain one for changes made "in another process", and a count
    of the reads that went to Redis."""
    monkeypatch.setattr(cache_backends, "_tracked_by_keyspace", {})
    reads = []
    stock_get_many = DjangoRedisCache.get_many

    def counting_get_many(self, keys, version=None):
        reads.append(tuple(keys))
        return stock_get_many(self, keys, version)

    monkeypatch.setattr(DjangoRedisCache, "get_many", counting_get_many)
    backend = RedisCache(LOCATION, {"KEY_PREFIX": "portal-backend-test"})
    elsewhere = RedisCache(LOCATION, {"KEY_PREFIX": "portal-backend-test", "TRACK_CHANGES": False})
    elsewhere.set_many({"version": 1, "next": 0.0}, None)
    yield backend, elsewhere, reads
    if backend._tracked._listener is not None:
        backend._tracked._listener.close()


KEYS = ("version", "next")


def test_tracked_reads_cost_one_round_trip_until_a_change(tracked):
    backend, _, reads = tracked
    for _ in range(5):
        assert backend.get_tracked(KEYS) == {"version": 1, "next": 0.0}
    assert len(reads) == 1


def test_a_change_made_elsewhere_is_seen_on_the_next_read(tracked):
    backend, elsewhere, reads = tracked
    for expected in range(1, 200):
        assert backend.get_tracked(KEYS)["version"] == expected
        elsewhere.incr("version")  # another process: only Redis's report tells this one
    assert len(reads) == 199
    elsewhere.set("unrelated", 1)
    elsewhere.set("next", 5.0)
    assert backend.get_tracked(KEYS) == {"version": 200, "next": 5.0}
    elsewhere.delete("version")
    assert backend.get_tracked(KEYS) == {"next": 5.0}


def test_a_flush_elsewhere_is_seen(tracked):
    backend, elsewhere, _ = tracked
    assert backend.get_tracked(KEYS)["version"] == 1
    elsewhere.clear()
    assert backend.get_tracked(KEYS) == {}


def test_own_writes_are_seen_at_once(tracked):
    backend, _, _ = tracked
    backend.get_tracked(KEYS)
    assert backend.incr("version") == 2
    assert backend.get_tracked(KEYS)["version"] == 2
    backend.set("unrelated", 1)
    backend.delete_many(["next"])
    assert backend.get_tracked(KEYS) == {"version": 2}
    backend.add("next", 3.0)
    assert backend.get_tracked(KEYS) == {"version": 2, "next": 3.0}


def test_a_lost_listener_means_reading_redis_then_listening_again(tracked, monkeypatch):
    backend, elsewhere, reads = tracked
    monkeypatch.setattr(cache_backends, "RETRY_SECONDS", 0)  # no pause before listening again
    backend.get_tracked(KEYS)
    tracker = backend._tracked
    client = backend._cache.get_client(write=True)
    client.client_kill_filter(_id=tracker._listener.client_id)
    elsewhere.incr("version")  # the report of this is lost with the connection
    assert backend.get_tracked(KEYS)["version"] == 2
    assert tracker._listener is None
    assert backend.get_tracked(KEYS)["version"] == 2
    assert tracker._listener is not None
    reads.clear()
    assert backend.get_tracked(KEYS)["version"] == 2
    assert reads == []


def test_a_forked_process_listens_on_its_own_connection(tracked):
    backend, elsewhere, reads = tracked
    backend.get_tracked(KEYS)
    tracker = backend._tracked
    inherited = tracker._listener
    inherited.pid = -1  # as the child of a fork sees its parent's listener
    elsewhere.incr("version")
    assert backend.get_tracked(KEYS)["version"] == 2
    assert tracker._listener is not inherited
    inherited.pid = os.getpid()
    inherited.close()


def test_a_server_refusing_tracking_is_read_every_time(tracked, monkeypatch, caplog):
    backend, elsewhere, reads = tracked

    def refuse(self):
        raise ResponseError("unknown subcommand 'TRACKING'. Try CLIENT HELP.")

    monkeypatch.setattr(cache_backends.ChangeListener, "_subscribe", refuse)
    assert backend.get_tracked(KEYS)["version"] == 1
    elsewhere.incr("version")
    assert backend.get_tracked(KEYS)["version"] == 2
    assert len(reads) == 2
    assert "no CLIENT TRACKING" in caplog.text


@pytest.mark.parametrize(
    ("location", "params"),
    [
        (LOCATION, {"KEY_PREFIX": "portal-backend-test", "TRACK_CHANGES": False}),
        (f"{LOCATION},{LOCATION}", {"KEY_PREFIX": "portal-backend-test"}),  # a replica
    ],
)
def test_tracking_off_or_with_replicas_reads_every_time(tracked, location, params):
    _, elsewhere, reads = tracked
    backend = RedisCache(location, params)
    assert backend.get_tracked(KEYS)["version"] == 1
    assert backend.get_tracked(KEYS)["version"] == 1
    assert len(reads) == 2


def test_other_refusals_are_retried_not_taken_as_final(tracked, monkeypatch):
    backend, elsewhere, reads = tracked
    monkeypatch.setattr(cache_backends, "RETRY_SECONDS", 0)
    stock_subscribe = cache_backends.ChangeListener._subscribe
    calls = []

    def busy_once(self):
        calls.append(1)
        if len(calls) == 1:
            raise ResponseError("BUSY Redis is busy running a script")
        stock_subscribe(self)

    monkeypatch.setattr(cache_backends.ChangeListener, "_subscribe", busy_once)
    assert backend.get_tracked(KEYS)["version"] == 1
    assert backend.get_tracked(KEYS)["version"] == 1
    assert len(calls) == 2 and backend._tracked._listener is not None


def test_a_listener_that_answers_its_ping_is_kept(tracked, monkeypatch):
    backend, elsewhere, reads = tracked
    monkeypatch.setattr(cache_backends, "PING_SECONDS", 0)  # a PING on every read
    for _ in range(3):
        assert backend.get_tracked(KEYS)["version"] == 1
    assert len(reads) == 1
    elsewhere.incr("version")
    assert backend.get_tracked(KEYS)["version"] == 2


def test_a_silent_listener_is_found_by_its_ping(tracked, monkeypatch, caplog):
    backend, elsewhere, reads = tracked
    backend.get_tracked(KEYS)
    listener = backend._tracked._listener
    monkeypatch.setattr(cache_backends, "PING_SECONDS", 0)
    monkeypatch.setattr(cache_backends, "PING_TIMEOUT", 0.05)
    # A connection that no longer reaches Redis: what is sent on it is never answered.
    monkeypatch.setattr(listener.connection, "send_command", lambda *args, **kwargs: None)
    assert backend.get_tracked(KEYS)["version"] == 1  # read from Redis, not kept
    assert backend._tracked._listener is None
    assert len(reads) == 2
    assert "listener lost" in caplog.text


def test_aliases_with_other_prefixes_keep_values_of_their_own(tracked):
    backend, elsewhere, _ = tracked
    other = RedisCache(LOCATION, {"KEY_PREFIX": "portal-backend-test-2"})
    other.set("version", 7)
    assert backend.get_tracked(KEYS)["version"] == 1
    assert other.get_tracked(KEYS)["version"] == 7
    assert other._tracked is not backend._tracked
    other.delete("version")
    if other._tracked._listener is not None:
        other._tracked._listener.close()
