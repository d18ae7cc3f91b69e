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
