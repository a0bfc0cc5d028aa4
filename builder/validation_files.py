"""The build's validation files: ``validation.txt`` for people and diffs, ``validation.ttl``
(a SHACL report) for tools. Out of :mod:`partygraph.pipeline`, which writes them whole or
not at all beside the graph.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rdflib import Graph, Literal, URIRef

from partygraph.iris import Minter
from partygraph.namespaces import PREFIXES, PROV, RDF, SH
from partygraph.shown import neutral

if TYPE_CHECKING:
    from partygraph.pipeline import BuildSummary


def validation_text(summary: BuildSummary) -> str:
    """``validation.txt``: a header, then one line a violation, unread input, skipped file
    or note, sorted (the same build gives the same bytes)."""
    lines = [v.line() for v in summary.violations]
    for err in summary.failed:
        lines.append(f"INPUT {err.message} [{err.code}]")
    lines += [f"SKIPPED {s}" for s in summary.skipped]
    lines += [f"NOTE {n}" for n in summary.notes]       # encoding and language guesses
    lines = [neutral(line) for line in lines]          # input text cannot forge a line
    skipped = sum(s.files for s in summary.skipped)
    header = (f"{len(summary.violations)} violation(s) of the SHACL shapes; "
              f"{len(summary.failed)} input(s) not read"
              + (f"; {skipped} file(s) skipped" if skipped else "") + ".\n")
    return header + "\n".join(sorted(lines)) + "\n"


def validation_report(summary: BuildSummary, minter: Minter) -> str:
    """``validation.ttl``: the violations as a SHACL validation report in Turtle, each
    result minted from what it says and linked to its article."""
    report = Graph()
    for prefix, ns in PREFIXES.items():
        report.bind(prefix, ns)
    report.bind("sh", SH)
    for v in summary.violations:
        node = minter.evidence("violation", v.source_id, v.focus, v.path, v.message)
        report.add((node, RDF.type, SH.ValidationResult))
        report.add((node, SH.resultSeverity, SH.Violation))
        report.add((node, SH.focusNode, URIRef(v.focus)))
        report.add((node, SH.resultMessage, Literal(v.message)))
        if v.shape.startswith("http"):
            report.add((node, SH.sourceShape, URIRef(v.shape)))
        report.add((node, PROV.wasDerivedFrom, minter.article(v.source_id)))
    return report.serialize(format="turtle")
