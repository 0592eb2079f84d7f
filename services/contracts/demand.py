"""The live demand lists matching keeps (三(一)), and the event it publishes when a cell changes.

Two lists, each by district (where the work is) x industry section (the enterprise's) x
occupation major group: the key-enterprise job demand list (重点企业岗位需求清单, postings of key
enterprises) and the public employment service demand list (公共就业服务需求清单, every posting).
A cell counts the published open postings and their open vacancies (headcount - filled).
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

DEMAND_CHANGED = "cn.fugong.matching.demand.changed.v1"


class DemandList(StrEnum):
    KEY_ENTERPRISES = "key_enterprises"  # 重点企业岗位需求清单
    PUBLIC_SERVICE = "public_service"  # 公共就业服务需求清单


class DemandChanged(BaseModel):
    """Payload of `cn.fugong.matching.demand.changed.v1`: a cell's figures before and after."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    demand_list: DemandList
    district_code: str
    industry_section: str
    occupation_group: str
    open_postings: int = Field(ge=0)
    open_vacancies: int = Field(ge=0)
    previous_open_postings: int = Field(ge=0)
    previous_open_vacancies: int = Field(ge=0)
    sequence: int = Field(ge=1, description="increases with every change matching publishes")
