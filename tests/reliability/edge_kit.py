"""Shared helpers of the reliability tests: short texts of our own, a CLI runner, a
loopback server that accepts connections and never answers."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from typer.testing import CliRunner

from partygraph.cli import app

# two officials and a meeting, in our own words
VI_TEXT = ("Ông Nguyễn Văn An, Bí thư Tỉnh ủy Lào Cai, đã chủ trì hội nghị ngày 12/3/2024. "
           "Tham dự có bà Trần Thị Bình, Phó Chủ tịch Ủy ban nhân dân tỉnh.")
FR_TEXT = ("« Le camarade Pham Van Long, secrétaire du Comité provincial du Parti de "
           "Lao Cai, a présidé la conférence » le 12 mars 2024, a indiqué l’agence.")

runner = CliRunner()


def cli(*args: str):
    return runner.invoke(app, list(args))


def said(result) -> str:
    return result.output


def write_jsonl(path: Path, records: list[object]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                    encoding="utf-8")
    return path


def stored_sources(out: Path) -> set[str]:
    from partygraph.api import open_store
    _, rows = open_store(out / "store").query(
        "PREFIX pg: <https://w3id.org/partygraph/ontology#> "
        "SELECT DISTINCT ?s WHERE { ?a pg:sourceId ?s }")
    return {str(r[0]) for r in rows}


class SilentServer:
    """A TCP server on a free loopback port that accepts and never answers; counts the
    connections it was given (a test of "no fetch" wants none)."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._held: list[socket.socket] = []
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            self._held.append(conn)

    def close(self) -> None:
        self.sock.close()
        for c in self._held:
            c.close()


@contextmanager
def silent_server() -> Iterator[SilentServer]:
    server = SilentServer()
    try:
        yield server
    finally:
        server.close()
