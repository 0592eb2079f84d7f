import json

import pytest
from pydantic import BaseModel, ValidationError

from services.contracts.identifiers import (
    CreditCode,
    DistrictCode,
    IndustryDivisionCode,
    IndustrySectionCode,
    IsoWeek,
)


class WeeklyReportIn(BaseModel):
    """Stands in for an enterprise's weekly return-to-work report."""

    credit_code: CreditCode
    district: DistrictCode
    industry_section: IndustrySectionCode
    industry_division: IndustryDivisionCode
    week: IsoWeek


VALID = {
    "credit_code": "91310115768225450T",
    "district": "310115",
    "industry_section": "I",
    "industry_division": "64",
    "week": "2020-W07",
}


def _errors(**changes: object) -> dict[tuple[str | int, ...], dict[str, object]]:
    with pytest.raises(ValidationError) as raised:
        WeeklyReportIn.model_validate({**VALID, **changes})
    return {tuple(error["loc"]): dict(error) for error in raised.value.errors()}


def test_valid_report_is_accepted_and_its_identifiers_normalised() -> None:
    report = WeeklyReportIn.model_validate(
        VALID | {"credit_code": " 91310115768225450t", "industry_section": "i", "week": "2020-w07"}
    )
    assert (report.credit_code, report.industry_section, report.week) == (
        "91310115768225450T",
        "I",
        "2020-W07",
    )


def test_report_parsed_from_json_validates_its_identifiers() -> None:
    report = WeeklyReportIn.model_validate_json(json.dumps(VALID))
    assert report.district == "310115"


def test_wrong_check_character_is_a_value_error_on_the_credit_code_field() -> None:
    errors = _errors(credit_code="91310115768225450X")
    assert list(errors) == [("credit_code",)]
    assert errors[("credit_code",)]["type"] == "value_error"
    assert "check character should be 'T', got 'X'" in str(errors[("credit_code",)]["msg"])


def test_each_invalid_identifier_is_reported_on_its_own_field() -> None:
    errors = _errors(
        credit_code="9131011576822545",
        district="310108",
        industry_section="U",
        industry_division="1311",
        week="2021-W53",
    )
    messages = {loc[0]: str(error["msg"]) for loc, error in errors.items()}
    assert messages == {
        "credit_code": "Value error, credit code must be 18 characters, got 16",
        "district": "Value error, district code '310108' is retired: "
        "闸北区 became part of 310106 静安区 in 2015",
        "industry_section": "Value error, unknown industry section 'U': "
        "expected a GB/T 4754-2017 section letter A to T, e.g. C 制造业",
        "industry_division": "Value error, industry division must be two digits "
        "(GB/T 4754-2017), e.g. '13', got '1311': a group or class code belongs to division '13'",
        "week": "Value error, ISO week '2021-W53' does not exist: "
        "2021 has 52 ISO weeks, so the week must be 01 to 52",
    }


def test_identifier_given_as_a_number_is_rejected_as_not_a_string() -> None:
    errors = _errors(district=310115)
    assert errors[("district",)]["type"] == "string_type"


def test_identifier_in_a_list_is_reported_with_its_index() -> None:
    class Roster(BaseModel):
        enterprises: list[CreditCode]

    with pytest.raises(ValidationError) as raised:
        Roster(enterprises=["91310115768225450T", "91310104324566107W"])
    (error,) = raised.value.errors()
    assert error["loc"] == ("enterprises", 1)
    assert "should be 'U', got 'W'" in error["msg"]


def test_json_schema_describes_each_identifier_with_an_example() -> None:
    properties = WeeklyReportIn.model_json_schema()["properties"]
    assert "GB 32100-2015" in properties["credit_code"]["description"]
    assert properties["district"]["examples"] == ["310115"]
    assert properties["week"]["examples"] == ["2020-W07"]
