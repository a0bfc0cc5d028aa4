"""Stage 5 — validate: each article's graph against the SHACL shapes (pySHACL).

Validation runs per article, so it stays cheap and parallel; a node the shapes reject
is moved, with every triple about it and the evidence pointing at it, to the article's
*quarantine* graph, and the rest of the article is kept. Each violation is reported in
words with the article, the node, the rule (its ``sh:message``) and the evidence quote.
"""

from __future__ import annotations

from dataclasses import dataclass

from pyshacl import validate as shacl_validate
from rdflib import Graph, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from builder.namespaces import PG
from builder.resources import ontology_graph, shapes_graph

MAX_ROUNDS = 4


@dataclass(frozen=True)
class Violation:
    source_id: str
    focus: str
    path: str
    message: str
    shape: str
    evidence: str

    def line(self) -> str:
        where = f" — evidence: “{self.evidence}”" if self.evidence else ""
        return f"{self.source_id}: {self.focus} {self.path}: {self.message}{where}"


def violations_of(data: Graph) -> tuple[bool, Graph]:
    """pySHACL's verdict and report graph for ``data``."""
    conforms, report, _ = shacl_validate(
        data, shacl_graph=shapes_graph(), ont_graph=ontology_graph(),
        inference="none", abort_on_first=False, allow_warnings=True, advanced=True)
    return bool(conforms), report


def _read_report(report: Graph, data: Graph, source_id: str) -> list[Violation]:
    out = []
    for result in report.subjects(SH.resultSeverity, SH.Violation):
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        message = report.value(result, SH.resultMessage)
        shape = report.value(result, SH.sourceShape)
        quote = ""
        if focus is not None:
            ev = data.value(focus, PG.evidence)
            if ev is not None:
                quote = str(data.value(ev, PG.quote) or "")
        out.append(Violation(source_id, str(focus), _short(path), str(message or ""),
                             str(shape or ""), quote[:200]))
    return sorted(out, key=lambda v: (v.focus, v.path, v.message))


def _short(path: Node | None) -> str:
    if path is None:
        return ""
    s = str(path)
    return s.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def split_valid(data: Graph, source_id: str) -> tuple[Graph, Graph, list[Violation]]:
    """(valid part, quarantined part, violations) of one article's graph."""
    valid = Graph()
    for t in data:
        valid.add(t)
    quarantine = Graph()
    found: list[Violation] = []
    for _ in range(MAX_ROUNDS):
        conforms, report = violations_of(valid)
        if conforms:
            break
        batch = _read_report(report, valid, source_id)
        found.extend(batch)
        bad = {URIRef(v.focus) for v in batch if v.focus.startswith("http")}
        if not bad:
            break
        for node in bad:
            evidence = set(valid.objects(node, PG.evidence))
            for t in list(valid.triples((node, None, None))):
                quarantine.add(t)
                valid.remove(t)
            for ev in evidence:
                for t in list(valid.triples((ev, None, None))):
                    quarantine.add(t)
                    valid.remove(t)
    return valid, quarantine, found
