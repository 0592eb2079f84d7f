import random

import pytest

from services.contracts.identifiers import (
    CREDIT_CODE_ALPHABET,
    all_districts,
    check_character,
    organisation_code_check_digit,
    validate_credit_code,
    with_check_character,
)

# Codes as published on business licences and company disclosures.
PUBLISHED_CODES = {
    "91310115768225450T": "支付宝（中国）网络技术有限公司, 浦东新区",
    "91310104324566107U": "腾讯影业文化传播有限公司, 徐汇区",
    "91310000MA1FW1BXX2": "a foreign-invested Shanghai software company, registered 2016",
    "91310000MA1K32MN7F": "a Shanghai enterprise with an MA-series organisation code",
    "91330100799655058B": "阿里巴巴（中国）有限公司, 杭州",
    "9144030071526726XG": "腾讯科技（深圳）有限公司",
    "914403001922038216": "华为技术有限公司",
}
ALIPAY = "91310115768225450T"


def _with_only_the_18th_character_fixed(first17: str) -> str:
    """A code whose check character verifies, whatever else is wrong with it."""
    return first17 + check_character(first17)


def _generated_codes(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    divisions = [each.code for each in all_districts()] + ["310000"]
    codes = []
    for _ in range(count):
        body = "".join(rng.choice(CREDIT_CODE_ALPHABET) for _ in range(8))
        prefix = (
            rng.choice("159Y")
            + rng.choice("123")
            + rng.choice(divisions)
            + body
            + organisation_code_check_digit(body)
        )
        codes.append(with_check_character(prefix))
    return codes


@pytest.mark.parametrize("code", sorted(PUBLISHED_CODES))
def test_published_credit_codes_pass_both_check_characters(code: str) -> None:
    assert validate_credit_code(code) == code


def test_check_character_of_a_published_code_is_its_18th_character() -> None:
    assert check_character(ALIPAY[:17]) == "T"
    assert check_character("9144030071526726X") == "G"


def test_check_character_zero_when_the_weighted_sum_is_a_multiple_of_31() -> None:
    # The standard's "31 - remainder" gives 31 here, which it maps to 0.
    assert check_character("0" * 17) == "0"


def test_organisation_code_check_digit_can_be_x() -> None:
    assert organisation_code_check_digit("71526726") == "X"
    assert organisation_code_check_digit("76822545") == "0"


def test_credit_code_is_normalised_from_lower_case_spaces_and_full_width_input() -> None:
    assert validate_credit_code("  91310115768225450t\n") == ALIPAY
    assert validate_credit_code("９１３１０１１５７６８２２５４５０Ｔ") == ALIPAY


@pytest.mark.parametrize(
    ("value", "length"),
    [(ALIPAY[:17], 17), (ALIPAY + "0", 19), ("", 0), ("9131 0115 7682 2545", 19)],
)
def test_credit_code_of_the_wrong_length_is_rejected_saying_how_long_it_was(
    value: str, length: int
) -> None:
    with pytest.raises(ValueError, match=rf"^credit code must be 18 characters, got {length}$"):
        validate_credit_code(value)


@pytest.mark.parametrize("letter", ["I", "O", "S", "V", "Z"])
def test_credit_code_with_a_letter_outside_gb32100_is_rejected_naming_its_position(
    letter: str,
) -> None:
    value = ALIPAY[:10] + letter + ALIPAY[11:]
    with pytest.raises(ValueError, match=rf"character 11 is '{letter}', which GB 32100 does not"):
        validate_credit_code(value)


def test_credit_code_with_letters_in_the_division_code_is_rejected() -> None:
    value = _with_only_the_18th_character_fixed("91A10115768225450")
    with pytest.raises(ValueError, match=r"characters 3-8 must be the 6-digit .* got 'A10115'"):
        validate_credit_code(value)


def test_credit_code_with_wrong_check_character_is_rejected_naming_the_expected_one() -> None:
    with pytest.raises(ValueError, match=r"check character should be 'T', got 'X'"):
        validate_credit_code(ALIPAY[:17] + "X")


def test_credit_code_with_wrong_organisation_check_digit_is_rejected_naming_the_expected_one() -> (
    None
):
    # Character 17 is wrong but character 18 is computed over it, so only GB 11714 catches it.
    value = _with_only_the_18th_character_fixed(ALIPAY[:16] + "1")
    with pytest.raises(ValueError, match=r"character 17 .* should be '0', got '1'"):
        validate_credit_code(value)


def test_with_check_character_refuses_a_prefix_whose_organisation_code_does_not_verify() -> None:
    with pytest.raises(ValueError, match=r"organisation code check digit"):
        with_check_character(ALIPAY[:16] + "1")


@pytest.mark.parametrize("prefix", ["9131011576822545", "91310115768225450t", "91310115768225O50"])
def test_check_character_refuses_anything_but_17_gb32100_characters(prefix: str) -> None:
    with pytest.raises(ValueError, match="first 17 characters of a credit code"):
        check_character(prefix)


def test_every_generated_credit_code_validates() -> None:
    codes = _generated_codes(500, seed=2020)
    assert all(validate_credit_code(code) == code for code in codes)
    assert len(set(codes)) == len(codes)


@pytest.mark.parametrize("code", [ALIPAY, "9144030071526726XG", *_generated_codes(5, seed=48)])
def test_changing_any_one_character_of_a_valid_credit_code_is_rejected(code: str) -> None:
    accepted = []
    for position in range(18):
        for replacement in CREDIT_CODE_ALPHABET.replace(code[position], ""):
            mutated = code[:position] + replacement + code[position + 1 :]
            try:
                validate_credit_code(mutated)
            except ValueError:
                continue
            accepted.append(mutated)
    assert accepted == []


@pytest.mark.parametrize("code", [ALIPAY, "91310000MA1FW1BXX2", *_generated_codes(5, seed=7)])
def test_swapping_two_neighbouring_characters_of_a_valid_credit_code_is_rejected(code: str) -> None:
    for position in range(16):
        if code[position] == code[position + 1]:
            continue
        swapped = code[:position] + code[position + 1] + code[position] + code[position + 2 :]
        with pytest.raises(ValueError, match="credit code"):
            validate_credit_code(swapped)
