"""HTML to text, in time linear in the page whatever its markup.

lexbor (through selectolax) is fast on real pages, but opening a block element (``div``,
``section``, ``ul`` …) makes it look down the stack of open elements for a ``<p>`` to
close, so a page of N nested ``div``\\ s costs N² steps: 100,000 of them took 64 s. No
article nests deeper than a few dozen levels, so :func:`cap_nesting` first counts the
depth with one linear scan of the tags and, only when it passes :data:`MAX_DEPTH`,
drops the tags below that depth (their text is kept, one level up) and says so in a note.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser as HTMLParser

MAX_DEPTH = 256
# a tag: no "<" inside, so a "<" without its ">" fails at the next "<" (linear)
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)[^<>]*>")
# elements that never nest: void ones, and those a sibling closes by itself
_FLAT = frozenset((
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr", "p", "li", "dd", "dt", "option", "optgroup", "tr", "td", "th",
    "thead", "tbody", "tfoot", "colgroup", "caption", "rb", "rt", "rp"))
_META = ("article:published_time", "og:url", "og:title", "og:locale", "date", "pubdate")


def cap_nesting(html: str, limit: int = MAX_DEPTH) -> tuple[str, int]:
    """(``html`` with no element nested deeper than ``limit``, the depth it had). The
    page is returned as it is when it is not too deep (every real page)."""
    deepest = depth = 0
    for m in _TAG.finditer(html):
        if m.group(2).lower() in _FLAT:
            continue
        depth = max(0, depth - 1) if m.group(1) else depth + 1
        deepest = max(deepest, depth)
    if deepest <= limit:
        return html, deepest
    parts: list[str] = []
    depth = last = 0
    for m in _TAG.finditer(html):
        if m.group(2).lower() in _FLAT:
            continue
        closing = bool(m.group(1))
        if not closing:
            depth += 1
        if depth > limit:
            parts.append(html[last:m.start()])
            last = m.end()
        if closing:
            depth = max(0, depth - 1)
    parts.append(html[last:])
    return "".join(parts), deepest


def html_to_text(html: str, notes: list[str] | None = None) -> tuple[str, dict[str, str]]:
    """Readable text of an HTML page (article or main if there is one) and its metadata;
    a page nested too deep is flattened first, with a note in ``notes``."""
    html, deepest = cap_nesting(html)
    if deepest > MAX_DEPTH and notes is not None:
        notes.append(f"HTML nested {deepest:,} elements deep; flattened below depth "
                     f"{MAX_DEPTH}")
    tree = HTMLParser(html)
    meta: dict[str, str] = {}
    for node in tree.css("meta"):
        key = node.attributes.get("property") or node.attributes.get("name") or ""
        value = node.attributes.get("content") or ""
        if key in _META and value:
            meta[key] = value
    html_node = tree.css_first("html")
    if html_node is not None and html_node.attributes.get("lang"):
        meta["lang"] = html_node.attributes["lang"] or ""
    tree.strip_tags(["script", "style", "noscript", "nav", "header", "footer", "aside",
                     "form", "iframe", "svg", "button"])
    root = tree.css_first("article") or tree.css_first("main") or tree.body or tree.root
    title = tree.css_first("h1")
    if title is not None:
        meta.setdefault("title", title.text(strip=True))
    text = root.text(separator="\n", strip=True) if root is not None else ""
    return text, meta
