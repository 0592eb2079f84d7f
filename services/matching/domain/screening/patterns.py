"""Regular expressions compiled once from the lexicon.

Every word is compiled with an optional sentence mark (``|``) between its characters, so a
word broken up with punctuation still matches; the lookups are longest first.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from functools import cache

from pypinyin import Style, lazy_pinyin
from pypinyin.constants import PINYIN_DICT

from services.matching.domain.screening import lexicon

GAP = r"\|?"


def word(text: str) -> str:
    return GAP.join(re.escape(ch) for ch in text)


def words(items: Iterable[str]) -> str:
    return "(?:" + "|".join(word(w) for w in sorted(set(items), key=len, reverse=True)) + ")"


def _toneless(reading: str) -> str:
    stripped = "".join(
        ch for ch in unicodedata.normalize("NFKD", reading) if not unicodedata.combining(ch)
    )
    return stripped.replace("ü", "v")


@cache
def homophones() -> dict[str, frozenset[str]]:
    """Toneless syllable -> every CJK character with that reading (polyphones in each)."""
    by_syllable: defaultdict[str, set[str]] = defaultdict(set)
    for code, readings in PINYIN_DICT.items():
        if 0x4E00 <= code < 0xA000:
            for reading in readings.split(","):
                by_syllable[_toneless(reading)].add(chr(code))
    return {syllable: frozenset(chars) for syllable, chars in by_syllable.items()}


def _region_pattern(name: str) -> str:
    """A region name, each syllable written as its character, a homophone or in pinyin."""
    syllables = lazy_pinyin(name, style=Style.NORMAL)
    expanded = name in lexicon.HOMOPHONE_EXPANDED
    parts = []
    for char, syllable in zip(name, syllables, strict=True):
        chars = homophones().get(syllable, frozenset()) | {char} if expanded else {char}
        klass = "[" + "".join(sorted(re.escape(c) for c in chars)) + "]"
        parts.append(f"(?:{klass}|{re.escape(syllable)})")
    return GAP.join(parts)


HUMAN = r"人(?![民才力事工体性])"


@cache
def region() -> re.Pattern[str]:
    names = sorted(lexicon.PROVINCES + lexicon.CITIES, key=len, reverse=True)
    abbreviations = "[" + "".join(lexicon.ABBREVIATIONS) + "]"
    initials = "|".join(lexicon.INITIALS)
    return re.compile(
        rf"(?P<named>{'|'.join(_region_pattern(n) for n in names)})"
        rf"|(?P<zone>{words(lexicon.EPIDEMIC_ZONES)})"
        rf"|(?<![a-z])(?P<initials>{initials})(?![a-z])"
        rf"|(?<!犹)(?P<abbreviation>{abbreviations}(?:{GAP}{abbreviations})*)"
        rf"(?={GAP}(?:籍|{HUMAN}|户))"
    )


def anchored_after(items: Iterable[str], lead: str = "") -> re.Pattern[str]:
    return re.compile(rf"{GAP}(?:{lead}{GAP})?(?:{words(items)})")


def anchored_before(items: Iterable[str]) -> re.Pattern[str]:
    return re.compile(rf"(?:{words(items)}){GAP}$")


REGION_SUFFIX = r"(?:省|市|地区|一带|方面|省份|等地)?(?:\|?的)?"
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
SOFT_REFUSAL = re.compile(rf"{words(lexicon.SOFT_REFUSALS)}|{words(lexicon.PRIORITISE)}")
BREAKS_REFUSAL = re.compile(words(lexicon.BREAKS_REFUSAL))
RESTRICTS_BEFORE = re.compile(rf"(?<![不无]){words(lexicon.RESTRICTS)}{GAP}$")

_LOCAL_HUKOU = rf"{words(lexicon.LOCAL)}{GAP}(?:{words(lexicon.HUKOU_NOUNS)}|{HUMAN})"
HUKOU_RESTRICTED = re.compile(
    rf"(?<![不无])(?:{words(lexicon.RESTRICTS)}){GAP}(?:为|是)?{GAP}{_LOCAL_HUKOU}"
    rf"|(?:户籍|户口){GAP}(?:要求|限制|限定|限|须为|必须为|必须是|需为|须是){GAP}"
    rf"(?:为|是)?{GAP}{words(lexicon.LOCAL)}"
)
HUKOU_PREFERRED = re.compile(rf"{_LOCAL_HUKOU}{GAP}(?:员工|人员)?{GAP}优先")
NON_LOCAL = re.compile(
    rf"{words(lexicon.NON_LOCAL)}(?:{GAP}(?:{words(lexicon.HUKOU_NOUNS)}|{HUMAN}|人员|务工人员))?"
)

ID_CODE = r"(?P<code>\d{2,6})"
ID_NOUN_FIRST = re.compile(
    rf"{words(lexicon.ID_NOUNS)}{GAP}(?:号码?)?{GAP}(?:(?:前两位|前2位|以|为|是|开头){GAP}){{0,3}}"
    rf"{ID_CODE}(?!\d)(?:{GAP}{words(lexicon.ID_PREFIX_WORDS)})?"
)
ID_NOUN_AFTER = re.compile(
    rf"(?<!\d){ID_CODE}{GAP}{words(lexicon.ID_PREFIX_WORDS)}(?:{GAP}的)?{GAP}{words(lexicon.ID_NOUNS)}"
)
ID_PREFIX_ONLY = re.compile(rf"(?<!\d){ID_CODE}{GAP}{words(lexicon.ID_PREFIX_WORDS)}")
PHONE_NEAR = re.compile(r"手机|电话|号码|tel|微信|车牌|邮编")

INFECTION_HISTORY = re.compile(words(lexicon.INFECTION_HISTORY))
NEVER_INFECTED = re.compile(words(lexicon.NEVER_INFECTED))
