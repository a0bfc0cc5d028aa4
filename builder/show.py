"""What the command line shows: answers as tables, CSV or JSON, and progress bars.

A table is drawn by rich only for a person at a terminal, and not too long: piped into a
file or another program (or longer than :data:`RICH_TABLE_ROWS`, which rich lays out cell
by cell at about 3 ms a row) the same answer is printed as aligned plain columns, every
value whole — a pipe must never receive "https://w3id.org/partygr…".

A progress bar goes to standard error and only to a terminal; it counts articles.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Column, Table
from rich.text import Text

from partygraph.shown import neutral

if TYPE_CHECKING:
    from rich.progress import Task

ROW_FORMATS = ("table", "csv", "json")
RICH_TABLE_ROWS = 200
_ESCAPES = str.maketrans({"\n": "\\n", "\r": "\\r", "\t": "\\t"})
_NEEDS_ESCAPE = re.compile(r"[\n\r\t]")


def safe(text: object) -> str:
    """Text from the inputs (an id, a file name, a message quoting them) for a rich
    markup string: controls and bidi overrides made visible (:func:`neutral`), and its
    ``[brackets]`` escaped so that an id ``[/b]`` is printed, not read as a closing tag.

    >>> safe("[/b]\\x1b[2J")
    '\\\\[/b]\\\\x1b[2J'
    """
    return escape(neutral(text))


def print_rows(columns: list[str], rows: list[tuple[str, ...]], fmt: str, *,
               out: Console, err: Console, rich_rows: int = RICH_TABLE_ROWS) -> None:
    """Rows as ``fmt`` (table, csv, json) on ``out``; the row count on ``err``."""
    if fmt == "json":
        sys.stdout.write(json.dumps([dict(zip(columns, r, strict=False)) for r in rows],
                                    ensure_ascii=False, indent=2) + "\n")
        return
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(rows)
        sys.stdout.write(buf.getvalue())
        return
    if not out.is_terminal or len(rows) > rich_rows:
        sys.stdout.write(plain_table(columns, rows))
    else:
        out.print(rich_table(columns, rows))
    err.print(f"{len(rows)} row(s)")


def rich_table(columns: list[str], rows: list[tuple[str, ...]]) -> Table:
    """A rich table of the rows, every value as plain :class:`~rich.text.Text`.

    Text, not a string: rich reads a string as console markup, so a value holding
    ``[bold]`` lost those characters and one holding ``[/x]`` raised a MarkupError. Rich
    fits the table to the console's width, wrapping at spaces and ellipsizing what cannot
    wrap (an article id), so the box never breaks; the plain form keeps values whole."""
    table = Table(*(Column(header=Text(neutral(c))) for c in columns))
    for r in rows:
        table.add_row(*(Text(neutral(v)) for v in r))
    return table


def plain_table(columns: list[str], rows: list[tuple[str, ...]]) -> str:
    """Aligned plain columns, a header and a rule, nothing cut (milliseconds a thousand
    rows); every value :func:`neutral`, so a value cannot forge a line or colour one.

    Columns are aligned on the cells a value takes on screen (rich's ``cell_len``: a CJK
    character takes two, a combining mark none), not on its length in code points; a line
    break or tab inside a value is written as ``\\n`` / ``\\t`` so that a row stays one line.

    >>> print(plain_table(["a", "bb"], [("xyz", "1")]), end="")
    a    bb
    ---  --
    xyz  1
    """
    head = [_one_line(neutral(c)) for c in columns]
    body = [[_one_line(neutral(v)) for v in r] for r in rows]
    widths = [max([cell_len(c), *(cell_len(r[i]) for r in body)]) for i, c in enumerate(head)]
    lines = [_line(head, widths), "  ".join("-" * w for w in widths)]
    lines += [_line(r, widths) for r in body]
    return "\n".join(lines) + "\n"


def _one_line(value: str) -> str:
    return value.translate(_ESCAPES) if _NEEDS_ESCAPE.search(value) else value


def _line(values: list[str], widths: list[int]) -> str:
    return "  ".join(v + " " * (w - cell_len(v))
                     for v, w in zip(values, widths, strict=True)).rstrip()


class RateColumn(ProgressColumn):
    """Articles a second, once there is a rate to show."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text("" if speed is None else f"{speed:,.1f}/s", style="progress.data.speed")


def _bar(console: Console, unit: str) -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TextColumn(unit), RateColumn(), TimeElapsedColumn(),
                    TextColumn("eta"), TimeRemainingColumn(),
                    console=console, transient=True, disable=not console.is_terminal)


class BuildProgress:
    """The build's bar, fed by the pipeline's ``progress(description, advance)`` calls.

    The pipeline reports each article twice — ``read X`` in its first pass (read and
    extract), ``built X`` in its second (build, validate, store) — and ``skipped X`` once
    for an input that failed. The bar counts articles per pass: the first counts reads
    (its total is known when the pipeline announces it with ``progress("N", None)``),
    the second counts built articles out of those read, so it has a total and an ETA;
    ``writing F`` (advance 0) names each output file as it is written.
    """

    def __init__(self, bar: Progress) -> None:
        self.bar = bar
        self.task: TaskID = bar.add_task("reading", total=None)
        self.read = 0
        self.building = False

    def __call__(self, description: str, advance: int | None) -> None:
        if advance is None:
            if description.strip().isdigit() and not self.building:
                self.bar.update(self.task, total=int(description))
            return
        if description.startswith("built "):
            if not self.building:
                self.building = True
                self.bar.reset(self.task, total=self.read, description="building")
            self.bar.advance(self.task, advance)
        elif description.startswith("writing "):
            self.bar.update(self.task, description=description)
        elif not self.building:
            self.read += advance if description.startswith("read ") else 0
            self.bar.advance(self.task, advance)


@contextmanager
def build_progress(console: Console) -> Iterator[BuildProgress]:
    """A :class:`BuildProgress` on ``console``, silent unless it is a terminal."""
    with _bar(console, "articles") as bar:
        yield BuildProgress(bar)


@contextmanager
def load_progress(console: Console) -> Iterator[Callable[[int, int], None]]:
    """The Neo4j loader's bar: ``step(done, total)`` graphs."""
    with _bar(console, "graphs") as bar:
        task = bar.add_task("loading", total=None)

        def step(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield step
