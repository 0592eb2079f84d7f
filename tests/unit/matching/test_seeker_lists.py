"""A seeker's list kept as postings change: a posting that suits goes in its place, one that
leaves makes the list be rebuilt, the list stays at 20, and only newcomers to the first places
are told (without personal data); the profile converts to what ranking reads, origin aside."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from services.contracts.job_seekers import SeekerProfile as Profile
from services.matching.domain import seeker_lists
from services.matching.domain.recommend import OccupationCode, OpenPosting
from services.matching.domain.seekers import primary_group, seeker_profile
from tests.support.seekers import seeker_body

TODAY = date(2020, 2, 20)
FORKLIFT = seeker_profile("seeker-1", Profile.model_validate(seeker_body()))


def _posting(n: int, salary_max: int = 7000, **more: object) -> OpenPosting:
    values: dict[str, object] = {"certificates": frozenset({"健康证"})}
    values.update(more)
    return OpenPosting(
        f"posting-{n:02d}", f"仓储岗位{n}", OccupationCode.parse("4-02-06-03"), "310112",
        5000, salary_max, date(2020, 2, 18), date(2020, 3, 31), **values,  # type: ignore[arg-type]
    )  # fmt: skip


def test_a_suiting_posting_goes_in_its_place_and_the_list_stays_at_twenty() -> None:
    listed = seeker_lists.rebuilt(FORKLIFT, [_posting(n, 6000 + n) for n in range(25)], TODAY)
    assert len(listed) == seeker_lists.TOP

    best = seeker_lists.with_posting(FORKLIFT, listed, _posting(99, 9000), TODAY)

    assert best is not None
    assert len(best) == seeker_lists.TOP
    assert best[0].posting_id == "posting-99"
    assert listed[-1] not in best  # the 20th fell off


def test_a_posting_that_stops_suiting_a_seeker_who_had_it_asks_for_a_rebuild() -> None:
    listed = seeker_lists.rebuilt(FORKLIFT, [_posting(1), _posting(2)], TODAY)
    closed = replace(_posting(1), is_open=False)
    needs_hazmat = replace(_posting(2), certificates=frozenset({"危险货物运输从业资格证"}))

    assert seeker_lists.with_posting(FORKLIFT, listed, closed, TODAY) is None
    assert seeker_lists.with_posting(FORKLIFT, listed, needs_hazmat, TODAY) is None
    elsewhere = replace(_posting(3), is_open=False)  # never on the list: nothing changes
    assert seeker_lists.with_posting(FORKLIFT, listed, elsewhere, TODAY) == listed


def test_only_newcomers_to_the_first_places_are_told_with_the_posting_not_the_person() -> None:
    postings = {p.posting_id: p for p in (_posting(n, 6000 + 100 * n) for n in range(1, 6))}
    before = seeker_lists.rebuilt(FORKLIFT, list(postings.values())[:2], TODAY)
    after = seeker_lists.rebuilt(FORKLIFT, postings.values(), TODAY)

    told = seeker_lists.notices(before, after, postings)

    assert [n.posting_id for n in told] == ["posting-05", "posting-04", "posting-03"]
    assert told[0].parameters == {
        "title": "仓储岗位5",
        "district_name": "闵行区",
        "salary": "5000-6500",
        "reason": "职业完全对口（4-02-06-03）",
    }
    assert seeker_lists.notices(after, after, postings) == []


def test_the_profile_ranking_reads_carries_origin_only_as_a_note() -> None:
    profile = Profile.model_validate(seeker_body(desired_occupations=["4-02-06-03", "2-02-10-03"]))

    seeker = seeker_profile("seeker-1", profile)

    assert [str(code) for code in seeker.desired] == ["4-02-06-03", "2-02-10-03"]
    assert seeker.certificates == frozenset({"叉车证", "健康证"})
    assert primary_group(profile) == "4"
    elsewhere = seeker_profile("seeker-1", profile.model_copy(update={"origin_region": "上海市"}))
    assert elsewhere == seeker  # origin does not even take part in comparing profiles
