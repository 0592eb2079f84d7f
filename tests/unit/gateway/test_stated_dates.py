"""Which after-the-fact dates a submission states (submission_kinds.py), for the audit log and
the rule that only the bureaus state them: a monitoring period's end stated as null (open-ended
again) is stated; a field left out is not."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from services.contracts.enterprises import EnterpriseRegistration
from services.gateway.submission_kinds import clears_monitored_until, stated_dates
from services.gateway.submission_models import EnterpriseIn
from tests.support.data import credit_code, registration

BODY = {**registration(credit_code(31, "310115")), "monitored_from": "2020-02-03"}


def test_an_end_stated_as_null_clears_it_and_one_left_out_does_not() -> None:
    assert clears_monitored_until(EnterpriseIn.model_validate({**BODY, "monitored_until": None}))
    assert not clears_monitored_until(EnterpriseIn.model_validate(BODY))
    assert not clears_monitored_until(
        EnterpriseIn.model_validate({**BODY, "monitored_until": "2020-03-22"})
    )


def test_a_cleared_end_is_stated_as_none_beside_the_dates() -> None:
    cleared = EnterpriseRegistration.model_validate({**BODY, "monitored_until_cleared": True})
    dated = EnterpriseRegistration.model_validate({**BODY, "monitored_until": "2020-03-22"})
    neither = EnterpriseRegistration.model_validate(registration(credit_code(31, "310115")))

    assert stated_dates(cleared) == {"monitored_from": "2020-02-03", "monitored_until": None}
    assert stated_dates(dated) == {"monitored_from": "2020-02-03", "monitored_until": "2020-03-22"}
    assert stated_dates(neither) is None


def test_a_payload_may_not_both_clear_and_state_an_end() -> None:
    with pytest.raises(ValidationError, match="state one or other"):
        EnterpriseRegistration.model_validate(
            {**BODY, "monitored_until": "2020-03-22", "monitored_until_cleared": True}
        )
