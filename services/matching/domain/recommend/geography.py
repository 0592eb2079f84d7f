"""Where Shanghai's districts are, for commuting distance (pure: a table, no lookups).

The reference data (``shanghai_districts.csv``) has codes and names but no positions, so
this is a small documented table: the approximate position of each district government
(WGS-84, to about 0.01°). Distance between two districts is the great-circle distance
between those points; within one district it is taken as ``SAME_DISTRICT_KM``, the typical
commute inside a district, which is also the least between two districts. Good enough
to rank and to bound a commute, not to route.
"""

from __future__ import annotations

import math
from functools import cache

SAME_DISTRICT_KM = 5.0

CENTROIDS: dict[str, tuple[str, float, float]] = {
    "310101": ("黄浦区", 31.2317, 121.4846),
    "310104": ("徐汇区", 31.1885, 121.4365),
    "310105": ("长宁区", 31.2204, 121.4241),
    "310106": ("静安区", 31.2290, 121.4480),
    "310107": ("普陀区", 31.2495, 121.3970),
    "310109": ("虹口区", 31.2646, 121.5052),
    "310110": ("杨浦区", 31.2595, 121.5260),
    "310112": ("闵行区", 31.1129, 121.3817),
    "310113": ("宝山区", 31.4050, 121.4895),
    "310114": ("嘉定区", 31.3747, 121.2655),
    "310115": ("浦东新区", 31.2214, 121.5447),
    "310116": ("金山区", 30.7420, 121.3420),
    "310117": ("松江区", 31.0323, 121.2277),
    "310118": ("青浦区", 31.1508, 121.1240),
    "310120": ("奉贤区", 30.9179, 121.4741),
    "310151": ("崇明区", 31.6229, 121.3975),
}
_EARTH_RADIUS_KM = 6371.0


def district_name(code: str) -> str:
    return CENTROIDS[code][0]


@cache
def distance_km(a: str, b: str) -> float:
    """Commuting distance between two districts (great circle between their centres)."""
    if a == b:
        return SAME_DISTRICT_KM
    _, lat1, lon1 = CENTROIDS[a]
    _, lat2, lon2 = CENTROIDS[b]
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return max(SAME_DISTRICT_KM, 2 * _EARTH_RADIUS_KM * math.asin(math.sqrt(h)))


def reachable(home: str, max_km: float) -> tuple[str, ...]:
    """Districts within ``max_km`` of ``home``, nearest first (home itself always)."""
    within = [code for code in CENTROIDS if code == home or distance_km(home, code) <= max_km]
    return tuple(sorted(within, key=lambda code: distance_km(home, code)))
