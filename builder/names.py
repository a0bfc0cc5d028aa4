"""Name parameters, however the user writes the name.

The named queries take a *canonical name* ("Nguyen Thanh Nam", "Binh Thuan"): the
mark-less Latin spelling the resolver gives every person and place. A user types what
they read: "Nguyễn Thanh Nam", "nguyen thanh nam", "Нгуен Тхань Нам", "阮清南". So a
given name is read the way the resolver reads a mention — other scripts back to Latin
Vietnamese (:func:`partygraph.translit.latinize_name`), then folded
(:func:`partygraph.folding.fold_key`) — and the canonical names of the store with that folded
form are what the query is run with.

Why look names up first rather than compare folded names inside the SPARQL: a FILTER on
a computed form of every name is a scan of the names, on every query, whereas the
query starting from a bound canonical name is one index lookup. The lookup here is one
indexed ASK per likely spelling (the canonical form is the folded name, each word
capitalised); only when none is in the store are the store's names scanned once and
compared folded, which finds a canonical name written another way (or none).
"""

from __future__ import annotations

import re

import pyoxigraph as ox

from partygraph.folding import fold_key, strip_diacritics
from partygraph.store import QuerySource
from partygraph.translit import latinize_name, script_of

_HAN_SEPARATORS = re.compile(r"[\s·•・‧]+")
_WORD_START = re.compile(r"(?:^|(?<=[\s\-]))\w")
_HAS = "ASK { ?s <https://w3id.org/partygraph/ontology#canonicalName> ?n }"
_ALL = ("SELECT DISTINCT ?n WHERE "
        "{ ?s <https://w3id.org/partygraph/ontology#canonicalName> ?n }")


def is_name_parameter(kind: str, doc: str) -> bool:
    """Whether a declared parameter takes a canonical name (``literal``, documented as
    "canonical name of …" in the query's header)."""
    return kind == "literal" and doc.lower().startswith("canonical name")


def _latin(value: str) -> str:
    """The name in Latin letters: other scripts read back as the resolver reads them."""
    text = " ".join(value.split())
    script = script_of(text)
    if script not in ("latin", "other"):
        tokens = list(_HAN_SEPARATORS.sub("", text)) if script == "han" else text.split()
        latin = latinize_name(tokens, script)
        if latin:
            return latin
    return text


def name_key(value: str) -> str:
    """The folded Latin form of a name in any script the resolver reads.

    >>> name_key("Nguyễn Thanh Nam") == name_key("Нгуен Тхань Нам") == "nguyen thanh nam"
    True
    """
    return fold_key(_latin(value))


def canonical_spelling(value: str) -> str:
    """The canonical form of a name as the resolver writes it: Latin, without marks,
    and each word capitalised when the value was all in one case.

    >>> canonical_spelling("nguyễn thanh nam"), canonical_spelling("Bà Rịa-Vũng Tàu")
    ('Nguyen Thanh Nam', 'Ba Ria-Vung Tau')
    """
    text = strip_diacritics(_latin(value))
    if text.islower() or text.isupper():
        text = _WORD_START.sub(lambda m: m.group(0).upper(), text.lower())
    return text


def canonical_names(store: QuerySource, value: str) -> list[str]:
    """The canonical names in ``store`` that ``value`` writes (usually one); ``[value]``
    when none does, so the query answers nothing rather than something else."""
    given = " ".join(value.split())
    for spelling in dict.fromkeys((given, canonical_spelling(given))):
        if spelling and _present(store, spelling):
            return [spelling]
    key = name_key(given)
    if not key:
        return [value]
    result = store.run(_ALL)
    assert isinstance(result, ox.QuerySolutions)
    found = sorted({sol["n"].value for sol in result if fold_key(sol["n"].value) == key})
    return found or [value]


def _present(store: QuerySource, spelling: str) -> bool:
    answer = store.run(_HAS, {"n": ox.Literal(spelling)})
    return bool(answer)
