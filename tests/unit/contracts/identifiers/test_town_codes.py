"""TownCode: the 9-digit statistical division code of a Shanghai street or town (街道/镇)."""

import pytest
from pydantic import BaseModel, ValidationError

from services.contracts.identifiers import TownCode, district_of_town, validate_town_code


class MonitoringPointIn(BaseModel):
    """Stands in for a community monitoring point's registration."""

    town_code: TownCode


@pytest.mark.parametrize(
    "code",
    [
        "310101002",  # 黄浦区 南京东路街道
        "310104003",  # 徐汇区 天平路街道
        "310112101",  # 闵行区 莘庄镇
        "310115004",  # 浦东新区 潍坊新村街道
        "310115125",  # 浦东新区 张江镇
        "310151100",  # 崇明区 城桥镇
    ],
)
def test_street_or_town_code_of_a_current_district_is_accepted_unchanged(code: str) -> None:
    assert validate_town_code(code) == code


def test_town_code_is_normalised_from_spaces_and_full_width_digits() -> None:
    assert validate_town_code(" 310115004 ") == "310115004"
    assert validate_town_code("３１０１０１００２") == "310101002"


@pytest.mark.parametrize(
    "code",
    [
        "31011500",  # one digit short
        "3101150040",  # one digit too many
        "310115004000",  # the full 12-digit 统计用区划代码
        "31011500A",
        "310115-004",
        "٣١٠١١٥٠٠٤",  # Arabic-Indic digits are digits, but not ASCII ones
        "潍坊新村街道",
        "",
    ],
)
def test_code_that_is_not_nine_digits_is_rejected_showing_an_example(code: str) -> None:
    with pytest.raises(ValueError, match=r"town code must be 9 digits") as raised:
        validate_town_code(code)
    assert "e.g. 310115004 潍坊新村街道" in str(raised.value)


@pytest.mark.parametrize("code", ["320102001", "310199001", "310000001"])
def test_code_outside_the_shanghai_districts_is_rejected_naming_digits_1_to_6(code: str) -> None:
    with pytest.raises(ValueError, match="unknown district code") as raised:
        validate_town_code(code)
    assert str(raised.value) == (
        f"town code {code!r} digits 1-6 must be a Shanghai district: "
        f"unknown district code {code[:6]!r}: expected one of the 16 Shanghai districts "
        f"(GB/T 2260), e.g. 310115 浦东新区"
    )


@pytest.mark.parametrize(
    ("code", "explanation"),
    [
        ("310103001", "卢湾区 became part of 310101 黄浦区 in 2011"),
        ("310108001", "闸北区 became part of 310106 静安区 in 2015"),
        ("310119101", "南汇区 became part of 310115 浦东新区 in 2009"),
        ("310230100", "崇明县 became 310151 崇明区 in 2016"),
    ],
)
def test_code_under_a_retired_district_is_rejected_saying_where_the_district_went(
    code: str, explanation: str
) -> None:
    with pytest.raises(ValueError, match="is retired") as raised:
        validate_town_code(code)
    assert str(raised.value) == (
        f"town code {code!r} digits 1-6 must be a Shanghai district: "
        f"district code {code[:6]!r} is retired: {explanation}"
    )


def test_code_ending_in_000_is_rejected_as_the_district_itself() -> None:
    with pytest.raises(ValueError, match="ends in 000") as raised:
        validate_town_code("310115000")
    assert str(raised.value) == (
        "town code '310115000' ends in 000, which is the district itself: digits 7-9 number a "
        "street or town (街道/镇), e.g. 310115004 潍坊新村街道"
    )


@pytest.mark.parametrize(
    ("town", "district"),
    [("310101002", "310101"), ("310115004", "310115"), (" ３１０１５１１００", "310151")],
)
def test_district_of_a_town_is_its_first_six_digits(town: str, district: str) -> None:
    assert district_of_town(town) == district


def test_district_of_an_invalid_town_code_is_refused_rather_than_guessed() -> None:
    with pytest.raises(ValueError, match=r"'310103' is retired"):
        district_of_town("310103001")


def test_invalid_town_code_in_a_model_is_a_value_error_on_its_field() -> None:
    with pytest.raises(ValidationError) as raised:
        MonitoringPointIn(town_code="310108001")
    (error,) = raised.value.errors()
    assert error["loc"] == ("town_code",)
    assert error["type"] == "value_error"
    assert "闸北区 became part of 310106 静安区 in 2015" in error["msg"]


def test_town_code_given_as_a_number_is_rejected_as_not_a_string() -> None:
    with pytest.raises(ValidationError) as raised:
        MonitoringPointIn.model_validate({"town_code": 310115004})
    (error,) = raised.value.errors()
    assert (error["loc"], error["type"]) == (("town_code",), "string_type")


def test_json_schema_describes_the_town_code_with_an_example() -> None:
    schema = MonitoringPointIn.model_json_schema()["properties"]["town_code"]
    assert "统计用区划代码" in schema["description"]
    assert schema["examples"] == ["310115004"]
