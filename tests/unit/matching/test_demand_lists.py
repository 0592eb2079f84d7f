"""The demand lists' arithmetic: open vacancies = headcount - filled of published open postings."""

from __future__ import annotations

from dataclasses import replace

from services.contracts.demand import DemandList
from services.matching.domain.demand import (
    Cell,
    CellKey,
    EnterpriseFacts,
    changed_cells,
    demand_cells,
)
from services.matching.domain.postings import Posting, PostingStatus
from tests.support.data import credit_code
from tests.support.postings import details, posting_id

FOOD = credit_code(1, "310115")  # a key enterprise, manufacturing (C)
SHOP = credit_code(3, "310104")  # retail (F), not a key enterprise
ENTERPRISES = {
    FOOD: EnterpriseFacts(FOOD, "C", key_enterprise=True),
    SHOP: EnterpriseFacts(SHOP, "F", key_enterprise=False),
}


def posting(n: int, code: str, status: PostingStatus, headcount: int, filled: int = 0) -> Posting:
    return Posting(posting_id(n), code, 1, details(headcount=headcount), status, filled=filled)


def test_key_enterprise_postings_count_in_both_lists_others_in_the_public_one() -> None:
    cells = demand_cells(
        [
            posting(1, FOOD, PostingStatus.PUBLISHED, 10, filled=4),
            posting(2, FOOD, PostingStatus.PUBLISHED, 3),
            posting(3, SHOP, PostingStatus.PUBLISHED, 5, filled=1),
        ],
        ENTERPRISES,
    )

    assert cells == {
        CellKey(DemandList.KEY_ENTERPRISES, "310115", "C", "4"): Cell(2, 9),
        CellKey(DemandList.PUBLIC_SERVICE, "310115", "C", "4"): Cell(2, 9),
        CellKey(DemandList.PUBLIC_SERVICE, "310115", "F", "4"): Cell(1, 4),
    }


def test_held_refused_filled_and_closed_postings_and_unknown_enterprises_count_nothing() -> None:
    unknown = credit_code(7, "310112")
    cells = demand_cells(
        [
            posting(1, FOOD, PostingStatus.HELD, 10),
            posting(2, FOOD, PostingStatus.REFUSED, 10),
            posting(3, FOOD, PostingStatus.FILLED, 10, filled=10),
            posting(4, FOOD, PostingStatus.CLOSED, 10),
            posting(5, unknown, PostingStatus.PUBLISHED, 10),
        ],
        ENTERPRISES,
    )

    assert cells == {}


def test_a_posting_counts_where_its_work_is_and_in_its_occupation_group() -> None:
    elsewhere = replace(
        posting(1, SHOP, PostingStatus.PUBLISHED, 2),
        details=details(headcount=2, district_code="310112", occupation_code="6-01-01-01"),
    )

    assert demand_cells([elsewhere], ENTERPRISES) == {
        CellKey(DemandList.PUBLIC_SERVICE, "310112", "F", "6"): Cell(1, 2)
    }


def test_changes_name_the_cells_that_differ_with_an_absent_cell_as_empty() -> None:
    key_a = CellKey(DemandList.PUBLIC_SERVICE, "310115", "C", "4")
    key_b = CellKey(DemandList.PUBLIC_SERVICE, "310104", "F", "4")
    key_c = CellKey(DemandList.KEY_ENTERPRISES, "310115", "C", "4")

    changes = changed_cells(
        {key_a: Cell(2, 9), key_b: Cell(1, 4), key_c: Cell(1, 1)},
        {key_a: Cell(2, 9), key_b: Cell(1, 3)},
    )

    assert [(c.key, c.before, c.after) for c in changes] == [
        (key_c, Cell(1, 1), Cell(0, 0)),
        (key_b, Cell(1, 4), Cell(1, 3)),
    ]
