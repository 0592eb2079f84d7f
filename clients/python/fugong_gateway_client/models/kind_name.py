from enum import StrEnum


class KindName(StrEnum):
    COMMUNITY_POINT = "community_point"
    COMMUNITY_REPORT = "community_report"
    ENTERPRISE_REGISTRATION = "enterprise_registration"
    WEEKLY_REPORT = "weekly_report"

    def __str__(self) -> str:
        return str(self.value)
