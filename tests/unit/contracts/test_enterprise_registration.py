"""EnterpriseRegistration: key-enterprise roles, the derived industry section, the contact phone."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest
from pydantic import ValidationError
from pydantic_core import ErrorDetails

from services.contracts.enterprises import (
    EnterpriseRegistration,
    KeyEnterpriseCategory,
    MonitoringRole,
)
from tests.support.data import credit_code, registration

XUHUI_SUPERMARKET = credit_code(3, "310104")


def _errors(body: dict[str, Any]) -> list[ErrorDetails]:
    with pytest.raises(ValidationError) as raised:
        EnterpriseRegistration.model_validate(body)
    return raised.value.errors(include_url=False)


def _with_phone(phone: str) -> dict[str, Any]:
    body = registration(XUHUI_SUPERMARKET, district="310104", name="上海联华超市有限公司")
    body["contact"]["phone"] = phone
    return body


def test_key_enterprise_with_its_category_is_accepted() -> None:
    body = registration(XUHUI_SUPERMARKET, district="310104", division="52", key_enterprise=True)

    accepted = EnterpriseRegistration.model_validate(body)

    assert MonitoringRole.KEY_ENTERPRISE in accepted.monitoring_roles
    assert accepted.key_enterprise_category is KeyEnterpriseCategory.DAILY_NECESSITIES


def test_key_enterprise_role_without_a_category_is_rejected() -> None:
    body = registration(XUHUI_SUPERMARKET, district="310104", key_enterprise=True)
    del body["key_enterprise_category"]

    (error,) = _errors(body)

    assert "key_enterprise_category is required" in error["msg"]


def test_category_without_the_key_enterprise_role_is_rejected() -> None:
    body = registration(XUHUI_SUPERMARKET, district="310104")
    body["key_enterprise_category"] = "epidemic_prevention"

    (error,) = _errors(body)

    assert "key_enterprise_category is only allowed" in error["msg"]


@pytest.mark.parametrize(
    ("division", "section"),
    # 农副食品加工 电子设备 零售 住宿 教育 卫生
    [("13", "C"), ("39", "C"), ("52", "F"), ("61", "H"), ("83", "P"), ("84", "Q")],
)
def test_industry_section_is_derived_from_the_division(division: str, section: str) -> None:
    body = registration(XUHUI_SUPERMARKET, district="310104", division=division)

    assert EnterpriseRegistration.model_validate(body).industry_section == section


@pytest.mark.parametrize(
    "phone", ["13812345678", "+86 138-1234-5678", "138 1234 5678", "+8613812345678"]
)
def test_mobile_phone_is_normalised_to_e164(phone: str) -> None:
    accepted = EnterpriseRegistration.model_validate(_with_phone(phone))

    assert accepted.contact.phone == "+8613812345678"


@pytest.mark.parametrize(
    ("phone", "reason"),
    [
        ("021-64370000", "must be a mobile number"),  # 徐汇 landline
        ("+1 415 555 2671", "must be a mainland China (+86) number"),
        ("+852 9123 4567", "must be a mainland China (+86) number"),  # Hong Kong mobile
        ("1381234567", "is not a valid mainland China number"),  # one digit short
        ("请致电人事部", "could not be read"),
    ],
)
def test_phone_that_is_not_a_mainland_mobile_is_rejected_on_the_contact_phone(
    phone: str, reason: str
) -> None:
    (error,) = _errors(_with_phone(phone))

    assert error["loc"] == ("contact", "phone")
    assert reason in error["msg"]


def test_roles_serialise_in_the_same_order_in_every_process() -> None:
    script = (
        "from services.contracts.enterprises import EnterpriseRegistration;"
        "from tests.support.data import registration, credit_code;"
        "print(EnterpriseRegistration.model_validate("
        "registration(credit_code(1), key_enterprise=True)).model_dump_json())"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script],
            env={"PYTHONHASHSEED": str(seed), "PYTHONPATH": "."},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in range(6)
    }
    assert len(outputs) == 1
