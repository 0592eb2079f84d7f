"""Where an enterprise is registered, for the gateway's scope decisions on write.

The gateway's own register (`EnterpriseDistricts`) is written by every registration it publishes,
so it is never behind the topic; monitoring's view is asked only about enterprises the register
does not know, registered before it existed.
"""

from __future__ import annotations

from collections.abc import Sequence

from services.gateway.dependencies import GatewayResources
from services.gateway.domain.access import Forbidden
from services.gateway.ports import DistrictClaim


async def registered_districts(
    resources: GatewayResources, credit_codes: Sequence[str]
) -> dict[str, str]:
    """The registered ones among the enterprises, by credit code."""
    own = await resources.enterprise_districts.districts(credit_codes)
    earlier = [code for code in credit_codes if code not in own]
    older = await resources.views.registered_districts(earlier) if earlier else {}
    return {**older, **own}


async def registered_district(resources: GatewayResources, credit_code: str) -> str | None:
    return (await registered_districts(resources, [credit_code])).get(credit_code)


async def claim_district(
    resources: GatewayResources, credit_code: str, district_code: str, prior: str | None
) -> DistrictClaim:
    """The registration's claim on its district, taken before it is published; Forbidden when
    another registration changed the enterprise's district since the caller's rights were checked.
    The refusal does not say where the enterprise now is: that may be outside the caller's scope.
    """
    claim = await resources.enterprise_districts.claim(credit_code, district_code, prior)
    if claim is None:
        raise Forbidden(
            f"enterprise {credit_code} was registered in another district while this request "
            "was checked; only the enterprise itself or the city bureau may move it"
        )
    return claim
