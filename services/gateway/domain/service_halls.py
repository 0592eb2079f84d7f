"""Public employment service halls and the status of each service they offer (seed 二(二), 五(四)).

In February 2020 the bureaus suspended offline training, assessments and guidance, moved what
they could online, and promised to announce when each resumes. The register says, per service
hall (经办大厅) and service, whether it is suspended (暂停), online-only (仅线上办理) or resumed
(已恢复) and from when; changing it is announced to the district's public. Pure: no IO.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum

ONE_NET_URL = "https://zwdt.sh.gov.cn"
"""一网通办, where the city's online matters are handled."""

_HALL_CODE = re.compile(r"^(31\d{4})-(\d{3})$")


class PublicService(StrEnum):
    """The public employment services a hall offers at its windows."""

    UNEMPLOYMENT_REGISTRATION = "unemployment_registration"
    EMPLOYMENT_REGISTRATION = "employment_registration"
    JOB_INTRODUCTION = "job_introduction"
    TRAINING_SUBSIDY = "training_subsidy"
    SKILLS_TRAINING = "skills_training"
    SKILLS_ASSESSMENT = "skills_assessment"
    ENTREPRENEURSHIP_GUIDANCE = "entrepreneurship_guidance"


SERVICE_NAMES: dict[PublicService, str] = {
    PublicService.UNEMPLOYMENT_REGISTRATION: "失业登记",
    PublicService.EMPLOYMENT_REGISTRATION: "就业登记",
    PublicService.JOB_INTRODUCTION: "职业介绍",
    PublicService.TRAINING_SUBSIDY: "职业培训补贴",
    PublicService.SKILLS_TRAINING: "线下职业技能培训",
    PublicService.SKILLS_ASSESSMENT: "职业技能评价",
    PublicService.ENTREPRENEURSHIP_GUIDANCE: "创业指导",
}


@dataclass(frozen=True)
class OnlineChannel:
    name: str
    url: str


ONLINE_CHANNELS: dict[PublicService, OnlineChannel] = {
    PublicService.UNEMPLOYMENT_REGISTRATION: OnlineChannel("一网通办", ONE_NET_URL),
    PublicService.EMPLOYMENT_REGISTRATION: OnlineChannel("一网通办", ONE_NET_URL),
    PublicService.TRAINING_SUBSIDY: OnlineChannel("一网通办", ONE_NET_URL),
    PublicService.JOB_INTRODUCTION: OnlineChannel("上海公共招聘网", "https://jobs.rsj.sh.gov.cn"),
}
"""Matters that can be handled without coming to a window (五(三) 不见面服务, 网上办事)."""


def online_alternative(service: PublicService) -> OnlineChannel | None:
    """Where the matter can be handled online instead of at a window, if it can."""
    return ONLINE_CHANNELS.get(service)


class ServiceState(StrEnum):
    SUSPENDED = "suspended"  # 暂停
    ONLINE_ONLY = "online_only"  # 仅线上办理
    RESUMED = "resumed"  # 已恢复


STATE_NAMES: dict[ServiceState, str] = {
    ServiceState.SUSPENDED: "暂停",
    ServiceState.ONLINE_ONLY: "仅线上办理",
    ServiceState.RESUMED: "已恢复",
}


class InvalidServiceStatus(ValueError):
    """A status that breaks a rule of the register; the message names the rule."""


@dataclass(frozen=True)
class Hall:
    """A service hall (经办大厅); its code is its district's GB/T 2260 code and a number."""

    code: str
    name: str
    address: str
    opens_at: time = time(9)
    closes_at: time = time(17)

    def __post_init__(self) -> None:
        validate_hall_code(self.code)
        if self.opens_at >= self.closes_at:
            raise InvalidServiceStatus("a hall opens before it closes")

    @property
    def district_code(self) -> str:
        return district_of_hall(self.code)


def validate_hall_code(code: str) -> str:
    """Hall codes carry their district, so scope is known without a lookup (e.g. 310115-001)."""
    if _HALL_CODE.fullmatch(code) is None:
        raise ValueError("a hall code is a district code, '-' and three digits, e.g. 310115-001")
    return code


def district_of_hall(code: str) -> str:
    return validate_hall_code(code)[:6]


@dataclass(frozen=True)
class ServiceStatus:
    """What a hall does about one service now; `changed_by` is a principal id, not a person."""

    hall_code: str
    service: PublicService
    state: ServiceState
    changed_by: str
    changed_at: datetime
    resumes_on: date | None = None
    online_url: str | None = None
    note: str | None = None

    def __post_init__(self) -> None:
        for problem in status_problems(self.state, self.resumes_on, self.online_url):
            raise InvalidServiceStatus(problem)

    def window_open_on(self, day: date) -> bool:
        """Whether people may come to the window for this service that day (and book it)."""
        return self.state is ServiceState.RESUMED and (
            self.resumes_on is None or self.resumes_on <= day
        )


def status_problems(
    state: ServiceState, resumes_on: date | None, online_url: str | None
) -> list[str]:
    """The rules a status breaks: a resumption has a date; online-only says where online."""
    problems = []
    if state is ServiceState.RESUMED and resumes_on is None:
        problems.append("a resumed service needs resumes_on, the date windows reopen")
    if state is ServiceState.ONLINE_ONLY and not online_url:
        problems.append("an online-only service needs online_url, where it is handled online")
    if online_url is not None and not online_url.startswith("https://"):
        problems.append("online_url must be an https:// address")
    return problems
