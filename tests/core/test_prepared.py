"""Named prepared statements (core.prepared)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core import prepared

pytestmark = pytest.mark.django_db

SQL = "SELECT %s + 1, %s"


def run(name="core_test_statement", sql=SQL, params=(41, "两个参数")):
    with connection.cursor() as cursor:
        prepared.execute(connection, cursor, name, sql, list(params))
        return cursor.fetchone()


def test_the_statement_answers_as_when_run_directly():
    assert tuple(run()) == (42, "两个参数")
    assert tuple(run(params=(1, "再来一次"))) == (2, "再来一次")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared on PostgreSQL only")
def test_it_is_prepared_once_per_connection(settings):
    settings.PORTAL_DB_PREPARED_STATEMENTS = True
    run(name="core_test_once")
    with CaptureQueriesContext(connection) as queries:
        run(name="core_test_once")
        run(name="core_test_once")
    assert [q["sql"].split(" ", 1)[0] for q in queries] == ["EXECUTE", "EXECUTE"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_prepared_statements WHERE name = 'core_test_once'")
        assert cursor.fetchone() == (1,)


def test_it_can_be_turned_off(settings):
    settings.PORTAL_DB_PREPARED_STATEMENTS = False
    with CaptureQueriesContext(connection) as queries:
        assert tuple(run(name="core_test_off")) == (42, "两个参数")
    assert [q["sql"].split(" ", 1)[0] for q in queries] == ["SELECT"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="checked where it prepares")
@pytest.mark.parametrize(
    ("name", "sql"),
    [("bad name; DROP", SQL), ("fine_name", "SELECT %s + 1, %s, '100%'")],
)
def test_unsafe_names_and_stray_percent_signs_are_refused(name, sql):
    with pytest.raises(ValueError):
        run(name=name, sql=sql)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared on PostgreSQL only")
@pytest.mark.django_db(transaction=True)
def test_a_statement_the_server_no_longer_matches_is_prepared_afresh(settings, monkeypatch):
    """After a migration changes a column's type, or when the statement is gone from the
    server connection, the next run prepares it again instead of failing."""
    settings.PORTAL_DB_PREPARED_STATEMENTS = True
    sql = "SELECT note FROM core_prepared_probe WHERE id = %s"
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE core_prepared_probe (id integer, note varchar(10))")
        cursor.execute("INSERT INTO core_prepared_probe VALUES (1, '原来的')")
    attempts = []
    original = prepared._execute_prepared

    def counted(*args):
        attempts.append(1)
        return original(*args)

    monkeypatch.setattr(prepared, "_execute_prepared", counted)
    try:
        assert run(name="core_test_probe", sql=sql, params=[1]) == ("原来的",)
        with connection.cursor() as cursor:
            cursor.execute("ALTER TABLE core_prepared_probe ALTER COLUMN note TYPE text")
        attempts.clear()
        assert run(name="core_test_probe", sql=sql, params=[1]) == ("原来的",)
        assert len(attempts) == 2  # failed, prepared afresh, ran
        with connection.cursor() as cursor:
            cursor.execute("DEALLOCATE core_test_probe")  # gone behind its back
        attempts.clear()
        assert run(name="core_test_probe", sql=sql, params=[1]) == ("原来的",)
        assert len(attempts) == 2
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE core_prepared_probe")
