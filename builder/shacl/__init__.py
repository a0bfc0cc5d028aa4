"""A SHACL Core validator for partygraph's shapes, equivalent to pySHACL and much faster.

``Shapes.load()`` compiles ``shapes/`` (with the ontology pySHACL would mix into the data
graph) into Python check objects once; ``Shapes.validate(data, focus=None)`` returns the
:class:`Result` list pySHACL's report would hold, for a list of pyoxigraph triples (one
article's graph, a parsed file) or the default graph of a ``pyoxigraph.Store`` (the
merged corpus), optionally only for chosen focus nodes. ``tests/test_shacl_engine.py``
checks the equivalence with pySHACL on built, mutated and merged graphs.

Modules: :mod:`~partygraph.shacl.terms` (term keys), :mod:`~partygraph.shacl.literals` (rdflib's
literal semantics), :mod:`~partygraph.shacl.ontology` (the mixed-in ontology),
:mod:`~partygraph.shacl.data` (index and store view), :mod:`~partygraph.shacl.compiler`,
:mod:`~partygraph.shacl.constraints`, :mod:`~partygraph.shacl.engine`.
"""

from partygraph.shacl.data import Data, StoreView, TripleIndex
from partygraph.shacl.engine import Report, Shapes
from partygraph.shacl.model import Result

__all__ = ["Data", "Report", "Result", "Shapes", "StoreView", "TripleIndex"]
