from enum import StrEnum


class KeyEnterpriseCategory(StrEnum):
    CITY_OPERATIONS = "city_operations"
    DAILY_NECESSITIES = "daily_necessities"
    EPIDEMIC_PREVENTION = "epidemic_prevention"
    NATIONAL_ECONOMY = "national_economy"

    def __str__(self) -> str:
        return str(self.value)
