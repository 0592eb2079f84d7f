"""Regular expressions compiled once from the lexicon.

Every word is compiled with an optional sentence mark (``|``) between its characters, so a
word broken up with punctuation still matches; the lookups are longest first. Word lists
are factored by their first character (``湖(?:北|南)|河(?:北|南)``): a pattern whose every
branch starts with a literal lets the regex engine skip ahead with a character-set scan in
C instead of trying every branch at every position, which is what makes screening fast.
Look-behinds would defeat that scan, so the rules check the character before a match.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable
from functools import cache

from pypinyin import Style, lazy_pinyin
from pypinyin.constants import PINYIN_DICT

from services.matching.domain.screening import lexicon

GAP = r"\|?"
HUMAN = r"人(?![民才力事工体性])"


def word(text: str) -> str:
    return GAP.join(re.escape(ch) for ch in text)


def words(items: Iterable[str]) -> str:
    """Alternatives factored by first character; the rest of each compiled with ``word``."""
    by_first: dict[str, list[str]] = {}
    for item in sorted(set(items), key=len, reverse=True):
        by_first.setdefault(item[0], []).append(GAP + word(item[1:]) if item[1:] else "")
    return "(?:" + "|".join(_branch(re.escape(f), tails) for f, tails in by_first.items()) + ")"


def _branch(head: str, tails: list[str]) -> str:
    return head if tails == [""] else head + "(?:" + "|".join(tails) + ")"


def _toneless(reading: str) -> str:
    stripped = "".join(
        ch for ch in unicodedata.normalize("NFKD", reading) if not unicodedata.combining(ch)
    )
    return stripped.replace("ü", "v")


@cache
def phonetic_table() -> dict[int, int]:
    """Every character read like a syllable of 湖北, 武汉 or 河南 -> that name's character.

    Applied to the normalised text, it turns 湖被, 胡北 and 壶背 into 湖北, so the region
    automaton stays a set of literals (fast) and still finds homophones. A character's
    first (most common) reading decides, so 和 (he, also hu) maps to 河.
    """
    canonical: dict[str, str] = {}
    for name in lexicon.HOMOPHONE_EXPANDED:
        for char, syllable in zip(name, lazy_pinyin(name, style=Style.NORMAL), strict=True):
            canonical.setdefault(syllable, char)
    table: dict[int, int] = {}
    for code, readings in PINYIN_DICT.items():
        if 0x4E00 <= code < 0xA000:
            target = canonical.get(_toneless(readings.split(",")[0]))
            if target is not None and code != ord(target):
                table[code] = ord(target)
    return table


def spellings(name: str) -> set[str]:
    """湖北 -> 湖北, hu北, 湖bei, hubei (each syllable as its character or in pinyin)."""
    spellings = [""]
    for char, syllable in zip(name, lazy_pinyin(name, style=Style.NORMAL), strict=True):
        spellings = [s + unit for s in spellings for unit in (char, syllable)]
    return set(spellings)


def _spelling_tail(spelling: str) -> str:
    """After the first character: the rest, a ``|`` allowed between characters and syllables."""
    out = ""
    for previous, ch in itertools.pairwise(spelling):
        joined = previous.isascii() and ch.isascii()
        out += ("" if joined else GAP) + re.escape(ch)
    return out


@cache
def region() -> re.Pattern[str]:
    """Region names in any spelling, epidemic zones, initials, runs of abbreviations."""
    branches: dict[str, list[str]] = {}
    named = {s for name in lexicon.PROVINCES + lexicon.CITIES for s in spellings(name)}
    for spelling in sorted(named | set(lexicon.EPIDEMIC_ZONES), key=len, reverse=True):
        branches.setdefault(spelling[0], []).append(_spelling_tail(spelling))
    for initials in lexicon.INITIALS:
        branches.setdefault(initials[0], []).append(re.escape(initials[1:]) + "(?![a-z])")
    abbreviation = "[" + "".join(lexicon.ABBREVIATIONS) + "]"
    follows = rf"(?:{GAP}{abbreviation})*(?={GAP}(?:籍|{HUMAN}|户))"
    for char in lexicon.ABBREVIATIONS:
        branches.setdefault(char, []).append(follows)
    return re.compile("|".join(_branch(re.escape(head), tails) for head, tails in branches.items()))


def anchored_before(items: Iterable[str]) -> re.Pattern[str]:
    return re.compile(rf"{words(items)}{GAP}$")


REGION_SUFFIX = r"(?:省|市|地区|一带|方面|省份|等地|[两三四五几]地|[两三四五几]省)?(?:\|?的)?"
ORIGIN_AFTER = re.compile(
    rf"{GAP}{REGION_SUFFIX}{GAP}(?:{words(w for w in lexicon.ORIGIN_AFTER if w != '人')}|{HUMAN})"
)
NOT_ORIGIN_AFTER = re.compile(rf"{GAP}(?:省|市)?{GAP}{words(lexicon.NOT_ORIGIN_AFTER)}")
REGION_LINK = re.compile(rf"{GAP}(?:{words(lexicon.REGION_LINKS)})?{GAP}$")
LOCATION_BEFORE = anchored_before(lexicon.LOCATION_BEFORE)
ORIGIN_BEFORE = anchored_before(lexicon.ORIGIN_BEFORE)
WELCOME_BEFORE = re.compile(words(lexicon.WELCOME_BEFORE))
NEGATED_HISTORY_BEFORE = re.compile(r"(?:无|没有|未|不曾)[^|]{0,4}$")
REFUSAL = re.compile(rf"{words(lexicon.REFUSALS)}(?!{GAP}{words(lexicon.REFUSAL_NOT_BEFORE)})")
SOFT_REFUSAL = re.compile(words(lexicon.SOFT_REFUSALS))
EXCEPT_BEFORE = re.compile(rf"除{GAP}(?:了|去)?{GAP}$")
EXCEPT_AFTER = re.compile(rf"{GAP}[^|]{{0,3}}?(?:以外|之外|外)")
OTHERS_WELCOME_AFTER = re.compile(
    rf"{GAP}(?:以外|之外)[^|]{{0,4}}?(?:均可|都可|皆可|都行|可以|欢迎)"
)
PREFERRED_AFTER = re.compile(r"[^|]{0,6}?优先")
BREAKS_REFUSAL = re.compile(words(lexicon.BREAKS_REFUSAL))
RESTRICTS_BEFORE = re.compile(rf"(?<![不无]){words(lexicon.RESTRICTS)}{GAP}$")
NEGATION = "不无"

_LOCAL_HUKOU = rf"{words(lexicon.LOCAL)}{GAP}(?:{words(lexicon.HUKOU_NOUNS)}|{HUMAN})"
HUKOU_RESTRICTED = re.compile(  # the rule checks that no 不/无 comes first (不限上海户籍)
    rf"{words(lexicon.RESTRICTS)}{GAP}(?:为|是)?{GAP}{_LOCAL_HUKOU}"
)
HUKOU_REQUIRED = re.compile(
    rf"户{GAP}(?:籍|口){GAP}(?:要求|限制|限定|限|须为|必须为|必须是|需为|须是){GAP}"
    rf"(?:为|是)?{GAP}{words(lexicon.LOCAL)}"
)
HUKOU_PREFERRED = re.compile(rf"{_LOCAL_HUKOU}{GAP}(?:员工|人员)?{GAP}优先")
NON_LOCAL = re.compile(
    rf"{words(lexicon.NON_LOCAL)}(?:{GAP}(?:{words(lexicon.HUKOU_NOUNS)}|{HUMAN}|人员|务工人员))?"
)

_DIGIT = r"[\d〇零一二三四五六七八九十]"
ID_CODE = rf"(?P<code>{_DIGIT}{_DIGIT}{{1,5}})"  # the rule checks that no digit comes first
ID_NOUN_FIRST = re.compile(
    rf"{words(lexicon.ID_NOUNS)}{GAP}(?:号码?)?{GAP}(?:(?:前两位|前2位|以|为|是|开头){GAP}){{0,3}}"
    rf"{ID_CODE}(?!\d)(?:{GAP}{words(lexicon.ID_PREFIX_WORDS)})?"
)
ID_NOUN_AFTER = re.compile(
    rf"{ID_CODE}{GAP}{words(lexicon.ID_PREFIX_WORDS)}(?:{GAP}的)?{GAP}{words(lexicon.ID_NOUNS)}"
)
ID_PREFIX_ONLY = re.compile(rf"{ID_CODE}{GAP}{words(lexicon.ID_PREFIX_WORDS)}")
PHONE_NEAR = re.compile(r"手机|电话|号码|tel|微信|车牌|邮编")

INFECTION_HISTORY = re.compile(words(lexicon.INFECTION_HISTORY))
NEVER_INFECTED = re.compile(words(lexicon.NEVER_INFECTED))
