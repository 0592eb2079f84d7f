from enum import StrEnum


class CampaignTemplate(StrEnum):
    RETURN_POSTPONED = "return_postponed"
    RETURN_TO_WORK = "return_to_work"

    def __str__(self) -> str:
        return str(self.value)
