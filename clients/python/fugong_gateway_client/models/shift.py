from enum import StrEnum


class Shift(StrEnum):
    DAY = "day"
    FLEXIBLE = "flexible"
    NIGHT = "night"
    ROTATING = "rotating"

    def __str__(self) -> str:
        return str(self.value)
