"""What a poster says (seed 四(二)): for one district and one public service, where the service
stands at the district's halls, where to handle it online, and the hotline. Pure: no IO."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from services.gateway.domain.service_halls import (
    SERVICE_NAMES,
    STATE_NAMES,
    Hall,
    PublicService,
    ServiceState,
    ServiceStatus,
    online_alternative,
)

HOTLINE = "12333"
"""The human resources and social security hotline, nationwide."""


@dataclass(frozen=True)
class Code:
    """A QR code on the poster and the words printed under it."""

    label: str
    target: str


@dataclass(frozen=True)
class Poster:
    district_code: str
    service: PublicService
    title: str
    subtitle: str
    lines: tuple[str, ...]
    codes: tuple[Code, ...]

    @property
    def file_stem(self) -> str:
        return f"{self.district_code}-{self.service.value}"


def poster(
    district_code: str,
    district_name: str,
    service: PublicService,
    halls: Sequence[Hall],
    statuses: Sequence[ServiceStatus],
) -> Poster:
    """The poster of a district's service, from its halls and their current statuses."""
    name = SERVICE_NAMES[service]
    current = {s.hall_code: s for s in statuses if s.service is service}
    lines = []
    online_url = None
    for hall in sorted(halls, key=lambda h: h.code):
        status = current.get(hall.code)
        if status is None:
            lines.append(f"{hall.name}（{hall.address}）：照常办理")
            continue
        state = STATE_NAMES[status.state]
        if status.state is ServiceState.RESUMED and status.resumes_on is not None:
            state = f"{status.resumes_on:%Y年%m月%d日}起恢复窗口办理"
        lines.append(f"{hall.name}（{hall.address}）：{state}")
        online_url = online_url or status.online_url
    channel = online_alternative(service)
    codes = []
    if online_url or channel:
        codes.append(
            Code(
                f"扫码网上办理（{channel.name if channel and not online_url else '网上办理'}）",
                online_url or (channel.url if channel else ""),
            )
        )
    codes.append(Code(f"扫码拨打咨询热线 {HOTLINE}", f"tel:{HOTLINE}"))
    return Poster(
        district_code=district_code,
        service=service,
        title=f"{district_name} · {name}",
        subtitle="疫情防控期间，请优先选择网上办理、不见面办理",
        lines=tuple(lines) or ("本区经办大厅信息请咨询热线",),
        codes=tuple(codes),
    )
