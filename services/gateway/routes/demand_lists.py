"""The live demand lists (三(一)) and the key enterprises' service officers.

Officials read both lists in their scope and employment assistants in their district; a service
officer reads the key enterprises assigned to them with their open demand (and their weekly
reports, through the reports route). Officials assign each key enterprise its one officer.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query, status
from pydantic import BaseModel, Field

from services.contracts.demand import DemandList
from services.contracts.enterprises import KeyEnterpriseCategory
from services.contracts.identifiers import CreditCode, DistrictCode, district
from services.contracts.key_enterprises import (
    SERVICE_OFFICER_ASSIGNED,
    ServiceOfficerAssignment,
    StaffId,
)
from services.contracts.topics import SERVICE_OFFICERS
from services.gateway.api_examples import CREDIT_CODE, ENTERPRISE_NAME, examples
from services.gateway.dependencies import PrincipalDep, ResourcesDep
from services.gateway.enterprise_scope import registered_district
from services.gateway.publishing import publish
from services.gateway.routes.submissions import Accepted, IdempotencyKey

router = APIRouter(prefix="/v1", tags=["demand lists"])

LIST_NAMES = {
    DemandList.KEY_ENTERPRISES: "重点企业岗位需求清单",
    DemandList.PUBLIC_SERVICE: "公共就业服务需求清单",
}


CELL_EXAMPLE = {
    "district_code": "310115",
    "district_name": "浦东新区",
    "industry_section": "C",
    "occupation_group": "4",
    "open_postings": 2,
    "open_vacancies": 18,
    "updated_at": "2020-02-17T09:00:00+08:00",
}
KEY_ENTERPRISE_EXAMPLE = {
    "credit_code": CREDIT_CODE,
    "name": ENTERPRISE_NAME,
    "district_code": "310115",
    "industry_section": "C",
    "key_category": "daily_necessities",
    "officer_staff_id": "S0007",
    "open_postings": 2,
    "open_vacancies": 18,
}


class DemandCellOut(BaseModel):
    """One cell of a list: a district, industry section and occupation group."""

    model_config = examples(CELL_EXAMPLE)

    district_code: str
    district_name: str
    industry_section: str
    occupation_group: str = Field(description="职业分类大典 major group, 1 to 8")
    open_postings: int
    open_vacancies: int = Field(description="headcount - filled of published open postings")
    updated_at: datetime


class DemandListOut(BaseModel):
    """A demand list's cells in a scope, by district, industry section, occupation group."""

    model_config = examples(
        {
            "demand_list": "key_enterprises",
            "name": "重点企业岗位需求清单",
            "cells": [CELL_EXAMPLE],
        }
    )

    demand_list: DemandList
    name: str
    cells: list[DemandCellOut]


class OfficerIn(BaseModel):
    """The officer who looks after the enterprise from now on (of its district)."""

    model_config = examples({"staff_id": "S0007"})

    staff_id: StaffId


class KeyEnterpriseOut(BaseModel):
    """A key enterprise, its category (三(一)), its service officer and its open demand."""

    model_config = examples(KEY_ENTERPRISE_EXAMPLE)

    credit_code: str
    name: str
    district_code: str
    industry_section: str
    key_category: KeyEnterpriseCategory
    officer_staff_id: str | None = Field(None, description="null: no officer assigned yet")
    open_postings: int
    open_vacancies: int


class KeyEnterprisesOut(BaseModel):
    """Key enterprises with their category, officer and open demand."""

    model_config = examples({"enterprises": [KEY_ENTERPRISE_EXAMPLE]})

    enterprises: list[KeyEnterpriseOut]


@router.get("/demand-lists/{demand_list}")
async def demand_list(
    demand_list: Annotated[DemandList, Path()],
    principal: PrincipalDep,
    resources: ResourcesDep,
    district_code: Annotated[DistrictCode | None, Query(alias="district")] = None,
) -> DemandListOut:
    """A live demand list in your district (or a district, or the city's, for the city)."""
    scope = district_code or principal.district_code
    principal.ensure_may_read_demand_lists(scope)
    rows = await resources.views.demand_list(demand_list.value, scope)
    cells = [
        DemandCellOut.model_validate(
            {**row, "district_name": district(row["district_code"]).name_zh}
        )
        for row in rows
    ]
    return DemandListOut(demand_list=demand_list, name=LIST_NAMES[demand_list], cells=cells)


@router.put("/enterprises/{credit_code}/service-officer", status_code=status.HTTP_202_ACCEPTED)
async def assign_service_officer(
    credit_code: Annotated[CreditCode, Path()],
    body: OfficerIn,
    principal: PrincipalDep,
    resources: ResourcesDep,
    idempotency_key: IdempotencyKey = None,
) -> Accepted:
    """Assign a key enterprise its employment service officer, replacing the one it had."""
    registered_in = await registered_district(resources, credit_code)
    principal.ensure_may_assign_officers(registered_in)
    if registered_in is None:  # only a city official gets here
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no enterprise {credit_code} registered")
    data = ServiceOfficerAssignment(
        credit_code=credit_code,
        district_code=registered_in,
        staff_id=body.staff_id,
        assigned_by=principal.id,
    )
    event_id = await publish(
        resources, principal, SERVICE_OFFICERS, event_type=SERVICE_OFFICER_ASSIGNED,
        subject=credit_code, data=data, idempotency_key=idempotency_key,
        district_code=registered_in,
    )  # fmt: skip
    return Accepted(event_id=event_id)


@router.get("/key-enterprises")
async def key_enterprises(
    principal: PrincipalDep,
    resources: ResourcesDep,
    district_code: Annotated[DistrictCode | None, Query(alias="district")] = None,
) -> KeyEnterprisesOut:
    """The key-enterprise register of your district (or a district, or the city's, for the
    city): category, service officer, open postings and vacancies."""
    scope = district_code or principal.district_code
    principal.ensure_may_read_district(scope)
    rows = await resources.views.key_enterprises(scope)
    return KeyEnterprisesOut(enterprises=[KeyEnterpriseOut.model_validate(r) for r in rows])


@router.get("/service-officer/enterprises")
async def my_key_enterprises(principal: PrincipalDep, resources: ResourcesDep) -> KeyEnterprisesOut:
    """The key enterprises assigned to you (an officer), with their open postings and vacancies."""
    rows = await resources.views.officer_enterprises(*principal.officer_number())
    return KeyEnterprisesOut(enterprises=[KeyEnterpriseOut.model_validate(r) for r in rows])
