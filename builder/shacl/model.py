"""Validation results and compiled shapes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pyoxigraph as ox

from partygraph.shacl.terms import SH, SH_INFO, SH_WARNING, Key, Term, key_of, sort_key

if TYPE_CHECKING:
    from partygraph.shacl.constraints import Constraint

#: Severities that do not make a graph non-conforming: the project validates with
#: ``allow_warnings=True``, which allows sh:Info and sh:Warning.
ALLOWED_SEVERITIES = frozenset({SH_INFO, SH_WARNING})


@dataclass(frozen=True)
class Result:
    """One validation result, as in a SHACL validation report.

    ``component`` is the ``sh:...ConstraintComponent`` IRI, ``shape`` the source shape
    (an IRI, or ``_:id`` for a blank-node shape), ``severity`` an IRI such as
    ``http://www.w3.org/ns/shacl#Violation``.
    """

    focus: Term
    path: ox.NamedNode | None
    component: str
    shape: str
    severity: str
    message: str
    value: Term | None = None

    def sort_key(self) -> tuple:
        return (sort_key(key_of(self.focus)), self.path.value if self.path else "",
                self.component, self.shape, self.severity,
                sort_key(None if self.value is None else key_of(self.value)), self.message)

    def __lt__(self, other: Result) -> bool:
        return self.sort_key() < other.sort_key()

    @property
    def component_name(self) -> str:
        """``MinCount`` for ``sh:MinCountConstraintComponent``."""
        return self.component.removeprefix(SH).removesuffix("ConstraintComponent")


@dataclass
class Shape:
    """A compiled node or property shape.

    ``blocking``: whether this shape's results make a graph non-conforming (pySHACL with
    ``allow_warnings=True`` ignores the results of a shape whose own severity is
    sh:Warning or sh:Info, and filters the others by each result's severity).
    """

    id: str
    path: str | None
    severity: str
    message: str | None
    constraints: list[Constraint] = field(default_factory=list)
    target_classes: tuple[Key, ...] = ()
    target_subjects_of: tuple[str, ...] = ()
    target_objects_of: tuple[str, ...] = ()
    #: generated "yields no result" test, reading values through the data (fastpath)
    quick: Callable[..., bool] | None = field(default=None, repr=False, compare=False)
    #: whether ``quick`` returning False proves the focus node does not conform
    quick_exact: bool = field(default=False, repr=False, compare=False)

    @property
    def blocking(self) -> bool:
        return self.severity not in ALLOWED_SEVERITIES

    @property
    def has_targets(self) -> bool:
        return bool(self.target_classes or self.target_subjects_of or self.target_objects_of)

    @property
    def path_term(self) -> ox.NamedNode | None:
        return None if self.path is None else ox.NamedNode(self.path)
