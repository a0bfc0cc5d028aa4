"""HTML of ``serve``: Jinja2 templates (``serve/templates/``) with autoescaping on for
every template, so any text from the store — a name, a quote, a label holding
``<script>`` — reaches the page as text, never as markup."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

TEMPLATES = Path(__file__).with_name("templates")


@cache
def environment() -> Environment:
    """One environment for the process: templates are compiled once, on first use."""
    return Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True,
                       undefined=StrictUndefined, trim_blocks=False)


def render(template: str, **context: Any) -> str:
    """The page ``template`` with ``context``; ``q`` (the search box's text) defaults to
    empty."""
    context.setdefault("q", "")
    return environment().get_template(template).render(**context)
