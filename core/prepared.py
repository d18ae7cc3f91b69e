"""Named prepared statements on PostgreSQL for the site's hottest hand-written queries.

PostgreSQL plans a statement every time it runs it, and planning a statement with a few
subqueries can cost more than running it (the article page's: 1.4 ms to plan, 0.3 ms to
run). A statement prepared once per connection is planned once. Only named statements
are prepared: preparing every ORM query (psycopg's automatic preparing) lets PostgreSQL
switch to generic plans, which for the filtered lists were ten times slower.

``DB_PREPARED_STATEMENTS=0`` (``PORTAL_DB_PREPARED_STATEMENTS``) runs them unprepared, as
a connection pooler in transaction mode needs (a prepared statement belongs to one
server connection).
"""

import re
import weakref

from django.conf import settings
from django.db import DatabaseError

# Each database connection (the driver's object) and the statements prepared on it; a
# reconnection starts with none.
_prepared: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
NAME = re.compile(r"^[a-z_][a-z0-9_]*$")


def execute(connection, cursor, name: str, sql: str, params: list) -> None:
    """Run ``sql`` (``%s`` placeholders, no other ``%``) with ``params`` on ``cursor``: on
    PostgreSQL as the prepared statement ``name``, prepared on its first use on the
    connection; elsewhere (SQLite) as it is.

    A prepared statement can stop matching the server: a migration changed the type of a
    column it reads ("cached plan must not change result type"), or a pooler handed over a
    server connection that lacks it or already has it. Outside a transaction, it is then
    prepared afresh and run once more; inside one, the error stands (the transaction is
    broken whatever happens next).
    """
    if connection.vendor != "postgresql" or not settings.PORTAL_DB_PREPARED_STATEMENTS:
        cursor.execute(sql, params)
        return
    if not NAME.match(name) or sql.count("%") != sql.count("%s") or sql.count("%s") != len(params):
        raise ValueError(f"cannot prepare {name!r}: a plain name and one %s per parameter")
    try:
        _execute_prepared(connection, cursor, name, sql, params)
    except DatabaseError:
        if connection.in_atomic_block:
            raise
        _prepared.get(connection.connection, set()).discard(name)
        cursor.execute("SELECT 1 FROM pg_prepared_statements WHERE name = %s", [name])
        if cursor.fetchone():
            cursor.execute(f"DEALLOCATE {name}")
        _execute_prepared(connection, cursor, name, sql, params)


def _execute_prepared(connection, cursor, name: str, sql: str, params: list) -> None:
    done = _prepared.setdefault(connection.connection, set())
    if name not in done:
        numbered = sql % tuple(f"${n}" for n in range(1, len(params) + 1))
        cursor.execute(f"PREPARE {name} AS {numbered}")
        done.add(name)
    cursor.execute(f"EXECUTE {name} ({', '.join(['%s'] * len(params))})", params)
