from enum import StrEnum


class UploadMode(StrEnum):
    APPEND = "append"
    REPLACE = "replace"

    def __str__(self) -> str:
        return str(self.value)
