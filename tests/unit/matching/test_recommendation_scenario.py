"""Must-show (issue 8, item 7): in a hand-built city, the right posting ranks first for each
seeker, with its reasons, and ineligible postings never appear."""

from dataclasses import replace
from datetime import date

import pytest

from services.matching.domain.recommend import (
    OccupationCode,
    OpenPosting,
    PostingIndex,
    PriorityGroup,
    SeekerProfile,
)

TODAY = date(2020, 2, 20)
XUHUI, CHANGNING, MINHANG, PUDONG, JIADING, CHONGMING, YANGPU = (
    "310104",
    "310105",
    "310112",
    "310115",
    "310114",
    "310151",
    "310110",
)


def posting(
    posting_id: str, code: str, district: str, low: int, high: int, **more: object
) -> OpenPosting:
    values: dict[str, object] = {
        "title": posting_id,
        "opened_on": date(2020, 2, 18),
        "valid_until": date(2020, 3, 31),
    }
    values.update(more)
    return OpenPosting(
        posting_id,
        str(values.pop("title")),
        OccupationCode.parse(code),
        district,
        low,
        high,
        **values,  # type: ignore[arg-type]
    )


GRADUATE = SeekerProfile(
    "seeker-graduate",
    desired=(OccupationCode.parse("2-02-10-03"),),
    district=XUHUI,
    salary_floor=8000,
    max_commute_km=12,
    skills=frozenset({"Python", "SQL"}),
    priority_group=PriorityGroup.GRADUATE,
    origin_region="湖北省",
)
FORKLIFT_DRIVER = SeekerProfile(
    "seeker-forklift",
    desired=(OccupationCode.parse("4-02-06-03"),),
    district=MINHANG,
    salary_floor=5000,
    max_commute_km=15,
    certificates=frozenset({"叉车证", "健康证"}),
    skills=frozenset({"叉车", "仓储管理"}),
    priority_group=PriorityGroup.MIGRANT_WORKER,
    origin_region="河南省",
)
COOK = SeekerProfile(
    "seeker-cook",
    desired=(OccupationCode.parse("4-03-02-01"),),
    district=PUDONG,
    salary_floor=4500,
    max_commute_km=10,
    certificates=frozenset({"健康证"}),
    skills=frozenset({"中餐烹饪"}),
    priority_group=PriorityGroup.HARD_TO_EMPLOY,
)

POSTINGS = [
    posting(
        "dev-xuhui",
        "2-02-10-03",
        XUHUI,
        9000,
        14000,
        skills=frozenset({"Python", "SQL"}),
        target_groups=frozenset({PriorityGroup.GRADUATE}),
    ),
    posting(
        "analyst-changning",
        "2-02-10-01",
        CHANGNING,
        8500,
        12000,
        skills=frozenset({"SQL", "Excel"}),
    ),
    posting("dev-jiading-too-far", "2-02-10-03", JIADING, 15000, 20000),
    posting("dev-below-floor", "2-02-10-03", XUHUI, 5000, 7000),
    posting("dev-closed", "2-02-10-03", XUHUI, 9000, 14000, is_open=False),
    posting("dev-expired", "2-02-10-03", XUHUI, 9000, 14000, valid_until=date(2020, 2, 19)),
    posting(
        "warehouse-minhang",
        "4-02-06-03",
        MINHANG,
        5500,
        7000,
        key_enterprise=True,
        certificates=frozenset({"叉车证", "健康证"}),
        skills=frozenset({"叉车", "仓储管理"}),
    ),
    posting(
        "warehouse-needs-hazmat",
        "4-02-06-03",
        MINHANG,
        7000,
        9000,
        certificates=frozenset({"危险货物运输从业资格证"}),
    ),
    posting(
        "warehouse-xuhui",
        "4-02-06-01",
        XUHUI,
        5000,
        6000,
        skills=frozenset({"仓储管理"}),
        opened_on=date(2020, 2, 1),
    ),
    posting(
        "cook-pudong",
        "4-03-02-01",
        PUDONG,
        5000,
        6500,
        certificates=frozenset({"健康证"}),
        skills=frozenset({"中餐烹饪"}),
        target_groups=frozenset({PriorityGroup.HARD_TO_EMPLOY}),
    ),
    posting("cook-yangpu", "4-03-02-01", YANGPU, 4500, 5500, opened_on=date(2020, 1, 31)),
    posting("cook-chongming-too-far", "4-03-02-01", CHONGMING, 6000, 8000),
    posting(
        "cook-needs-chef-certificate",
        "4-03-02-01",
        PUDONG,
        7000,
        9000,
        certificates=frozenset({"中式烹调师职业资格证"}),
    ),
]
INELIGIBLE = {
    p.posting_id for p in POSTINGS if "too-far" in p.posting_id or "needs" in p.posting_id
}
INELIGIBLE |= {"dev-below-floor", "dev-closed", "dev-expired"}


@pytest.mark.parametrize(
    ("seeker", "first", "reason_words"),
    [
        (GRADUATE, "dev-xuhui", ["职业完全对口", "Python", "就在本区", "面向高校毕业生"]),
        (FORKLIFT_DRIVER, "warehouse-minhang", ["叉车证", "重点企业岗位"]),
        (COOK, "cook-pudong", ["健康证", "面向就业困难人员"]),
    ],
)
def test_the_right_posting_ranks_first_with_its_reasons(
    seeker: SeekerProfile, first: str, reason_words: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    recommendations = PostingIndex(POSTINGS).recommend(seeker, TODAY)
    with capsys.disabled():
        print(f"\n{seeker.seeker_id}:")
        for r in recommendations:
            print(f"  {r.score:.3f} {r.posting_id}: {'；'.join(r.reasons)}")
    assert recommendations[0].posting_id == first
    shown = "；".join(recommendations[0].reasons)
    for words in reason_words:
        assert words in shown
    assert not {r.posting_id for r in recommendations} & INELIGIBLE


def test_every_eligible_posting_is_recommended_and_no_ineligible_one() -> None:
    index = PostingIndex(POSTINGS)
    shown = {
        r.posting_id for s in (GRADUATE, FORKLIFT_DRIVER, COOK) for r in index.recommend(s, TODAY)
    }
    assert shown == {p.posting_id for p in POSTINGS} - INELIGIBLE


def test_origin_region_never_changes_a_recommendation() -> None:
    index = PostingIndex(POSTINGS)
    for seeker in (GRADUATE, FORKLIFT_DRIVER, COOK):
        as_given = index.recommend(seeker, TODAY)
        for origin in ("湖北省", "河南省", None):
            assert index.recommend(replace(seeker, origin_region=origin), TODAY) == as_given
