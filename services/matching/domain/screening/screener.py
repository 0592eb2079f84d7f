"""The screening automaton (rules follow in the next commit; the interface is stable)."""

from collections.abc import Mapping

from services.matching.domain.screening.findings import Screening


class Screener:
    def screen(self, fields: Mapping[str, str]) -> Screening:
        return Screening.of(())


DEFAULT_SCREENER = Screener()
