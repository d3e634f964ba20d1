"""Case- and accent-insensitive folding that keeps one character per character."""

from __future__ import annotations

import unicodedata


def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0xC0, 0x250):
        ch = chr(code)
        base = unicodedata.normalize("NFD", ch)[0]
        if base != ch and base.isascii():
            table[code] = base
    table.update({ord("ł"): "l", ord("Ł"): "L", ord("ø"): "o", ord("Ø"): "O", ord("đ"): "d", ord("Đ"): "D",
                  ord("ة"): "ه", ord("ى"): "ي"})
    return table


_FOLD = _fold_table()


def fold(text: str) -> str:
    """Lower case without diacritics, one character for one character."""
    if text.isascii():  # nothing to take off: the table maps only letters past ASCII
        return text.lower()
    folded = text.translate(_FOLD).lower()
    if len(folded) != len(text):  # a few letters lower-case into two; keep the length
        folded = "".join(c.translate(_FOLD).lower()[:1] or c for c in text)
    return folded


_MARKS = {code: base for code, base in _FOLD.items() if code < 0x250}  # Latin letters only: Arabic keeps its own


def strip_marks(text: str) -> str:
    """The text with Latin letters' diacritics taken off, case kept ("Dzięki" -> "Dzieki"): a pattern
    spelt the way a customer types without them."""
    return text.translate(_MARKS)
