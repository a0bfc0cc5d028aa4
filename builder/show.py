"""What the command line shows with rich: tables at a terminal, messages, progress bars.

Imported only where rich draws something (a table at a terminal, a build's or a load's
bar, an error message): answers in CSV, JSON or plain columns are
:mod:`partygraph.terminal`'s, which does not import rich.

A progress bar goes to standard error and only to a terminal; it counts articles.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from rich.console import Console
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
