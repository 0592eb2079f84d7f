"""Normalisation of posting text, once per field, before any rule runs.

One ``str.translate`` pass over a table built at start-up maps every character to what the
rules expect: full-width forms to half-width (NFKC), traditional characters to simplified
(OpenCC ``t2s``, character by character so that positions stay aligned), letters to lower
case; whitespace, punctuation, symbols and zero-width characters are dropped, so that
``湖 北``, ``湖.北`` and ``湖\u200b北`` all read ``湖北``. Sentence ends (。！？；, line breaks)
become ``|``: the rules' words tolerate a ``|`` between any two characters, but a window
that crosses a real sentence end (one with two or more characters on each side) is not
read as one phrase, so ``欢迎湖北籍员工。不招实习生`` is two statements.

Each kept character maps to exactly one character, so a span in the normalised text maps
back to the original one (``Normalised.original_span``), which is what a finding reports.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import cache

import opencc

SENTENCE_END = "|"
_SENTENCE_ENDS = "。！？；!?;\n\r．｡"
_CJK_RANGES = ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00))
_DROPPED_CATEGORIES = ("Z", "P", "S", "C")  # separators, punctuation, symbols, control/format


@cache
def translation_table() -> dict[int, int | None]:
    """Every BMP code point mapped (a complete table: ``str.translate`` never misses)."""
    table: dict[int, int | None] = {}
    for code in range(0x10000):
        char = chr(code)
        if char in _SENTENCE_ENDS:
            table[code] = ord(SENTENCE_END)
            continue
        folded = unicodedata.normalize("NFKC", char).lower()
        if len(folded) != 1:
            folded = char.lower() if len(char.lower()) == 1 else char
        if unicodedata.category(folded)[0] in _DROPPED_CATEGORIES:
            table[code] = None
        else:
            table[code] = ord(folded)
    _simplify(table)
    return table


def _simplify(table: dict[int, int | None]) -> None:
    # One character per line keeps OpenCC from converting phrases, which could change lengths.
    codes = [c for start, end in _CJK_RANGES for c in range(start, end)]
    converted = opencc.OpenCC("t2s").convert("\n".join(chr(c) for c in codes)).split("\n")
    for code, simple in zip(codes, converted, strict=True):
        if len(simple) == 1 and simple != chr(code):
            table[code] = ord(simple)


@dataclass(slots=True)
class Normalised:
    """A field's text as the rules read it, and the way back to the original."""

    original: str
    text: str
    _positions: list[int] | None = field(default=None, repr=False)
    _phonetic: str | None = field(default=None, repr=False)

    @classmethod
    def of(cls, original: str) -> Normalised:
        return cls(original, original.translate(translation_table()))

    def phonetic(self, table: dict[int, int]) -> str:
        """The text with homophones replaced through ``table`` (computed once, 1:1 in length)."""
        if self._phonetic is None:
            self._phonetic = self.text.translate(table)
        return self._phonetic

    def original_span(self, start: int, end: int) -> str:
        """The original text behind normalised ``text[start:end]``, separators included."""
        if self._positions is None:
            table = translation_table()
            self._positions = [
                i for i, ch in enumerate(self.original) if table.get(ord(ch), ord(ch)) is not None
            ]
        if start >= end:
            return ""
        return self.original[self._positions[start] : self._positions[end - 1] + 1]

    def crosses_sentence(self, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` spans a sentence end with 2+ characters each side."""
        text = self.text
        at = text.find(SENTENCE_END, start, end)
        while at != -1:
            before = at - max(text.rfind(SENTENCE_END, 0, at), -1) - 1
            after_end = text.find(SENTENCE_END, at + 1)
            after = (len(text) if after_end == -1 else after_end) - at - 1
            if before >= 2 and after >= 2:
                return True
            at = text.find(SENTENCE_END, at + 1, end)
        return False
