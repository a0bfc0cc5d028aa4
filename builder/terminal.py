"""What the command line prints of an answer: CSV, JSON, aligned plain columns or a table.

Nothing of rich is imported here until a table is drawn for a person at a terminal: rich's
console costs about 60 ms to import, a third of a query's start-up, and a query piped into
a file or another program (the way scripts and benchmarks run it) never draws one. A table
is drawn by rich only at a terminal and when not too long: piped (or longer than
:data:`RICH_TABLE_ROWS`, which rich lays out cell by cell at about 3 ms a row) the same
answer is printed as aligned plain columns, every value whole: a pipe must never receive
"https://w3id.org/partygr…".

The two consoles (standard error for messages, standard output for tables) are made on
first use, once per process.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sys
from functools import cache
from typing import TYPE_CHECKING

from partygraph.shown import neutral

if TYPE_CHECKING:
    from rich.console import Console

ROW_FORMATS = ("table", "csv", "json")
RICH_TABLE_ROWS = 200
_ESCAPES = str.maketrans({"\n": "\\n", "\r": "\\r", "\t": "\\t"})
_NEEDS_ESCAPE = re.compile(r"[\n\r\t]")


@cache
def err_console() -> Console:
    """The console of messages and progress bars (standard error)."""
    from rich.console import Console
    return Console(stderr=True)


@cache
def out_console() -> Console:
    """The console of tables (standard output)."""
    from rich.console import Console
    return Console()


def safe(text: object) -> str:
    """Text from the inputs (an id, a file name, a message quoting them) for a rich
    markup string: controls and bidi overrides made visible (:func:`neutral`), and its
    ``[brackets]`` escaped so that an id ``[/b]`` is printed, not read as a closing tag.

    >>> safe("[/b]\\x1b[2J")
    '\\\\[/b]\\\\x1b[2J'
    """
    from rich.markup import escape  # a message is printed by rich anyway
    return escape(neutral(text))


def print_rows(columns: list[str], rows: list[tuple[str, ...]], fmt: str, *,
               out: Console | None = None, err: Console | None = None,
               rich_rows: int | None = None) -> None:
    """Rows as ``fmt`` (table, csv, json) on ``out`` (by default :func:`out_console`);
    for a table, the row count on ``err`` (by default standard error, plainly). A table
    longer than ``rich_rows`` (by default :data:`RICH_TABLE_ROWS`) is printed plainly."""
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
    longest = RICH_TABLE_ROWS if rich_rows is None else rich_rows
    if len(rows) > longest or not _is_terminal(out):
        sys.stdout.write(plain_table(columns, rows))
    else:
        from partygraph.show import rich_table
        (out or out_console()).print(rich_table(columns, rows))
    if err is None:
        sys.stderr.write(f"{len(rows)} row(s)\n")
    else:
        err.print(f"{len(rows)} row(s)")


def _is_terminal(out: Console | None) -> bool:
    """Whether ``out`` (standard output when None) is a terminal as rich decides it,
    without importing rich when standard output is plainly not one: rich says "terminal"
    only for a tty or when TTY_COMPATIBLE or FORCE_COLOR say so."""
    if out is not None:
        return out.is_terminal
    if not sys.stdout.isatty() and not {"TTY_COMPATIBLE", "FORCE_COLOR"} & set(os.environ):
        return False
    return out_console().is_terminal


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
    from rich.cells import cell_len  # the light part of rich (no console)

    head = [_one_line(neutral(c)) for c in columns]
    body = [[_one_line(neutral(v)) for v in r] for r in rows]
    widths = [max([cell_len(c), *(cell_len(r[i]) for r in body)]) for i, c in enumerate(head)]

    def line(values: list[str]) -> str:
        return "  ".join(v + " " * (w - cell_len(v))
                         for v, w in zip(values, widths, strict=True)).rstrip()

    lines = [line(head), "  ".join("-" * w for w in widths)]
    lines += [line(r) for r in body]
    return "\n".join(lines) + "\n"


def _one_line(value: str) -> str:
    return value.translate(_ESCAPES) if _NEEDS_ESCAPE.search(value) else value
