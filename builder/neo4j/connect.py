"""Opening a driver the same way everywhere (CLI, tests, benchmark).

Any Bolt URI works: ``bolt://`` for one server, ``neo4j://`` (routing) for a cluster or Aura,
with ``+s``/``+ssc`` for TLS. Credentials come from arguments or the environment
(``NEO4J_USER``, default ``neo4j``; ``NEO4J_PASSWORD``, default ``partygraph-dev``, the
password ``make neo4j-start`` sets), never from the URI text.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import neo4j
from neo4j.exceptions import AuthError, ClientError, ServiceUnavailable

from builder.errors import StoreError

DEFAULT_URI = "bolt://127.0.0.1:7687"
DEFAULT_USER = "neo4j"
DEFAULT_PASSWORD = "partygraph-dev"


@dataclass(frozen=True, slots=True)
class Connection:
    """Where a Neo4j server is and how to log in (the password is never printed)."""

    uri: str
    user: str = DEFAULT_USER
    password: str = DEFAULT_PASSWORD
    database: str | None = None     # None: the server's default database

    def __repr__(self) -> str:
        return (f"Connection(uri={self.uri!r}, user={self.user!r}, "
                f"database={self.database!r}, password=***)")


def connection_from_env(uri: str | None = None, database: str | None = None) -> Connection:
    """A :class:`Connection` from arguments, falling back on ``NEO4J_URI``, ``NEO4J_USER``,
    ``NEO4J_PASSWORD`` and ``NEO4J_DATABASE``."""
    return Connection(
        uri=uri or os.environ.get("NEO4J_URI") or DEFAULT_URI,
        user=os.environ.get("NEO4J_USER", DEFAULT_USER),
        password=os.environ.get("NEO4J_PASSWORD", DEFAULT_PASSWORD),
        database=database or os.environ.get("NEO4J_DATABASE") or None,
    )


def connect(conn: Connection | str | None = None, *, verify: bool = True) -> neo4j.Driver:
    """Open a driver and (by default) check that the server answers and accepts the login.

    Raises :class:`~builder.errors.StoreError` with a message that says what to do, instead of
    the driver's long exception chain, when the server is down or the password is wrong.
    """
    if conn is None or isinstance(conn, str):
        conn = connection_from_env(conn)
    # The loader reads properties that may not exist yet (a first load): Neo4j's
    # "property key does not exist" notifications would only be noise.
    driver = neo4j.GraphDatabase.driver(conn.uri, auth=(conn.user, conn.password),
                                        notifications_min_severity="OFF")
    if verify:
        try:
            driver.verify_connectivity()
        except (AuthError, ClientError) as exc:
            # AuthError, or the rate limit Neo4j puts on repeated wrong logins
            driver.close()
            raise StoreError(
                f"Neo4j at {conn.uri} refused the login of user {conn.user!r} "
                f"({getattr(exc, 'message', exc)}): set NEO4J_USER / NEO4J_PASSWORD to the "
                "server's credentials") from exc
        except (ServiceUnavailable, OSError, ValueError) as exc:
            driver.close()
            raise StoreError(
                f"no Neo4j answers at {conn.uri} ({exc}); start one with `make neo4j-start` "
                "or give the URI of a running server") from exc
    return driver
