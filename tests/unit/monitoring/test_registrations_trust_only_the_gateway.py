"""Who registered an enterprise is set by the gateway alone. A registration on the topic without
it (written by anything else with access to the bus) is read as the enterprise's own, which
cannot assign monitoring roles; only the gateway's "bureau" can."""

from __future__ import annotations

import orjson

from services.contracts.enterprises import ENTERPRISE_REGISTERED, EnterpriseRegistration
from services.contracts.envelope import CloudEvent, new_event
from services.monitoring.events import registration_record
from tests.support.data import credit_code, registration

PUDONG_FOOD = credit_code(1, "310115")


def _as_consumed(body: dict[str, object]) -> CloudEvent[EnterpriseRegistration]:
    """As on the topic (no field the body lacks), decoded as monitoring decodes it."""
    wire = {
        "specversion": "1.0",
        "id": "5f0c3a1e-8d2b-4c6e-9a7f-1b3d5e7f9a2c",
        "source": "/somewhere-on-the-network",
        "type": ENTERPRISE_REGISTERED,
        "subject": PUDONG_FOOD,
        "time": "2020-02-17T09:30:00+08:00",
        "datacontenttype": "application/json",
        "data": body,
    }
    return CloudEvent[EnterpriseRegistration].model_validate_json(orjson.dumps(wire))


def test_a_registration_without_registered_by_cannot_assign_monitoring_roles() -> None:
    body = registration(PUDONG_FOOD, key_enterprise=True)
    assert "registered_by" not in body

    record = registration_record(_as_consumed(body))

    assert record.assigns_roles is False


def test_the_gateways_bureau_registration_assigns_them() -> None:
    record = registration_record(
        _as_consumed({**registration(PUDONG_FOOD), "registered_by": "bureau"})
    )

    assert record.assigns_roles is True


def test_an_enterprises_own_registration_does_not() -> None:
    data = EnterpriseRegistration.model_validate(
        {**registration(PUDONG_FOOD), "registered_by": "enterprise"}
    )
    event = new_event(
        event_type=ENTERPRISE_REGISTERED, source="/gateway", subject=PUDONG_FOOD, data=data
    )

    assert registration_record(event).assigns_roles is False
