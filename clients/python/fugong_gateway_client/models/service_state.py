from enum import StrEnum


class ServiceState(StrEnum):
    ONLINE_ONLY = "online_only"
    RESUMED = "resumed"
    SUSPENDED = "suspended"

    def __str__(self) -> str:
        return str(self.value)
