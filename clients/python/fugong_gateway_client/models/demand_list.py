from enum import StrEnum


class DemandList(StrEnum):
    KEY_ENTERPRISES = "key_enterprises"
    PUBLIC_SERVICE = "public_service"

    def __str__(self) -> str:
        return str(self.value)
