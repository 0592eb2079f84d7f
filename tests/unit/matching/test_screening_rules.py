"""Each screening rule and each evasion, on postings not in the labelled set."""

import pytest

from services.matching.domain.screening import Strength, Verdict, screen_posting


def screened(text: str, field: str = "description") -> tuple[Verdict, list[tuple[str, str]]]:
    screening = screen_posting({"title": "仓库分拣员", field: text})
    return screening.verdict, [(f.rule, f.matched) for f in screening.findings]


@pytest.mark.parametrize(
    ("text", "matched"),
    [
        ("包吃住，湖北人士请勿打扰。", "湖北人士请勿打扰"),
        ("不接受湖北籍，谢谢配合", "不接受湖北籍"),
        ("我们不要湖北来的", "不要湖北来的"),
        ("谢绝来自孝感、黄冈的求职者", "谢绝来自孝感、黄冈的求职者"),
        ("温州籍一律不录用", "温州籍一律不录用"),
        ("疫区人员勿扰", "疫区人员勿扰"),
    ],
)
def test_a_refusal_by_region_of_origin_is_rejected_with_the_text_as_written(
    text: str, matched: str
) -> None:
    assert screened(text) == (Verdict.REJECT, [("region.origin", matched)])


@pytest.mark.parametrize(
    ("evasion", "text", "matched"),
    [
        ("abbreviation", "豫、皖籍的不要", "豫、皖籍的不要"),
        ("full width", "ＨＵＢＥＩ籍不要", "ＨＵＢＥＩ籍不要"),
        ("spaces", "湖 北 籍 谢 绝", "湖 北 籍 谢 绝"),
        ("punctuation", "湖~北~人~不~招", "湖~北~人~不~招"),
        ("zero-width", "武\u200b汉\u200b人\u200b勿扰", "武\u200b汉\u200b人\u200b勿扰"),
        ("traditional", "謝絕湖北籍人員", "謝絕湖北籍"),
        ("pinyin", "hu bei ji bu yao", "hu bei ji bu yao"),
        ("mixed pinyin", "武han人勿扰", "武han人勿扰"),
        ("initials", "HB人谢绝", "HB人谢绝"),
        ("homophone", "湖贝籍勿扰", "湖贝籍勿扰"),
        ("homophone, traditional", "胡北人謝絕", "胡北人謝絕"),
    ],
)
def test_evasions_are_seen_through(evasion: str, text: str, matched: str) -> None:
    assert screened(text) == (Verdict.REJECT, [("region.origin", matched)]), evasion


@pytest.mark.parametrize(
    "text",
    [
        "门店地址：黄浦区湖北路12号，招聘店员，不要求经验",
        "河南中路地铁站旁写字楼招聘保洁，不招兼职",
        "四川北路商场，不需要经验",
        "不限户籍，欢迎湖北籍员工",
        "欢迎湖北、河南籍劳动者，不招实习生",
        "工作地点：湖北省武汉市江汉区，不提供住宿，不要求学历",
        "湖北省内销售代表，不接受应届生",
        "湘菜厨师，不要求学历",
        "犹豫不决的不要来",
        "招聘HBase开发工程师，不招应届生",
        "湖北籍员工不要担心，公司提供隔离宿舍",
        "持健康证、随申码绿码上岗，体温异常者不得进入厂区",
        "返沪人员按规定隔离期满后上岗",
        "欢迎新冠康复者应聘",
        "不得以来自疫情严重地区为由拒绝招用",
    ],
)
def test_lawful_look_alikes_pass(text: str) -> None:
    assert screened(text) == (Verdict.PASS, [])


@pytest.mark.parametrize(
    ("text", "verdict", "matched"),
    [
        ("限本市户籍", Verdict.REJECT, "限本市户籍"),
        ("户口要求：上海", Verdict.REJECT, "户口要求：上海"),
        ("外地户籍的不要", Verdict.REJECT, "外地户籍的不要"),
        ("上海户籍优先", Verdict.HOLD, "上海户籍优先"),
        ("不限上海户籍", Verdict.PASS, None),
        ("本地外地均可", Verdict.PASS, None),
    ],
)
def test_household_registration(text: str, verdict: Verdict, matched: str | None) -> None:
    assert screened(text) == (verdict, [("hukou", matched)] if matched else [])


@pytest.mark.parametrize(
    ("text", "verdict", "matched"),
    [
        ("身份证42开头的不要", Verdict.REJECT, "身份证42开头的不要"),
        ("身份证四二开头勿扰", Verdict.REJECT, "身份证四二开头勿扰"),
        ("42打头的谢绝", Verdict.REJECT, "42打头的谢绝"),
        ("41开头的不要", Verdict.HOLD, "41开头的不要"),  # no 身份证, not Hubei's code
        ("身份证号420开头的请注明", Verdict.HOLD, "身份证号420开头的"),
        ("手机号138开头的不要打电话", Verdict.PASS, None),
        ("入职提供身份证复印件", Verdict.PASS, None),
    ],
)
def test_id_number_prefix(text: str, verdict: Verdict, matched: str | None) -> None:
    assert screened(text) == (verdict, [("id_prefix", matched)] if matched else [])


@pytest.mark.parametrize(
    ("text", "verdict", "matched"),
    [
        ("有新冠感染史者勿扰", Verdict.REJECT, "感染史者勿扰"),
        ("要求未感染过新冠", Verdict.REJECT, "未感染过"),
        ("阳康者不要", Verdict.REJECT, "阳康者不要"),
        ("康复者请慎投", Verdict.HOLD, "康复者请慎投"),
        ("新冠康复者按规定复查后上岗", Verdict.PASS, None),
    ],
)
def test_past_infection(text: str, verdict: Verdict, matched: str | None) -> None:
    assert screened(text) == (verdict, [("past_infection", matched)] if matched else [])


@pytest.mark.parametrize(
    "text",
    ["湖北籍请慎投", "近14天无湖北旅居史", "胡北的不招", "非湖北籍优先", "HUBEI的就算了"],
)
def test_weak_evidence_is_held_for_an_official(text: str) -> None:
    screening = screen_posting({"description": text})
    assert screening.verdict is Verdict.HOLD
    assert [f.strength for f in screening.findings] == [Strength.WEAK]


def test_findings_name_the_field_and_explain_in_chinese() -> None:
    screening = screen_posting({"title": "普工（湖北人勿扰）", "description": "包吃住，不限学历"})
    assert screening.verdict is Verdict.REJECT
    (finding,) = screening.findings
    assert (finding.rule, finding.field) == ("region.origin", "title")
    assert finding.matched == "湖北人勿扰"
    assert "拒绝" in finding.reason


def test_every_field_is_screened_and_every_finding_reported() -> None:
    screening = screen_posting(
        {"title": "保安", "description": "仅限上海户籍", "requirements": "身份证42开头的不要"}
    )
    assert {(f.rule, f.field) for f in screening.findings} == {
        ("hukou", "description"),
        ("id_prefix", "requirements"),
    }


def test_an_empty_posting_passes() -> None:
    assert screen_posting({"title": "", "description": ""}).verdict is Verdict.PASS
