"""The hard filters, the score's parts and the index, one at a time."""

import random
from dataclasses import replace
from datetime import date

import pytest

from services.matching.domain.recommend import (
    OccupationCode,
    OpenPosting,
    PostingIndex,
    PriorityGroup,
    SeekerProfile,
    eligible,
    recommend_seekers,
    scan,
    score,
)
from services.matching.domain.recommend.geography import SAME_DISTRICT_KM, distance_km, reachable

TODAY = date(2020, 2, 20)
SEEKER = SeekerProfile(
    "seeker-1",
    desired=(OccupationCode.parse("4-02-06-03"),),
    district="310112",
    salary_floor=5000,
    max_commute_km=15,
    certificates=frozenset({"健康证"}),
)
POSTING = OpenPosting(
    "posting-1",
    "仓库理货员",
    OccupationCode.parse("4-02-06-03"),
    "310112",
    5000,
    7000,
    opened_on=date(2020, 2, 19),
    valid_until=date(2020, 3, 31),
    certificates=frozenset({"健康证"}),
)


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ({"is_open": False}, "closed"),
        ({"valid_until": date(2020, 2, 19)}, "expired"),
        ({"certificates": frozenset({"健康证", "叉车证"})}, "a certificate the seeker lacks"),
        ({"salary_max": 4999}, "below the salary floor"),
        ({"district": "310151"}, "崇明 is beyond a 15 km commute from 闵行"),
        ({"occupation": OccupationCode.parse("6-01-01-01")}, "another major group"),
    ],
)
def test_each_hard_filter_excludes(change: dict[str, object], why: str) -> None:
    assert eligible(SEEKER, POSTING, TODAY)
    assert not eligible(SEEKER, replace(POSTING, **change), TODAY), why  # type: ignore[arg-type]


def test_closer_occupation_codes_score_higher() -> None:
    scores = [
        score(SEEKER, replace(POSTING, occupation=OccupationCode.parse(code)), TODAY)
        for code in ("4-02-06-03", "4-02-06-01", "4-02-01-01", "4-07-01-01")
    ]
    assert scores == sorted(scores, reverse=True)
    assert len(set(scores)) == 4


def test_key_enterprises_and_targeted_priority_groups_are_boosted() -> None:
    plain = score(SEEKER, POSTING, TODAY)
    assert score(SEEKER, replace(POSTING, key_enterprise=True), TODAY) == pytest.approx(plain + 0.1)
    targeted = replace(POSTING, target_groups=frozenset({PriorityGroup.MIGRANT_WORKER}))
    assert score(SEEKER, targeted, TODAY) == pytest.approx(plain)
    migrant = replace(SEEKER, priority_group=PriorityGroup.MIGRANT_WORKER)
    assert score(migrant, targeted, TODAY) == pytest.approx(plain + 0.1)


def test_nearer_better_paid_and_newer_postings_score_higher() -> None:
    base = score(SEEKER, POSTING, TODAY)
    assert score(SEEKER, replace(POSTING, district="310104"), TODAY) < base
    assert score(SEEKER, replace(POSTING, salary_min=6500, salary_max=8000), TODAY) > base
    assert score(SEEKER, replace(POSTING, opened_on=date(2020, 1, 20)), TODAY) < base


def test_district_distances() -> None:
    assert distance_km("310112", "310112") == SAME_DISTRICT_KM
    assert distance_km("310104", "310105") == SAME_DISTRICT_KM  # neighbours: never nearer than home
    assert 40 < distance_km("310116", "310151") < 110
    assert reachable("310112", 15)[0] == "310112"
    assert "310151" not in reachable("310112", 15)


def test_the_index_forgets_closed_and_replaced_postings() -> None:
    index = PostingIndex([POSTING])
    assert [r.posting_id for r in index.recommend(SEEKER, TODAY)] == ["posting-1"]
    index.put(replace(POSTING, district="310151"))
    assert index.recommend(SEEKER, TODAY) == []
    index.put(POSTING)
    index.put(replace(POSTING, is_open=False))
    assert len(index) == 0


def test_a_new_posting_finds_its_seekers_best_first() -> None:
    near = replace(SEEKER, seeker_id="near")
    far = replace(SEEKER, seeker_id="far", district="310104")
    uncertified = replace(SEEKER, seeker_id="uncertified", certificates=frozenset())
    ranked = recommend_seekers(POSTING, [far, uncertified, near], TODAY)
    assert [r.seeker_id for r in ranked] == ["near", "far"]
    assert all(r.reasons for r in ranked)


def test_an_occupation_code_must_have_up_to_four_numeric_levels() -> None:
    with pytest.raises(ValueError, match="大类-中类-小类-职业"):
        OccupationCode.parse("4-02-x")


def test_the_index_gives_what_a_full_scan_gives() -> None:
    rng = random.Random(8)
    districts = ["310104", "310105", "310112", "310115", "310114", "310151", "310110"]

    def code() -> OccupationCode:
        return OccupationCode(
            (rng.choice("246"), f"0{rng.randint(1, 3)}", f"0{rng.randint(1, 3)}", "01")
        )

    postings = [
        OpenPosting(
            f"p{i}",
            "岗位",
            code(),
            rng.choice(districts),
            (low := rng.randrange(3000, 9000, 500)),
            low + rng.randrange(0, 4000, 500),
            opened_on=date(2020, 2, rng.randint(1, 20)),
            valid_until=date(2020, rng.randint(2, 3), 19),
            certificates=frozenset(rng.sample(["健康证", "叉车证"], rng.randint(0, 1))),
            skills=frozenset(rng.sample(["叉车", "收银", "SQL"], rng.randint(0, 2))),
            key_enterprise=rng.random() < 0.2,
            target_groups=frozenset(rng.sample(list(PriorityGroup), rng.choice([0, 0, 1]))),
        )
        for i in range(3000)
    ]
    index = PostingIndex(postings)
    for i, posting in enumerate(postings[:300]):  # some changes after the bulk load
        if i % 3 == 0:
            index.remove(posting.posting_id)
        else:
            index.put(replace(posting, salary_max=posting.salary_max + 500))
    current = index.postings()
    found = 0
    for j in range(60):
        seeker = SeekerProfile(
            f"s{j}",
            desired=tuple(code() for _ in range(rng.randint(1, 2))),
            district=rng.choice(districts),
            salary_floor=rng.randrange(3000, 10000, 500),
            max_commute_km=rng.choice([5, 10, 20, 40]),
            certificates=frozenset(rng.sample(["健康证", "叉车证"], rng.randint(0, 2))),
            skills=frozenset(rng.sample(["叉车", "收银", "SQL"], rng.randint(0, 3))),
            priority_group=rng.choice([None, *PriorityGroup]),
        )
        recommended = index.recommend(seeker, TODAY)
        assert recommended == scan(seeker, current, TODAY)
        found += len(recommended)
    assert found > 100  # the comparison is not between two empty lists
