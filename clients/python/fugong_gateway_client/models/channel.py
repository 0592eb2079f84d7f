from enum import StrEnum


class Channel(StrEnum):
    MOBILE_APP = "mobile_app"
    ONLINE_JOB_FAIR = "online_job_fair"
    ONLINE_PLATFORM = "online_platform"
    PARTNER_REGIONS = "partner_regions"
    WECHAT = "wechat"

    def __str__(self) -> str:
        return str(self.value)
