from enum import StrEnum


class ConsentMethod(StrEnum):
    IN_PERSON = "in_person"
    ONLINE = "online"
    PHONE = "phone"
    WRITTEN = "written"

    def __str__(self) -> str:
        return str(self.value)
