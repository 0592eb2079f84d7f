from enum import StrEnum


class MonitoringRole(StrEnum):
    KEY_ENTERPRISE = "key_enterprise"
    RETURN_TO_WORK_MONITORING = "return_to_work_monitoring"
    UNEMPLOYMENT_SAMPLE = "unemployment_sample"

    def __str__(self) -> str:
        return str(self.value)
