"""The demand lists' arithmetic: cells by list x district x industry section x occupation group.

A published posting counts in the public employment service list (公共就业服务需求清单), and
also in the key-enterprise list (重点企业岗位需求清单) when its enterprise is a key enterprise. A
cell holds the number of such postings with places left and their open vacancies (headcount -
filled). A posting counts once its enterprise's registration is known (its industry comes from
there). This is the reference the processor's SQL is checked against.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from services.contracts.demand import DemandList
from services.matching.domain.postings import Posting


@dataclass(frozen=True, order=True)
class CellKey:
    demand_list: DemandList
    district_code: str
    industry_section: str
    occupation_group: str


@dataclass(frozen=True)
class Cell:
    open_postings: int = 0
    open_vacancies: int = 0

    def plus(self, vacancies: int) -> Cell:
        return Cell(self.open_postings + 1, self.open_vacancies + vacancies)


EMPTY = Cell()


@dataclass(frozen=True)
class EnterpriseFacts:
    """What the lists need of an enterprise's registration."""

    credit_code: str
    industry_section: str
    key_enterprise: bool


def lists_of(enterprise: EnterpriseFacts) -> tuple[DemandList, ...]:
    if enterprise.key_enterprise:
        return (DemandList.PUBLIC_SERVICE, DemandList.KEY_ENTERPRISES)
    return (DemandList.PUBLIC_SERVICE,)


def demand_cells(
    postings: Iterable[Posting], enterprises: Mapping[str, EnterpriseFacts]
) -> dict[CellKey, Cell]:
    """Every non-empty cell of both lists."""
    cells: dict[CellKey, Cell] = {}
    for posting in postings:
        enterprise = enterprises.get(posting.credit_code)
        vacancies = posting.open_vacancies
        if enterprise is None or vacancies == 0:
            continue
        for demand_list in lists_of(enterprise):
            key = CellKey(
                demand_list,
                posting.details.district_code,
                enterprise.industry_section,
                posting.occupation_group,
            )
            cells[key] = cells.get(key, EMPTY).plus(vacancies)
    return cells


@dataclass(frozen=True)
class CellChange:
    key: CellKey
    before: Cell
    after: Cell


def changed_cells(
    before: Mapping[CellKey, Cell], after: Mapping[CellKey, Cell]
) -> list[CellChange]:
    """The cells whose figures differ, in key order (an absent cell is an empty one)."""
    return [
        CellChange(key, before.get(key, EMPTY), after.get(key, EMPTY))
        for key in sorted(set(before) | set(after))
        if before.get(key, EMPTY) != after.get(key, EMPTY)
    ]
