"""One error tree for partygraph, every error with a code.

::

    PartygraphError                 E001  (not raised itself)
    ├── InputError                  E101  a document cannot be read (empty, binary, undecodable)
    │   └── WorkerLostError         E102  the Dask workers building an article died each time
    ├── ValidationError             E201  a graph does not conform to the SHACL shapes
    ├── ConfigurationError          E301  a lexicon, gazetteer or ontology file is malformed
    │   ├── BaseIRIError            E302  --base is not an absolute http(s) IRI ending in / or #
    │   └── LanguageFileError       E303  a language file has a key the engine does not know or a
    │                                     value of the wrong type
    ├── StoreError                  E401  the embedded store or a remote store refused an operation
    │   ├── MissingStoreError       E402  no store in the folder given
    │   ├── StoreBusyError          E403  the store is locked by another process or unreadable
    │   ├── Neo4jURIError           E404  a Neo4j URI partygraph does not speak (http://, https://)
    │   ├── StoreWriteError         E405  a write failed (full disk, I/O): says what was written
    │   ├── Neo4jLoadError          E406  a Neo4j server failed mid-load: says what was loaded
    │   └── Neo4jBulkLoadError      E407  ``load neo4j --bulk`` cannot run here (not a managed
    │                                     local server, a database not empty, the tool failed)
    ├── QueryError                  E501  a query cannot be run
    │   ├── UnknownQueryError       E502  no named query of that name
    │   ├── QueryParameterError     E503  a parameter unknown, missing or of the wrong type
    │   ├── QuerySyntaxError        E504  your SPARQL or Cypher does not parse
    │   ├── ReadOnlyQueryError      E505  your query would write (sparql/cypher only read)
    │   ├── RemoteQueryError        E506  your query would fetch from elsewhere (SERVICE)
    │   ├── UnknownNameError        E507  a name (--focus, --province, --lang) the store lacks
    │   └── QueryTimeoutError       E508  a query ran past serve's time limit
    ├── UsageError                  E601  the command line asks for something impossible
    │   ├── OutputPathError         E602  an output path that cannot be written
    │   ├── GraphFileError          E603  a file given to ``validate`` that is not RDF
    │   │   └── RemoteReferenceError E605 an RDF file that would need a fetch: refused offline
    │   ├── LicenceError            E604  --licence is not an absolute http(s) IRI
    │   ├── OutputFormatError       E606  an output file suffix the command does not write
    │   ├── PortInUseError          E607  ``serve --port`` is taken, or cannot be bound
    │   └── ExecutorError           E608  --executor dask cannot run: no dask installed, the
    │                                     scheduler unreachable or lost, workers unlike the client
    └── RequestError                E701  an HTTP request ``serve`` cannot answer as asked (400)
        ├── NotAcceptableError      E702  no format the client accepts is one serve writes (406)
        └── NotFoundError           E703  no page for that path: no such entity (404)

Every message names the thing at fault (a document, a file, a query) and says what to do,
and starts with its code (``[E402] no store at out/store; …``), spaCy's habit: a code is
what a user searches for and what a bug report quotes. Callers branch on the classes;
:data:`EXIT_CODES` says what the command line exits with for each (the most specific
class listed wins): 1 when an input failed or a graph does not conform, 2 for a usage or
configuration mistake.
"""

from __future__ import annotations


class PartygraphError(Exception):
    """Root of every error partygraph raises on purpose."""

    code = "E001"

    def __str__(self) -> str:
        return f"[{self.code}] {super().__str__()}"

    @property
    def message(self) -> str:
        """The message without its code."""
        return super().__str__()


class InputError(PartygraphError):
    """A document cannot be turned into text; the batch goes on without it."""

    code = "E101"

    def __init__(self, source: str, problem: str, advice: str = "") -> None:
        self.source = source
        self.problem = problem
        self.advice = advice
        message = f"{source}: {problem}"
        if advice:
            message += f" ({advice})"
        super().__init__(message)

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str, str]]:
        """Pickled by its parts: a worker process (``--jobs``, Dask) sends it back, and
        the default (the message alone as the one argument) cannot rebuild it."""
        return type(self), (self.source, self.problem, self.advice)


class WorkerLostError(InputError):
    """Every Dask worker that tried to build an article died doing it (out of memory,
    killed): the article is not built, the rest of the batch is
    (:mod:`partygraph.dask_executor`)."""

    code = "E102"


class ValidationError(PartygraphError):
    """A graph violates the shapes in ``shapes/``."""

    code = "E201"


class ConfigurationError(PartygraphError):
    """A data file shipped with partygraph, or given by the user, is malformed."""

    code = "E301"


class BaseIRIError(ConfigurationError):
    """The base of instance IRIs is not an absolute http(s) IRI ending in ``/`` or ``#``."""

    code = "E302"


class LanguageFileError(ConfigurationError):
    """A language file (``data/lang/<code>.toml``) holds a key the engine does not know
    (a typo such as ``titels``) or a value of the wrong type."""

    code = "E303"


class StoreError(PartygraphError):
    """A store could not be opened, read or written."""

    code = "E401"


class MissingStoreError(StoreError):
    """No store in the folder given (a typo, or no build yet)."""

    code = "E402"


class StoreBusyError(StoreError):
    """The store's files are locked by another process, or cannot be opened."""

    code = "E403"


class Neo4jURIError(StoreError):
    """A Neo4j URI whose scheme partygraph does not speak (the 6.x driver needs aiohttp
    for ``http://``; partygraph talks Bolt)."""

    code = "E404"


class StoreWriteError(StoreError):
    """A write to the store failed (a full disk, an I/O error); the message says which
    graphs were written and which keep their previous version."""

    code = "E405"


class Neo4jLoadError(StoreError):
    """A Neo4j server failed or went away during a load, after bounded retries; the
    message says how many graphs were loaded and how many were not."""

    code = "E406"


class Neo4jBulkLoadError(StoreError):
    """A first load through ``neo4j-admin database import`` cannot run: the server is not
    one partygraph manages on this machine, its database is not empty, or the import tool
    failed; the message says to use the normal (Bolt) load."""

    code = "E407"


class QueryError(PartygraphError):
    """A query cannot be run."""

    code = "E501"


class UnknownQueryError(QueryError):
    """No named query of that name in ``queries/``."""

    code = "E502"


class QueryParameterError(QueryError):
    """A parameter the query does not declare, a required one missing, or a value of the
    wrong type (a role that is not a role, a date that is not a date)."""

    code = "E503"


class QuerySyntaxError(QueryError):
    """Your own SPARQL or Cypher does not parse."""

    code = "E504"


class ReadOnlyQueryError(QueryError):
    """Your own query would change the store; ``sparql`` and ``cypher`` only read."""

    code = "E505"


class RemoteQueryError(QueryError):
    """Your own SPARQL has a ``SERVICE`` clause: it would query another endpoint, and
    partygraph never fetches."""

    code = "E506"


class UnknownNameError(QueryParameterError):
    """A name given to pick part of the graph (``network --focus``, ``--province``,
    ``--lang``) that nothing in the store bears."""

    code = "E507"




class QueryTimeoutError(QueryError):
    """A query ran past ``serve``'s time limit (``--timeout``)."""

    code = "E508"


class UsageError(PartygraphError):
    """The command line asks for something that cannot be done as asked."""

    code = "E601"


class OutputPathError(UsageError):
    """An output path that cannot be written: its folder is missing, or a folder is
    wanted where a file is."""

    code = "E602"


class GraphFileError(UsageError):
    """A file given as a graph that is missing or not in an RDF format partygraph reads."""

    code = "E603"


class LicenceError(UsageError):
    """A licence given for the dataset's description that is not an IRI a harvester can
    follow."""

    code = "E604"


class OutputFormatError(UsageError):
    """An output file whose suffix says a format the command does not write (``viz -o
    x.pdf``), or whose writer is not installed."""

    code = "E606"


class RemoteReferenceError(GraphFileError):
    """An RDF file that would make its reader fetch something (a JSON-LD ``@context``
    URL, ``owl:imports``, an XML DTD or external entity): partygraph never fetches, so it
    is refused, offline (:mod:`partygraph.offline`)."""

    code = "E605"


class PortInUseError(UsageError):
    """``serve`` cannot listen on the host and port given (taken by another program, or
    an address this machine does not have)."""

    code = "E607"


class ExecutorError(UsageError):
    """``--executor dask`` cannot run the build: dask is not installed, the scheduler
    cannot be reached (or was lost mid-build), or its workers run another partygraph."""

    code = "E608"


class RequestError(PartygraphError):
    """An HTTP request to ``serve`` that cannot be answered as asked (a missing or
    doubled ``query``, a dataset parameter, an unknown ``format``): a 400."""

    code = "E701"


class NotAcceptableError(RequestError):
    """No format the client accepts (``Accept``, ``format=``) is one ``serve`` writes for
    that answer: a 406."""

    code = "E702"


class NotFoundError(RequestError):
    """No page at that path: no entity has that IRI in the store: a 404."""

    code = "E703"


#: Exit code of the command line for each class; the most specific listed class wins,
#: and every other error (usage, configuration, store, query) is 2.
EXIT_CODES: dict[type[PartygraphError], int] = {
    PartygraphError: 2,
    InputError: 1,
    ValidationError: 1,
}


def exit_code(error: PartygraphError | type[PartygraphError]) -> int:
    """What ``partygraph`` exits with when ``error`` (or an error of that class) stops
    a command."""
    cls = error if isinstance(error, type) else type(error)
    for ancestor in cls.__mro__:
        if ancestor in EXIT_CODES:
            return EXIT_CODES[ancestor]
    return 2


def catalogue() -> list[tuple[str, type[PartygraphError], int]]:
    """(code, class, exit code) of every error class, by code: the README's table."""
    found: list[type[PartygraphError]] = []
    todo = [PartygraphError]
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo.extend(cls.__subclasses__())
    return sorted(((c.code, c, exit_code(c)) for c in found if c.__module__ == __name__),
                  key=lambda t: t[0])
