from enum import StrEnum


class PriorityGroup(StrEnum):
    外来务工人员 = "外来务工人员"
    就业困难人员 = "就业困难人员"
    高校毕业生 = "高校毕业生"

    def __str__(self) -> str:
        return str(self.value)
