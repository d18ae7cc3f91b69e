"""The Redis cache backend that keeps one client per connection pool."""

import socket

import pytest

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
