"""What the CLI shows: whole values when piped, a progress bar that counts articles and is
quiet off a terminal."""

from __future__ import annotations

import io
from pathlib import Path

from rich.cells import cell_len
from rich.console import Console
from rich.progress import Progress
from typer.testing import CliRunner

from partygraph.cli import app
from partygraph.pipeline import build_corpus
from partygraph.show import BuildProgress, build_progress
from partygraph.terminal import plain_table, print_rows

runner = CliRunner()


def test_a_piped_table_is_plain_and_whole(built_examples) -> None:
    """Regression: piped, rich still drew its box and cut IRIs to "https:/…"."""
    out, _ = built_examples
    result = runner.invoke(app, ["query", "posts-of-person", "--store", str(out / "store"),
                                 "-p", "person=Nguyen Thanh Nam"])
    assert result.exit_code == 0, result.output
    header, _rule, *rows = result.stdout.splitlines()
    assert header.split() == ["person", "role", "organization", "firstSeen", "lastSeen"]
    assert "…" not in result.stdout and "┃" not in result.stdout
    assert any("organization commission of Binh Thuan" in r for r in rows)
    assert "https://" not in result.stdout            # labels, not IRIs


def _screen(width: int, columns: list[str], rows: list[tuple[str, ...]]) -> list[str]:
    screen = io.StringIO()
    out = Console(file=screen, force_terminal=True, width=width, color_system=None)
    print_rows(columns, rows, "table", out=out, err=Console(file=io.StringIO()))
    return screen.getvalue().splitlines()


def test_a_table_fits_a_narrow_terminal() -> None:
    """Long values wrap or end in "…" inside the table: every line is exactly the
    terminal's width and keeps its box."""
    long = "https://w3id.org/partygraph/id/org/organization-commission/binh-thuan"
    rows = [(long, "standing committee of the provincial party committee of Binh Thuan",
             "2023-12-13")]
    lines = _screen(50, ["organization", "label", "date"], rows)
    assert lines and {cell_len(line) for line in lines} == {50}
    assert all(line[0] in "┏┃┡│└" and line[-1] in "┓┃┩│┘" for line in lines)
    assert "…" in "".join(lines)


def test_markup_in_a_value_is_shown_as_written() -> None:
    """Regression: values went through rich's markup, so "[bold]" vanished from the
    table and "[/x]" raised MarkupError (a traceback)."""
    shown = "\n".join(_screen(80, ["[q]"], [("a [bold]b[/bold] c",), ("closing [/x]",)]))
    assert "[q]" in shown and "a [bold]b[/bold] c" in shown and "closing [/x]" in shown


def test_plain_columns_align_wide_and_combining_characters() -> None:
    """Piped, columns line up on screen cells (CJK takes two, a combining mark none), and
    a line break inside a value stays on its row."""
    text = plain_table(["name", "n"], [("阮氏", "1"), ("Nguye\u0303n", "2"), ("a\nb", "3")])
    lines = text.splitlines()
    assert len(lines) == 5 and lines[4] == "a\\nb    3"
    assert {cell_len(line[:-1]) for line in lines} == {8}     # "n" starts at cell 8


def test_a_terminal_gets_a_table() -> None:
    screen = io.StringIO()
    out = Console(file=screen, force_terminal=True, width=200)
    print_rows(["a"], [("x",)], "table", out=out, err=Console(file=io.StringIO()))
    assert "┃" in screen.getvalue() or "│" in screen.getvalue()


def test_the_bar_counts_articles_and_knows_its_total(tmp_path: Path, examples_dir: Path
                                                     ) -> None:
    with Progress(disable=True) as bar:
        step = BuildProgress(bar)
        summary = build_corpus([examples_dir], tmp_path / "o", progress=step)
        task = bar.tasks[0]
    assert summary.articles == 5
    assert (task.completed, task.total) == (5, 5)       # articles, not two steps each
    assert task.description == "writing void.ttl"    # the last output file


def test_the_reading_pass_knows_its_total(tmp_path: Path, examples_dir: Path) -> None:
    """The pipeline announces how many files it will read, so the first pass has a total
    (a JSONL file holds an unknown number of articles: no total then)."""
    totals: list[int | None] = []

    class Watch(BuildProgress):
        def __call__(self, description: str, advance: int | None) -> None:
            super().__call__(description, advance)
            if description.startswith("read "):
                totals.append(self.bar.tasks[0].total)

    with Progress(disable=True) as bar:
        build_corpus([examples_dir], tmp_path / "o", progress=Watch(bar))
    assert totals == [5] * 5


def test_the_bar_takes_an_announced_total() -> None:
    with Progress(disable=True) as bar:
        step = BuildProgress(bar)
        step("3", None)
        step("read a.txt", 1)
        assert (bar.tasks[0].completed, bar.tasks[0].total) == (1, 3)
        step("skipped b.txt", 1)
        step("read c.txt", 1)
        step("built a.txt", 1)
        assert (bar.tasks[0].completed, bar.tasks[0].total) == (1, 2)


def test_the_bar_shows_rate_and_eta_on_a_terminal() -> None:
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=160)
    with build_progress(console) as step:
        step("read a.txt", 1)
        step("read b.txt", 1)
        step("built a.txt", 1)
    shown = screen.getvalue()
    assert "articles" in shown and "eta" in shown and "building" in shown


def test_the_bar_is_quiet_when_not_on_a_terminal(tmp_path: Path, examples_dir: Path) -> None:
    screen = io.StringIO()
    with build_progress(Console(file=screen)) as step:
        step("read a.txt", 1)
    assert screen.getvalue() == ""
    result = runner.invoke(app, ["build", str(examples_dir), "--out", str(tmp_path / "o")])
    assert result.exit_code == 0, result.output
    assert "━" not in result.output and "eta" not in result.output
