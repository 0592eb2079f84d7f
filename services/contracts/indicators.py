"""The indicators Fugong publishes and how each is computed (shown to API users verbatim)."""

from __future__ import annotations

RETURN_RATE = "return_rate"
RESUMPTION_RATE = "resumption_rate"

DEFINITIONS: dict[str, str] = {
    RETURN_RATE: "返岗率: employees on duty (on site) / employees on the payroll before the "
    "Spring Festival holiday, over the enterprises that reported for the week; 0-1.",
    RESUMPTION_RATE: "复工率: enterprises that have resumed / enterprises expected to report for "
    "the week (those designated to report weekly - 返工定点监测企业 and key enterprises - "
    "plus any other that reported); 0-1.",
}


def ratio(part: int, whole: int) -> float | None:
    """part / whole, or None when there is nothing to divide by (no data is not zero)."""
    return part / whole if whole > 0 else None
