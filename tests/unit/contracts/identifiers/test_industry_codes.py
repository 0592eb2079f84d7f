import string

import pytest

from services.contracts.identifiers import (
    all_industry_sections,
    industry_section,
    section_of_division,
    validate_division,
    validate_section,
)


def test_sections_run_from_a_to_t_without_gaps() -> None:
    assert [each.code for each in all_industry_sections()] == list(string.ascii_uppercase[:20])


def test_divisions_01_to_97_each_belong_to_exactly_one_section() -> None:
    divisions = [d for section in all_industry_sections() for d in section.divisions]
    assert divisions == [f"{number:02d}" for number in range(1, 98)]


def test_manufacturing_section_carries_its_names_and_division_range() -> None:
    manufacturing = industry_section("C")
    assert manufacturing.name_zh == "制造业"
    assert manufacturing.name_en == "Manufacturing"
    assert (manufacturing.divisions[0], manufacturing.divisions[-1]) == ("13", "43")
    assert len(manufacturing.divisions) == 31


def test_single_division_section_is_read_from_a_range_without_a_dash() -> None:
    assert industry_section("K").divisions == ("70",)
    assert industry_section("K").name_zh == "房地产业"


@pytest.mark.parametrize(
    ("division", "section"),
    [("01", "A"), ("13", "C"), ("43", "C"), ("44", "D"), ("65", "I"), ("70", "K"), ("97", "T")],
)
def test_division_maps_to_its_section(division: str, section: str) -> None:
    assert section_of_division(division) == section


def test_every_division_of_every_section_validates_and_maps_back_to_it() -> None:
    for section in all_industry_sections():
        for division in section.divisions:
            assert validate_division(division) == division
            assert section_of_division(division) == section.code


def test_section_letter_is_normalised_to_upper_case() -> None:
    assert validate_section(" i ") == "I"


@pytest.mark.parametrize("value", ["U", "Z", "", "CC", "制造业"])
def test_unknown_section_is_rejected_with_the_valid_range(value: str) -> None:
    with pytest.raises(ValueError, match=r"unknown industry section .* A to T, e\.g\. C 制造业"):
        validate_section(value)


def test_division_given_as_a_section_is_rejected_naming_its_section() -> None:
    with pytest.raises(ValueError, match=r"got '13', which is a division code: its section is C"):
        validate_section("13")


@pytest.mark.parametrize(
    ("value", "hint"),
    [
        ("1311", "a group or class code belongs to division '13'"),
        ("651", "a group or class code belongs to division '65'"),
        ("7", "write it with a leading zero, '07'"),
    ],
)
def test_division_that_is_not_two_digits_is_rejected_with_a_hint(value: str, hint: str) -> None:
    with pytest.raises(ValueError, match="industry division must be two digits") as raised:
        validate_division(value)
    assert str(raised.value).endswith(hint)


@pytest.mark.parametrize("value", ["C13", "1a", "", "13.0"])
def test_division_with_letters_or_punctuation_is_rejected(value: str) -> None:
    with pytest.raises(ValueError, match=rf"must be two digits .* got '{value}'"):
        validate_division(value)


@pytest.mark.parametrize("value", ["00", "98", "99"])
def test_two_digit_division_outside_the_standard_is_rejected_with_its_range(value: str) -> None:
    with pytest.raises(ValueError, match=rf"'{value}' does not exist .* from 01 to 97"):
        validate_division(value)
    with pytest.raises(ValueError, match="does not exist"):
        section_of_division(value)
