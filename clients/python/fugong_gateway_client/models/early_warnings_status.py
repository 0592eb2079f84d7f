from enum import StrEnum


class EarlyWarningsStatus(StrEnum):
    ACKNOWLEDGED = "acknowledged"
    ALL = "all"
    OPEN = "open"

    def __str__(self) -> str:
        return str(self.value)
