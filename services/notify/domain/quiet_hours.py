"""Quiet hours: the window, in Shanghai time, in which no campaign SMS or call goes out.

The default, 21:00 to 08:00, spans midnight; a window may also lie within one day. Sending
that reaches the window stops, and resumes when it ends: a claim asks `contains(now)`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")


@dataclass(frozen=True)
class QuietHours:
    start: time
    end: time

    def contains(self, moment: datetime) -> bool:
        """Whether `moment` (aware) falls in the window, read on a Shanghai clock."""
        local = moment.astimezone(SHANGHAI).time()
        if self.start == self.end:
            return False  # an empty window: quiet hours switched off
        if self.start < self.end:
            return self.start <= local < self.end
        return local >= self.start or local < self.end

    def next_allowed(self, moment: datetime) -> datetime:
        """`moment` itself outside the window, else when the window ends (Shanghai time)."""
        if not self.contains(moment):
            return moment
        local = moment.astimezone(SHANGHAI)
        end = datetime.combine(local.date(), self.end, SHANGHAI)
        if end <= local:
            end += timedelta(days=1)
        return end
