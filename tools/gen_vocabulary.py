"""Write builder/vocabulary.py from ontology/: the ontology's terms and the three concept
schemes as plain strings.

One source for every vocabulary: the role, organization-type and document-type lists and
the ontology's term names are read from the Turtle files, never copied by hand.
``tests/test_ontology.py`` fails when the generated file is not current; run
``python tools/gen_vocabulary.py`` after changing ``ontology/``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from rdflib import OWL, RDF, RDFS, SKOS, Graph, URIRef

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "builder" / "vocabulary.py"
PG = "https://w3id.org/partygraph/ontology#"
SCHEMES = {   # constant name -> (its namespace's constant, namespace, what the concepts are)
    "ROLES": ("PGROLE_NS", "https://w3id.org/partygraph/role/", "posts (org:role values)"),
    "ORG_TYPES": ("PGORG_NS", "https://w3id.org/partygraph/orgtype/", "organization types"),
    "DOC_TYPES": ("PGDOC_NS", "https://w3id.org/partygraph/doctype/", "document types"),
}
_DECLARED = (OWL.Class, RDFS.Class, OWL.ObjectProperty, OWL.DatatypeProperty,
             OWL.AnnotationProperty, RDF.Property)


def _ontology(folder: Path) -> Graph:
    g = Graph()
    for path in sorted(folder.glob("*.ttl")):
        g.parse(path, format="turtle")
    return g


def _local_names(g: Graph, namespace: str, types: tuple[URIRef, ...]) -> list[str]:
    names = {str(s)[len(namespace):] for t in types for s in g.subjects(RDF.type, t)
             if str(s).startswith(namespace)}
    # "other", the catch-all concept, comes last: that is how error messages list them
    return sorted(names, key=lambda n: (n == "other", n))


def _tuple(name: str, values: list[str], comment: str) -> str:
    lines, line = [], "   "
    for v in values:
        item = f' "{v}",'
        if len(line) + len(item) > 95:
            lines.append(line)
            line = "   "
        line += item
    lines.append(line)
    return f"# {comment}\n{name} = (\n" + "\n".join(lines) + "\n)\n"


def render(folder: Path = ROOT / "ontology") -> str:
    g = _ontology(folder)
    classes = _local_names(g, PG, (OWL.Class, RDFS.Class))
    properties = [n for n in _local_names(g, PG, _DECLARED) if n not in classes]
    parts = [
        '"""The ontology\'s terms and concept schemes as plain strings (no rdflib import).\n\n'
        "Generated from ontology/ by tools/gen_vocabulary.py: do not edit; tests check it is\n"
        "current. The query path reads these without importing rdflib (CLI start-up);\n"
        ":mod:`partygraph.namespaces` wraps them in rdflib namespaces for the build.\n"
        '"""\n',
        "from __future__ import annotations\n",
        f'PG_NS = "{PG}"\n'
        + "".join(f'{const} = "{ns}"\n' for const, ns, _ in SCHEMES.values()),
        _tuple("PG_CLASSES", classes, "classes of the pg: ontology"),
        _tuple("PG_PROPERTIES", properties, "properties of the pg: ontology"),
    ]
    for name, (_, ns, what) in SCHEMES.items():
        parts.append(_tuple(name, _local_names(g, ns, (SKOS.Concept,)), f"{what}: {ns}"))
    return "\n".join(parts)


def main() -> int:
    TARGET.write_text(render(), encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
