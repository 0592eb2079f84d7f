"""The four screening rules over a normalised field.

Each rule looks for its subject (a region, the local household registration, an ID-number
prefix, a past infection) and then for what turns a mention into a refusal: a refusal word
near it in the same sentence (勿扰, 不招, 谢绝…), a restriction (仅限, 只招…), or a demand
that the worker never had it (无感染史). A mention alone is lawful (欢迎湖北籍员工, 不限户籍,
工作地点：湖北武汉, 湖北路). Clear refusals are strong findings (reject); weaker ones — a
preference (本地户籍优先), a soft word (慎投, 暂缓), a homophone or a bare region name with
a refusal further off, a travel-history requirement — are weak (hold, an official decides).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from services.matching.domain.screening import lexicon, patterns
from services.matching.domain.screening.findings import Finding, Screening, Strength
from services.matching.domain.screening.normalise import Normalised, translation_table

AFTER_WINDOW = 8
BEFORE_WINDOW = 6
ADJACENT = 2

REGION = "region.origin"
HUKOU = "hukou"
ID_PREFIX = "id_prefix"
PAST_INFECTION = "past_infection"


@dataclass(frozen=True, slots=True)
class _Refusal:
    start: int
    end: int
    gap: int
    soft: bool


def _refusal_near(n: Normalised, start: int, end: int) -> _Refusal | None:
    """The nearest refusal in the same sentence within the windows around ``[start, end)``."""
    text = n.text
    best: _Refusal | None = None
    for pattern, soft in ((patterns.REFUSAL, False), (patterns.SOFT_REFUSAL, True)):
        for m in pattern.finditer(text, end, min(len(text), end + AFTER_WINDOW + 4)):
            if m.start() - end > AFTER_WINDOW:
                break
            if _separated(n, end, m.start()):
                continue
            candidate = _Refusal(m.start(), m.end(), m.start() - end, soft)
            if best is None or (best.soft, best.gap) > (candidate.soft, candidate.gap):
                best = candidate
            break
        lo = max(0, start - BEFORE_WINDOW - 4)
        for m in pattern.finditer(text, lo, start):
            if start - m.end() > BEFORE_WINDOW or _separated(n, m.end(), start):
                continue
            candidate = _Refusal(m.start(), m.end(), start - m.end(), soft)
            if best is None or (best.soft, best.gap) > (candidate.soft, candidate.gap):
                best = candidate
    return best


def _separated(n: Normalised, a: int, b: int) -> bool:
    return a < b and (
        n.crosses_sentence(a, b) or patterns.BREAKS_REFUSAL.search(n.text, a, b) is not None
    )


def _finding(
    n: Normalised, rule: str, name: str, span: tuple[int, int], strength: Strength, reason: str
) -> Finding:
    return Finding(rule, name, n.original_span(*span), reason, strength)


def _region_chains(n: Normalised) -> Iterator[tuple[int, int, bool]]:
    """Runs of region names (湖北、河南、安徽), with whether any was written as a homophone."""
    chain: list[int] | None = None
    homophone = False
    text = n.text
    for m in patterns.region().finditer(n.phonetic(patterns.phonetic_table())):
        spelled = text[m.start() : m.end()].replace("|", "")
        before = text[m.start() - 1 : m.start()]
        if spelled in lexicon.INITIALS and before.isascii() and before.isalpha():
            continue  # "hb" inside a word (HBase)
        if spelled[0] in lexicon.ABBREVIATIONS and before == "犹":
            continue  # 犹豫
        is_homophone = not (spelled in _SPELLINGS or spelled.isascii() or spelled[0] in _ABBR)
        if chain and patterns.REGION_LINK.search(text, chain[1], m.start()):
            chain[1] = m.end()
            homophone = homophone or is_homophone
            continue
        if chain:
            yield chain[0], chain[1], homophone
        chain, homophone = [m.start(), m.end()], is_homophone
    if chain:
        yield chain[0], chain[1], homophone


_SPELLINGS = frozenset(
    spelling
    for name in lexicon.PROVINCES + lexicon.CITIES + lexicon.EPIDEMIC_ZONES
    for spelling in (name, *patterns.spellings(name))
)
_ABBR = frozenset(lexicon.ABBREVIATIONS)


_REGION_STRONG = (
    "以来源地区（籍贯、来自或到过某地）拒绝或排斥劳动者，违反不得拒绝招录疫情严重地区劳动者的规定"
)
_REGION_WEAK = "疑似以来源地区区别对待劳动者，需人工复核"


def _region(n: Normalised, name: str) -> Iterator[Finding]:
    text = n.text
    for start, end, homophone in _region_chains(n):
        head = text[max(0, start - BEFORE_WINDOW) : start]
        origin_after = patterns.ORIGIN_AFTER.match(text, end)
        origin_before = patterns.ORIGIN_BEFORE.search(head)
        if not origin_after:
            if patterns.NOT_ORIGIN_AFTER.match(text, end):
                continue  # 湖北路, 湘菜, 武汉大学
            if patterns.LOCATION_BEFORE.search(head):
                continue  # 工作地点：湖北武汉
        if patterns.WELCOME_BEFORE.search(head):
            continue  # 欢迎湖北籍员工, 不限湖北、河南籍
        subject_end = origin_after.end() if origin_after else end
        is_origin = bool(origin_after or origin_before)
        if origin_after and origin_after.group().endswith(("旅居史", "接触史")):
            negation = patterns.NEGATED_HISTORY_BEFORE.search(text, 0, start)
            if negation:
                yield _finding(
                    n,
                    REGION,
                    name,
                    (negation.start(), subject_end),
                    Strength.WEAK,
                    "要求没有到过某地区，可能变相拒绝来自该地区的劳动者，需人工复核",
                )
                continue
        excepted = (
            patterns.EXCEPT_AFTER.match(text, subject_end)
            if patterns.EXCEPT_BEFORE.search(head)
            else patterns.OTHERS_WELCOME_AFTER.match(text, subject_end)
        )
        if excepted:  # 除湖北人外均可, 鄂州以外地区均可
            yield _finding(
                n,
                REGION,
                name,
                (start - 1 if text[start - 1 : start] == "除" else start, excepted.end()),
                Strength.STRONG,
                _REGION_STRONG,
            )
            continue
        refusal = _refusal_near(n, start, subject_end)
        restricted_non = (
            origin_before is not None
            and origin_before.group().replace("|", "").startswith("非")
            and origin_after is not None
        )
        if refusal is None and not restricted_non:
            continue
        if refusal is None:  # 非湖北籍: only a refusal when restricted to or preferred
            strong = patterns.RESTRICTS_BEFORE.search(text, 0, start - 1) is not None
            if not strong and not patterns.PREFERRED_AFTER.match(text, subject_end):
                continue
            span = (start - 1, subject_end)
        else:
            clear = is_origin or refusal.gap <= ADJACENT
            strong = not refusal.soft and clear and (not homophone or is_origin)
            span = (min(start, refusal.start), max(subject_end, refusal.end))
        yield _finding(
            n,
            REGION,
            name,
            span,
            Strength.STRONG if strong else Strength.WEAK,
            _REGION_STRONG if strong else _REGION_WEAK,
        )


def _hukou(n: Normalised, name: str) -> Iterator[Finding]:
    text = n.text
    restricted = (
        m
        for pattern in (patterns.HUKOU_RESTRICTED, patterns.HUKOU_REQUIRED)
        for m in pattern.finditer(text)
        if text[m.start() - 1 : m.start()] not in patterns.NEGATION or not m.start()
    )
    for m in restricted:
        yield _finding(
            n, HUKOU, name, m.span(), Strength.STRONG, "限定本地户籍，排斥外地户籍劳动者"
        )
    for m in patterns.HUKOU_PREFERRED.finditer(text):
        yield _finding(
            n,
            HUKOU,
            name,
            m.span(),
            Strength.WEAK,
            "本地户籍优先，可能不利于外地劳动者，需人工复核",
        )
    for m in patterns.NON_LOCAL.finditer(text):
        refusal = _refusal_near(n, m.start(), m.end())
        if refusal is None:
            continue
        span = (min(m.start(), refusal.start), max(m.end(), refusal.end))
        strong = not refusal.soft
        yield _finding(
            n,
            HUKOU,
            name,
            span,
            Strength.STRONG if strong else Strength.WEAK,
            "以户籍或外地身份拒绝劳动者" if strong else "疑似以户籍区别对待劳动者，需人工复核",
        )


_CHINESE_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")


def _arabic(code: str) -> str:
    """42, 四二 and 四十二 all give "42" (十 between tens and units, as numbers are spoken)."""
    digits = code.translate(_CHINESE_DIGITS)
    if "十" not in digits:
        return digits
    tens, _, units = digits.partition("十")
    return f"{int(tens or '1')}{units or '0'}"


def _id_prefix(n: Normalised, name: str) -> Iterator[Finding]:
    text = n.text
    seen: list[tuple[int, int]] = []
    for pattern, with_noun in (
        (patterns.ID_NOUN_FIRST, True),
        (patterns.ID_NOUN_AFTER, True),
        (patterns.ID_PREFIX_ONLY, False),
    ):
        for m in pattern.finditer(text):
            code = _arabic(m.group("code"))
            if (
                code[:2] not in lexicon.PROVINCE_ID_CODES
                or text[m.start("code") - 1 : m.start("code")].isdigit()
            ):
                continue
            if any(s <= m.start() < e for s, e in seen):
                continue
            near = text[max(0, m.start() - 6) : m.end() + 4]
            if not with_noun and (
                (code.startswith("1") and len(code) >= 3) or patterns.PHONE_NEAR.search(near)
            ):
                continue  # 138开头的手机号
            refusal = _refusal_near(n, m.start(), m.end())
            if refusal is None and not with_noun:
                continue
            seen.append(m.span())
            span = (
                m.span()
                if refusal is None
                else (min(m.start(), refusal.start), max(m.end(), refusal.end))
            )
            strong = (
                refusal is not None
                and not refusal.soft
                and (with_noun or code[:2] in lexicon.BADLY_AFFECTED_ID_CODES)
            )
            yield _finding(
                n,
                ID_PREFIX,
                name,
                span,
                Strength.STRONG if strong else Strength.WEAK,
                "以身份证号码开头（籍贯地区代码）拒绝劳动者"
                if strong
                else "提及身份证号码开头，疑似按籍贯筛选，需人工复核",
            )


def _past_infection(n: Normalised, name: str) -> Iterator[Finding]:
    for m in patterns.NEVER_INFECTED.finditer(n.text):
        yield _finding(
            n,
            PAST_INFECTION,
            name,
            m.span(),
            Strength.STRONG,
            "要求从未感染，排斥已治愈的新冠肺炎患者",
        )
    for m in patterns.INFECTION_HISTORY.finditer(n.text):
        refusal = _refusal_near(n, m.start(), m.end())
        if refusal is None:
            continue
        span = (min(m.start(), refusal.start), max(m.end(), refusal.end))
        yield _finding(
            n,
            PAST_INFECTION,
            name,
            span,
            Strength.WEAK if refusal.soft else Strength.STRONG,
            "以曾经感染或已治愈为由拒绝劳动者"
            if not refusal.soft
            else "对曾经感染者区别对待，需人工复核",
        )


_RULES = (_region, _hukou, _id_prefix, _past_infection)


class Screener:
    """Screens postings with the automata compiled once at construction."""

    def __init__(self) -> None:
        # Build the tables and the automaton now (about a second), not on the first posting.
        translation_table()
        patterns.phonetic_table()
        patterns.region()

    def screen(self, fields: Mapping[str, str]) -> Screening:
        findings: list[Finding] = []
        for name, value in fields.items():
            if not value:
                continue
            normalised = Normalised.of(value)
            for rule in _RULES:
                findings.extend(rule(normalised, name))
        return Screening.of(tuple(findings))


DEFAULT_SCREENER = Screener()
