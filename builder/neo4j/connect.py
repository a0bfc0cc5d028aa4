"""Opening a driver the same way everywhere (CLI, tests, benchmark).

Any Bolt URI works: ``bolt://`` for one server, ``neo4j://`` (routing) for a cluster or Aura,
with ``+s``/``+ssc`` for TLS. Credentials come from arguments or the environment
(``NEO4J_USER``, default ``neo4j``; ``NEO4J_PASSWORD``, default ``partygraph-dev``, the
password ``make neo4j-start`` sets). A URI that carries them (``bolt://user:pw@host``, as
many tools accept) is split: the credentials are used, and only the URI without them is
kept, shown or logged (:func:`redact` masks the password in any text that might quote
the user's input).

Writes retry the way the driver's managed transactions do (exponential backoff with
jitter, after transient errors and a lost server), but for :data:`RETRY_SECONDS` at
most, not the driver's 30 s: a server that went away is reported while the user still
waits for an answer (``NEO4J_RETRY_SECONDS`` changes it).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit, urlunsplit

import neo4j
from neo4j.exceptions import (
    AuthError,
    ClientError,
    DatabaseError,
    DriverError,
    ServiceUnavailable,
    TransientError,
)

from partygraph.errors import Neo4jURIError, StoreError

DEFAULT_URI = "bolt://127.0.0.1:7687"
DEFAULT_USER = "neo4j"
DEFAULT_PASSWORD = "partygraph-dev"
#: The URI schemes of Bolt, the protocol partygraph talks to Neo4j.
BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
#: How long a write is retried after transient errors, with the driver's backoff.
RETRY_SECONDS = float(os.environ.get("NEO4J_RETRY_SECONDS", "10"))
#: How long opening a connection may take.
CONNECT_SECONDS = 5.0
#: What a server that stopped, restarted or lost its connection raises (after the retries).
SERVER_GONE = (DriverError, TransientError, DatabaseError, OSError)


def split_credentials(uri: str) -> tuple[str, str | None, str | None]:
    """(the URI without user and password, the user, the password) of ``uri``."""
    parts = urlsplit(uri)
    if "@" not in parts.netloc:
        return uri, None, None
    userinfo, _, host = parts.netloc.rpartition("@")
    user, sep, password = userinfo.partition(":")
    clean = urlunsplit(parts._replace(netloc=host))
    return clean, unquote(user) or None, unquote(password) if sep else None


def redact(text: str, uri: str) -> str:
    """``text`` with the password of ``uri`` (if it carries one) masked."""
    _, _, password = split_credentials(uri)
    return text.replace(password, "***") if password else text


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
    clean, user, password = split_credentials(uri or os.environ.get("NEO4J_URI")
                                              or DEFAULT_URI)
    return Connection(
        uri=clean,
        user=user or os.environ.get("NEO4J_USER", DEFAULT_USER),
        password=password if password is not None
        else os.environ.get("NEO4J_PASSWORD", DEFAULT_PASSWORD),
        database=database or os.environ.get("NEO4J_DATABASE") or None,
    )


def check_uri(uri: str) -> None:
    """Refuse a URI that is not Bolt before the driver sees it: for ``http://`` the 6.x
    driver wants the optional ``aiohttp`` and fails with an ImportError deep inside, and a
    URI without a scheme fails with a ValueError that does not say what to type."""
    scheme = uri.split("://", 1)[0].lower() if "://" in uri else ""
    if scheme in BOLT_SCHEMES:
        return
    uri = split_credentials(uri)[0] if scheme else redact(uri, f"bolt://{uri}")
    if scheme in ("http", "https"):
        port = "7687 (not the browser's 7474)" if scheme == "http" else "7687"
        raise Neo4jURIError(f"{uri}: partygraph talks to Neo4j over Bolt, not {scheme}; "
                            f"use bolt:// or neo4j:// with the Bolt port, usually {port}")
    raise Neo4jURIError(f"{uri!r} is not a Neo4j URI; use bolt://HOST:7687 or "
                        "neo4j://HOST:7687 (+s for TLS)")


def connect(conn: Connection | str | None = None, *, verify: bool = True) -> neo4j.Driver:
    """Open a driver and (by default) check that the server answers and accepts the login.

    Raises :class:`~partygraph.errors.StoreError` with a message that says what to do, instead of
    the driver's long exception chain, when the server is down or the password is wrong.
    """
    if conn is None or isinstance(conn, str):
        conn = connection_from_env(conn)
    check_uri(conn.uri)
    # The loader reads properties that may not exist yet (a first load): Neo4j's
    # "property key does not exist" notifications would only be noise.
    driver = neo4j.GraphDatabase.driver(conn.uri, auth=(conn.user, conn.password),
                                        notifications_min_severity="OFF",
                                        max_transaction_retry_time=RETRY_SECONDS,
                                        connection_timeout=CONNECT_SECONDS,
                                        connection_acquisition_timeout=RETRY_SECONDS)
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
                f"no Neo4j answers at {conn.uri} ({' '.join(str(exc).split())}); start one "
                "with `make neo4j-start` (in a checkout) or give the URI of a running "
                "server") from exc
    return driver
