"""Mainland China mobile numbers, normalised to E.164 (+86…) by the `phonenumbers` library."""

from typing import Annotated

import phonenumbers
from pydantic import AfterValidator


def normalise_mobile(value: str) -> str:
    """Return the E.164 form of a mainland mobile number, or raise ValueError saying why not."""
    try:
        parsed = phonenumbers.parse(value, "CN")
    except phonenumbers.NumberParseException as exc:
        raise ValueError("phone number could not be read; expected e.g. 13812345678") from exc
    if parsed.country_code != 86:
        raise ValueError("phone number must be a mainland China (+86) number")
    if not phonenumbers.is_valid_number(parsed):
        raise ValueError("phone number is not a valid mainland China number")
    if phonenumbers.number_type(parsed) not in (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    ):
        raise ValueError("phone number must be a mobile number (SMS is sent to it)")
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


MobilePhone = Annotated[str, AfterValidator(normalise_mobile)]
