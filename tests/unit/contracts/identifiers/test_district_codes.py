import dataclasses

import pytest

from services.contracts.identifiers import (
    District,
    all_districts,
    district,
    validate_district_code,
)


def test_shanghai_has_sixteen_districts_in_code_order() -> None:
    codes = [each.code for each in all_districts()]
    assert len(codes) == 16
    assert codes == sorted(set(codes))
    assert all(code.startswith("3101") and len(code) == 6 for code in codes)


def test_pudong_is_found_by_its_code_with_chinese_and_english_names() -> None:
    assert district("310115") == District("310115", "浦东新区", "Pudong New Area")


def test_chongming_has_its_district_code_from_2016() -> None:
    assert district("310151").name_zh == "崇明区"


def test_district_code_is_normalised_from_spaces_and_full_width_digits() -> None:
    assert validate_district_code(" 310104 ") == "310104"
    assert validate_district_code("３１０１０６") == "310106"


@pytest.mark.parametrize("code", ["310199", "310000", "320102", "3101", "浦东新区", ""])
def test_unknown_district_code_is_rejected_with_an_example_of_a_valid_one(code: str) -> None:
    with pytest.raises(ValueError, match=r"expected one of the 16 Shanghai districts") as raised:
        district(code)
    assert str(raised.value).endswith("(GB/T 2260), e.g. 310115 浦东新区")


def test_unknown_district_message_quotes_the_code_it_was_given() -> None:
    with pytest.raises(ValueError, match="310199") as raised:
        district("310199")
    assert str(raised.value) == (
        "unknown district code '310199': expected one of the 16 Shanghai districts (GB/T 2260), "
        "e.g. 310115 浦东新区"
    )


@pytest.mark.parametrize(
    ("retired", "successor"),
    [("310103", "310101"), ("310108", "310106"), ("310119", "310115"), ("310230", "310151")],
)
def test_retired_district_code_is_rejected_pointing_to_the_district_that_replaced_it(
    retired: str, successor: str
) -> None:
    with pytest.raises(ValueError, match=rf"'{retired}' is retired: .* {successor} ") as raised:
        district(retired)
    assert district(successor).name_zh in str(raised.value)


def test_district_is_immutable() -> None:
    pudong = district("310115")
    with pytest.raises(dataclasses.FrozenInstanceError):
        pudong.name_zh = "南汇区"  # type: ignore[misc]
