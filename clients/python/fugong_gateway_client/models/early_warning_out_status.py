from enum import StrEnum


class EarlyWarningOutStatus(StrEnum):
    ACKNOWLEDGED = "acknowledged"
    OPEN = "open"

    def __str__(self) -> str:
        return str(self.value)
