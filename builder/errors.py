"""One error tree for partygraph.

::

    PartygraphError
    ├── InputError            a document cannot be read (empty, binary, undecodable, too large)
    ├── ConfigurationError    a lexicon, gazetteer or ontology file is missing or malformed
    ├── ValidationError       a graph does not conform to the SHACL shapes
    ├── StoreError            the embedded store or a remote store refused an operation
    └── QueryError            an unknown named query or a missing parameter

Every message names the thing at fault (a document, a file, a query) and says what to do.
"""

from __future__ import annotations


class PartygraphError(Exception):
    """Root of every error partygraph raises on purpose."""


class InputError(PartygraphError):
    """A document cannot be turned into text; the batch goes on without it."""

    def __init__(self, source: str, problem: str, advice: str = "") -> None:
        self.source = source
        self.problem = problem
        self.advice = advice
        message = f"{source}: {problem}"
        if advice:
            message += f" ({advice})"
        super().__init__(message)


class ConfigurationError(PartygraphError):
    """A data file shipped with partygraph, or given by the user, is malformed."""


class ValidationError(PartygraphError):
    """A graph violates the shapes in ``shapes/``."""


class StoreError(PartygraphError):
    """A store could not be opened, read or written."""


class QueryError(PartygraphError):
    """A named query is unknown or lacks a parameter."""
