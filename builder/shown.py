"""Text from the inputs, made safe to show a human: :func:`neutral`.

An article id, a file name, a name read from a page or a JSON-LD literal can hold
terminal escape codes (``ESC[2J`` clears the screen, OSC 8 forges links), a newline
(that forges a line of ``validation.txt``: ``a.txt\\nINPUT b.txt …``) or a bidi override
(U+202E shows ``gpj.exe`` as ``exe.jpg``). Every message, report and table that repeats
such text passes it through :func:`neutral`, which writes each of these characters as a
visible escape (``\\x1b``, ``\\n``, ``\\u202e``) instead: what the user sees is what the
input holds, and nothing the input holds acts on the terminal or the file.

Rich markup (``[/b]``, ``[red]``) is the printer's business, not the text's: commands
print input text with ``markup=False`` or through :func:`rich.markup.escape`.
"""

from __future__ import annotations

import re

# C0 and C1 controls and DEL; the bidi embeddings, overrides, isolates and marks; the
# line and paragraph separators (a "line" to many viewers); invisible spaces and joiners
# that make two ids look alike (not ZWNJ and ZWJ, which Persian and Indic text need)
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u202a-\u202e"
                     "\u2060-\u2069\u2028\u2029\ufeff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(m: re.Match[str]) -> str:
    c = m.group()
    return _NAMED.get(c) or (f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}")


def neutral(text: object) -> str:
    """``text`` with every control, bidi and line-separator character written as a
    visible escape; other text (Vietnamese, Arabic, Han, ``[/b]``) unchanged.

    >>> neutral("a.txt\\nINPUT forged")
    'a.txt\\\\nINPUT forged'
    >>> neutral("\\x1b[31mred\\u202e")
    '\\\\x1b[31mred\\\\u202e'
    >>> neutral("Nguyễn Văn An [/b]")
    'Nguyễn Văn An [/b]'
    """
    return _UNSAFE.sub(_escape, str(text))


def neutral_lines(text: str) -> str:
    """A multi-line text (a report) with each line :func:`neutral` and its newlines kept."""
    return "\n".join(neutral(line) for line in text.split("\n"))


def safe_key(identity: str) -> str:
    """An identity (a record's id, a file's relative path) as the key partygraph keeps:
    every character :func:`neutral` would escape is percent-encoded (its UTF-8 bytes), so
    ``pg:sourceId`` holds only text that shows as it is; other ids are kept as they are.

    >>> safe_key("esc\\x1b[31m\\u202e")
    'esc%1B[31m%E2%80%AE'
    >>> safe_key("[/b]")
    '[/b]'
    """
    if _UNSAFE.search(identity) is None:
        return identity
    return _UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode()), identity)


def is_neutral(text: str) -> bool:
    """Whether :func:`neutral` would leave ``text`` as it is."""
    return _UNSAFE.search(text) is None
