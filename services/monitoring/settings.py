from datetime import time

from pydantic import Field

from services.monitoring.domain.compliance import DeadlinePolicy
from services.monitoring.domain.warnings import WarningRules
from services.platform.stream.settings import StreamSettings


class MonitoringSettings(StreamSettings):
    """Monitoring worker settings (`FUGONG_*` environment variables)."""

    admin_port: int = Field(8101, ge=1, le=65535)
    indicator_gauges_interval_seconds: float = Field(
        30, ge=1, le=3600, description="how often the indicator gauges are refreshed"
    )
    report_deadline_weekday: int = Field(
        1, ge=1, le=7, description="weekday after the reported week when reports are due (1=Mon)"
    )
    report_deadline_time: time = Field(time(12, 0), description="Asia/Shanghai local time")
    compliance_interval_seconds: float = Field(
        60, ge=1, le=3600, description="how often the reporting deadline is checked"
    )
    warnings_interval_seconds: float = Field(
        60, ge=1, le=3600, description="how often the early-warning rules are evaluated"
    )
    warn_fill_rate_drop: float = Field(0.10, gt=0, le=1, description="招聘满足率 fall, ratio")
    warn_return_rate_stall: float = Field(0.01, ge=0, le=1, description="返岗率 rise below this")
    warn_return_rate_stall_weeks: int = Field(2, ge=1, le=3, description="weeks in a row")
    warn_return_rate_target: float = Field(0.90, gt=0, le=1, description="stalls only below this")
    warn_separation_rate: float = Field(0.05, gt=0, le=1, description="离职率 at or above")
    warn_migrant_employment_drop: float = Field(0.05, gt=0, le=1, description="就业率 fall")
    warn_min_reporting: int = Field(3, ge=1, le=1000, description="reports a place needs")

    def warning_rules(self) -> WarningRules:
        return WarningRules(
            fill_rate_drop=self.warn_fill_rate_drop,
            return_rate_stall=self.warn_return_rate_stall,
            return_rate_stall_weeks=self.warn_return_rate_stall_weeks,
            return_rate_target=self.warn_return_rate_target,
            separation_rate=self.warn_separation_rate,
            migrant_employment_drop=self.warn_migrant_employment_drop,
            min_reporting=self.warn_min_reporting,
        )

    def deadline_policy(self) -> DeadlinePolicy:
        return DeadlinePolicy(self.report_deadline_weekday, self.report_deadline_time)
