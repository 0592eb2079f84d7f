"""The indicators Fugong publishes, as shown to API users (the formulas themselves live once, in
monitoring's database functions, and every published figure is their result)."""

from __future__ import annotations

RETURN_RATE = "return_rate"
RESUMPTION_RATE = "resumption_rate"
STAFFING_GAP = "staffing_gap"
FILL_RATE = "fill_rate"
SEPARATION_RATE = "separation_rate"
VACANCIES_PER_SEEKER = "vacancies_per_seeker"

DEFINITIONS: dict[str, str] = {
    RETURN_RATE: "返岗率: employees on duty (on site) / employees on the payroll before the "
    "Spring Festival holiday, over the enterprises that reported for the week; 0-1.",
    RESUMPTION_RATE: "复工率: enterprises that have resumed / enterprises expected to report for "
    "the week (those designated to report weekly - 返工定点监测企业 and key enterprises - "
    "plus any other that reported); 0-1.",
    STAFFING_GAP: "用工缺口: planned staffing - employees on duty, summed over the enterprises "
    "that reported for the week; people (negative when more are on duty than planned).",
    FILL_RATE: "招聘满足率: people hired in the week / people sought in the week (recruitment "
    "demand), over the enterprises that reported; 0-1. No official definition was found; this "
    "is Fugong's.",
    SEPARATION_RATE: "离职率: people who left in the week / employees before the holiday, over the "
    "enterprises that reported; 0-1 (used by early warnings).",
    VACANCIES_PER_SEEKER: "求人倍率: open vacancies / active job seekers, as matching counts them "
    "now (the vacancies left on published postings of the public employment service demand "
    "list; each registered job seeker who has not withdrawn, once), rounded half up to two "
    "decimals; null when there are no seekers, never 0. A figure of now, not of a week: "
    "GET /v1/indicators/job-seeker-ratio; null in the weekly indicators.",
}

MIGRANT_RETURN_RATE = "migrant_return_rate"
MIGRANT_EMPLOYMENT_RATE = "migrant_employment_rate"
DEFINITIONS |= {
    MIGRANT_RETURN_RATE: "外来人员返沪率: migrant workers back in Shanghai / migrant workers on "
    "the community monitoring points' registers, over the points that reported for the week; "
    "0-1.",
    MIGRANT_EMPLOYMENT_RATE: "外来人员就业率: migrant workers back and at work / migrant workers "
    "back in Shanghai, over the points that reported for the week; 0-1.",
}

CHANGE = (
    "Each `*_change` is this week's value minus the previous ISO week's for the same scope "
    "(ratios in ratio units: -0.05 is five percentage points down); null when either is null."
)
