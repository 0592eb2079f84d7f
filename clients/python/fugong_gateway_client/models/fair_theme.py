from enum import StrEnum


class FairTheme(StrEnum):
    GENERAL = "general"
    GRADUATES = "graduates"
    KEY_ENTERPRISES = "key_enterprises"
    PARTNER_REGION_MIGRANTS = "partner_region_migrants"

    def __str__(self) -> str:
        return str(self.value)
