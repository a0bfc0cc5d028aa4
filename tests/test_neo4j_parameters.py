"""The loader's list parameters: packed as the driver packs a list, printed short."""

from __future__ import annotations

import logging

import pytest
from neo4j._codec.packstream.v1 import Packer

from partygraph.neo4j.writer import ParameterRows


class _Buffer:
    def __init__(self) -> None:
        self.data = bytearray()

    def write(self, chunk: bytes) -> None:
        self.data += chunk


def _packed(value: object, pure_python: bool) -> bytes:
    buffer = _Buffer()
    packer = Packer(buffer)
    if pure_python:
        packer._py_pack(value, Packer._inject_hooks())
    else:
        packer.pack(value)
    return bytes(buffer.data)


ROWS = [["4:db:1", "4:db:2"], ["a", {"iri": "urn:x", "born": 1960,
                                    "names": ["Nguyễn", "Нгуен"]}, ["Person"]], ("t", 1)]


@pytest.mark.parametrize("pure_python", [False, True])
def test_parameter_rows_pack_to_the_bytes_of_a_plain_list(pure_python: bool) -> None:
    assert _packed({"rows": ParameterRows(ROWS)}, pure_python) == \
        _packed({"rows": list(ROWS)}, pure_python)


def test_parameter_rows_print_their_length_not_their_content(
        caplog: pytest.LogCaptureFixture) -> None:
    rows = ParameterRows([["x" * 50, "y"]] * 20_000)
    assert repr(rows) == "<20,000 rows>"
    assert repr({"rows": rows}) == "{'rows': <20,000 rows>}"
    with caplog.at_level(logging.DEBUG, logger="test"):
        logging.getLogger("test").debug("RUN %s", repr({"rows": rows}))
    assert max(len(r.getMessage()) for r in caplog.records) < 100
