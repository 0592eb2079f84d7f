from enum import StrEnum


class EnterpriseComplianceStatus(StrEnum):
    LATE = "late"
    MISSING = "missing"
    ON_TIME = "on_time"

    def __str__(self) -> str:
        return str(self.value)
