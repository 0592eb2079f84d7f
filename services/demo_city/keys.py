"""The demo city's API keys, issued straight into the gateway's key store (as `make keys` does):
the city bureau's, a district bureau's, each district's employment assistant's, and those of the
enterprises and points that write."""

from __future__ import annotations

from services.demo_city.city import City
from services.demo_city.labour import Labour
from services.demo_city.loader import DemoKeys, writers
from services.gateway.domain.access import Principal, PrincipalKind
from services.gateway.keys import issue_keys
from services.gateway.settings import GatewaySettings

PUDONG = "310115"


def assistant(district: str) -> Principal:
    """The district's employment assistant (就业援助员) who registers its job seekers."""
    return Principal(PrincipalKind.ASSISTANT, district_code=district, staff_id=f"{district}-A001")


async def issue_demo_keys(
    settings: GatewaySettings, city: City, labour: Labour | None = None
) -> tuple[DemoKeys, str]:
    """The keys the loaders need (the labour market's too, when given), and a 浦东新区
    official's key to show the console with."""
    enterprises, points = (sorted(codes) for codes in writers(city, labour))
    districts = labour.districts if labour else ()
    principals = [
        (Principal(PrincipalKind.OFFICIAL), "demo: 市人社局"),
        (Principal(PrincipalKind.OFFICIAL, district_code=PUDONG), "demo: 浦东新区人社局"),
        *(
            (Principal(PrincipalKind.ENTERPRISE, credit_code=c), "demo: enterprise")
            for c in enterprises
        ),
        *((Principal(PrincipalKind.COMMUNITY_POINT, town_code=t), "demo: point") for t in points),
        *((assistant(d), "demo: 就业援助员") for d in districts),
    ]
    issued = await issue_keys(settings, principals)
    city_key, pudong_key, rest = issued[0], issued[1], issued[2:]
    ends = len(enterprises), len(enterprises) + len(points)
    keys = DemoKeys(
        city=city_key,
        enterprises=dict(zip(enterprises, rest[: ends[0]], strict=True)),
        points=dict(zip(points, rest[ends[0] : ends[1]], strict=True)),
        assistants=dict(zip(districts, rest[ends[1] :], strict=True)),
    )
    return keys, pudong_key
