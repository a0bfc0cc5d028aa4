"""The stages the README draws are the stages the code has, and each keeps its contract:
what one stage gives is what the next takes, and the functions' annotations say so."""

from __future__ import annotations

import dataclasses
import inspect
import itertools
import re
import typing
from collections.abc import Iterator
from pathlib import Path

from partygraph import gazetteer
from partygraph.api import extract_text
from partygraph.errors import InputError
from partygraph.iris import Minter
from partygraph.matching import IdentityIndex
from partygraph.models import ResolvedArticle
from partygraph.pipeline import STAGES, Stage
from partygraph.resolve import resolve_article
from partygraph.triples import article_triples

ROOT = Path(__file__).resolve().parents[1]


def _accepts(annotation: object, record: object) -> bool:
    """Whether a parameter annotated ``annotation`` takes a ``record``: the same type, a
    member of a union, or a generic whose origin is a supertype with the same arguments
    (``Sequence[T] | Graph`` takes ``list[T]``)."""
    if annotation == record:
        return True
    if typing.get_origin(annotation) in (typing.Union, type(int | str)):
        return any(_accepts(member, record) for member in typing.get_args(annotation))
    outer, inner = typing.get_origin(annotation), typing.get_origin(record)
    return (isinstance(outer, type) and isinstance(inner, type) and issubclass(inner, outer)
            and typing.get_args(annotation) == typing.get_args(record))


def _returns(stage: Stage) -> bool:
    """Whether the function's return annotation is the record the stage gives (or, for a
    stage that yields several, ``Iterator[tuple[str, record | InputError]]``)."""
    found = typing.get_type_hints(stage.function)["return"]
    if not stage.each:
        return bool(found == stage.gives)
    if typing.get_origin(found) is not Iterator:
        return False
    (item,) = typing.get_args(found)
    origin, record = typing.get_args(item)
    return origin is str and set(typing.get_args(record)) == {stage.gives, InputError}


def test_each_stage_gives_what_the_next_takes() -> None:
    assert [s.name for s in STAGES] == ["ingest", "extract", "resolve", "build", "validate",
                                        "store"]
    for before, after in itertools.pairwise(STAGES):
        assert before.gives == after.takes, (before.name, after.name)


def test_the_functions_annotations_say_the_same() -> None:
    for stage in STAGES:
        hints = typing.get_type_hints(stage.function)
        first = next(iter(inspect.signature(stage.function).parameters))
        assert _accepts(hints[first], stage.takes), (stage.name, hints[first], stage.takes)
        assert _returns(stage), (stage.name, hints["return"], stage.gives)


def test_the_contract_check_can_fail() -> None:
    """A stage declared with the wrong records is caught by the same checks."""
    wrong = dataclasses.replace(STAGES[2], takes=ResolvedArticle, gives=list)
    hints = typing.get_type_hints(wrong.function)
    assert not _accepts(hints["facts"], wrong.takes)
    assert not _returns(wrong)
    assert not _returns(dataclasses.replace(STAGES[0], gives=ResolvedArticle))


def test_the_readme_draws_the_same_stages() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    (chain,) = [line for line in readme.splitlines() if "─▶" in line]
    drawn = [re.split(r"\s*/\s*", step.strip())[0] for step in chain.split("─▶")]
    assert drawn == [s.name for s in STAGES]
    rows = {line.split("|")[1].strip() for line in readme.splitlines()
            if line.startswith("| ")}
    assert {s.name for s in STAGES} <= rows        # each stage has its row in the table


TEXT = ("Le 3 mars 2024, le camarade Nguyen Van An, secrétaire du Comité provincial du "
        "Parti de Lào Cai, a présidé la conférence du groupe d'émulation n° 4.")


def test_resolve_gives_every_key_and_build_only_maps_them() -> None:
    facts = extract_text(TEXT, lang="fr", source="a.txt")
    resolved = resolve_article(facts, IdentityIndex(), gazetteer.load())
    assert resolved.facts is facts
    assert [p.name for p in facts.persons] == ["Nguyen Van An"]
    # a person is known by the province in force since the 2025 reform
    assert resolved.person_keys == ("2025/lao-cai/nguyen-van-an",)
    lao_cai = resolved.places["lao-cai"]
    assert (lao_cai.ref.name, lao_cai.name) == ("Lào Cai", "Lao Cai")   # canonical: no marks
    assert lao_cai.successor == "2025/lao-cai" and "2025/lao-cai" in resolved.places
    assert "party-committee/lao-cai" in resolved.org_keys.values()
    assert "emulation-group/central/4" in resolved.org_keys.values()
    assert len(resolved.event_keys) == len(facts.events) == 1
    minter = Minter("https://example.org/kg/")
    subjects = {t[0].value for t in article_triples(resolved, minter)}
    assert str(minter.person("2025/lao-cai/nguyen-van-an")) in subjects
    # build takes the keys it is given: another key, another node
    moved = dataclasses.replace(resolved, person_keys=("central/nguyen-van-an",))
    subjects = {t[0].value for t in article_triples(moved, minter)}
    assert str(minter.person("central/nguyen-van-an")) in subjects
    assert str(minter.person("2025/lao-cai/nguyen-van-an")) not in subjects
