"""Identifiers every message carries, validated at the edge with errors an HR developer can act on.

Use the annotated types as pydantic field types; each one normalises its input and rejects it with
a message that names the rule broken, e.g.

    class WeeklyReportIn(BaseModel):
        credit_code: CreditCode
        district: DistrictCode
        week: IsoWeek
"""

from typing import Annotated

from pydantic import AfterValidator, Field

from services.contracts.identifiers.credit_code import (
    CREDIT_CODE_ALPHABET,
    check_character,
    organisation_code_check_digit,
    validate_credit_code,
    with_check_character,
)
from services.contracts.identifiers.districts import (
    District,
    all_districts,
    district,
    validate_district_code,
)
from services.contracts.identifiers.industries import (
    IndustrySection,
    all_industry_sections,
    industry_section,
    section_of_division,
    validate_division,
    validate_section,
)
from services.contracts.identifiers.occupations import (
    OccupationGroup,
    all_occupation_groups,
    group_of_occupation,
    occupation_group,
    validate_occupation_code,
)
from services.contracts.identifiers.towns import district_of_town, validate_town_code
from services.contracts.identifiers.weeks import (
    SHANGHAI,
    validate_iso_week,
    validate_week_has_begun,
    week_bounds,
    week_of,
    week_of_instant,
    weeks_in_year,
)

CreditCode = Annotated[
    str,
    AfterValidator(validate_credit_code),
    Field(
        description="统一社会信用代码: 18-character Unified Social Credit Code (GB 32100-2015)",
        examples=["91310115768225450T"],
    ),
]
DistrictCode = Annotated[
    str,
    AfterValidator(validate_district_code),
    Field(
        description="GB/T 2260 code of one of the 16 Shanghai districts",
        examples=["310115"],
    ),
]
TownCode = Annotated[
    str,
    AfterValidator(validate_town_code),
    Field(
        description="统计用区划代码 (first 9 digits) of a Shanghai street or town (街道/镇)",
        examples=["310115004"],
    ),
]
IndustrySectionCode = Annotated[
    str,
    AfterValidator(validate_section),
    Field(description="GB/T 4754-2017 industry section (门类), A to T", examples=["C"]),
]
IndustryDivisionCode = Annotated[
    str,
    AfterValidator(validate_division),
    Field(description="GB/T 4754-2017 industry division (大类), 01 to 97", examples=["13"]),
]
OccupationCode = Annotated[
    str,
    AfterValidator(validate_occupation_code),
    Field(
        description="职业分类大典 (2015) occupation code, 大类-中类-小类-职业",
        examples=["4-01-02-01"],
    ),
]
IsoWeek = Annotated[
    str,
    AfterValidator(validate_iso_week),
    Field(description="ISO 8601 week, YYYY-Www, on the Shanghai calendar", examples=["2020-W07"]),
]

__all__ = [
    "CREDIT_CODE_ALPHABET",
    "SHANGHAI",
    "CreditCode",
    "District",
    "DistrictCode",
    "IndustryDivisionCode",
    "IndustrySection",
    "IndustrySectionCode",
    "IsoWeek",
    "OccupationCode",
    "OccupationGroup",
    "TownCode",
    "all_districts",
    "all_industry_sections",
    "all_occupation_groups",
    "check_character",
    "district",
    "district_of_town",
    "group_of_occupation",
    "industry_section",
    "occupation_group",
    "organisation_code_check_digit",
    "section_of_division",
    "validate_credit_code",
    "validate_district_code",
    "validate_division",
    "validate_iso_week",
    "validate_occupation_code",
    "validate_section",
    "validate_town_code",
    "validate_week_has_begun",
    "week_bounds",
    "week_of",
    "week_of_instant",
    "weeks_in_year",
    "with_check_character",
]
