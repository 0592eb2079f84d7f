"""The demo city's API keys, issued straight into the gateway's key store (as `make keys` does):
the city bureau's, a district bureau's, and those of the enterprises and points that write."""

from __future__ import annotations

from services.demo_city.city import City
from services.demo_city.loader import DemoKeys, writers
from services.gateway.domain.access import Principal, PrincipalKind
from services.gateway.keys import issue_keys
from services.gateway.settings import GatewaySettings

PUDONG = "310115"


async def issue_demo_keys(settings: GatewaySettings, city: City) -> tuple[DemoKeys, str]:
    """The keys the loader needs, and a 浦东新区 official's key to show the console with."""
    enterprises, points = sorted(writers(city)[0]), sorted(writers(city)[1])
    principals = [
        (Principal(PrincipalKind.OFFICIAL), "demo: 市人社局"),
        (Principal(PrincipalKind.OFFICIAL, district_code=PUDONG), "demo: 浦东新区人社局"),
        *(
            (Principal(PrincipalKind.ENTERPRISE, credit_code=c), "demo: enterprise")
            for c in enterprises
        ),
        *((Principal(PrincipalKind.COMMUNITY_POINT, town_code=t), "demo: point") for t in points),
    ]
    issued = await issue_keys(settings, principals)
    city_key, pudong_key, rest = issued[0], issued[1], issued[2:]
    keys = DemoKeys(
        city=city_key,
        enterprises=dict(zip(enterprises, rest[: len(enterprises)], strict=True)),
        points=dict(zip(points, rest[len(enterprises) :], strict=True)),
    )
    return keys, pudong_key
