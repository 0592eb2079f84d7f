"""Key enterprises' employment service officers (就业服务专员, 三(一)): one per key enterprise.

An assignment names the officer who looks after the enterprise from now on; a later one for the
same enterprise replaces it (reassignment). Sent by the officials of the enterprise's district or
the city, keyed by the enterprise's credit code.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from services.contracts.identifiers import CreditCode, DistrictCode

SERVICE_OFFICER_ASSIGNED = "cn.fugong.matching.service-officer.assigned.v1"

StaffId = Annotated[
    str, Field(pattern=r"^[A-Za-z0-9-]{1,32}$", description="the officer's staff number (工号)")
]


class ServiceOfficerAssignment(BaseModel):
    """Payload of `cn.fugong.matching.service-officer.assigned.v1`."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    credit_code: CreditCode
    district_code: DistrictCode = Field(description="the officer's district")
    staff_id: StaffId
    assigned_by: str = Field(min_length=1, max_length=64, description="the official's principal")
