"""Labour-sharing routes on the gateway's fakes: what is published, and what is refused why."""

from __future__ import annotations

import uuid

from services.contracts.topics import LABOUR_OFFERS
from services.gateway.domain.access import PrincipalKind
from tests.support.data import credit_code
from tests.support.sharing import declaration_id, sharing_rows, surplus_body
from tests.unit.gateway.conftest import Gateway

CANTEEN, RESTAURANT = credit_code(71, "310115"), credit_code(72, "310115")
SHORTAGE = declaration_id(7)
PROPOSAL = "8e2f4a6b-0c1d-5e3f-9a7b-1c3d5e7f9a0b"


def _pair(gateway: Gateway, status: str = "open") -> None:
    declarations, proposal, hint = sharing_rows(
        CANTEEN, RESTAURANT, SHORTAGE, PROPOSAL, district="310115"
    )
    gateway.views.sharing_declaration_rows += declarations
    gateway.views.sharing_proposal_rows.append({**proposal, "status": status})
    gateway.views.hint_rows.append(hint)


async def test_a_retried_declaration_is_the_same_declaration(gateway: Gateway) -> None:
    headers = {
        **gateway.key(PrincipalKind.ENTERPRISE, credit_code=RESTAURANT),
        "Idempotency-Key": str(uuid.uuid4()),
    }
    body = {**surplus_body(), "credit_code": RESTAURANT}

    first = await gateway.http.post("/v1/sharing/surplus", json=body, headers=headers)
    again = await gateway.http.post("/v1/sharing/surplus", json=body, headers=headers)

    assert first.status_code == again.status_code == 202
    assert first.json() == again.json()
    (published, _) = gateway.published(LABOUR_OFFERS)
    assert published["type"] == "cn.fugong.matching.sharing.surplus-declared.v1"
    assert published["subject"] == RESTAURANT
    assert published["data"]["declaration_id"] == first.json()["declaration_id"]


async def test_the_lender_accepts_only_with_its_workers_consent(gateway: Gateway) -> None:
    _pair(gateway)
    lender = gateway.key(PrincipalKind.ENTERPRISE, credit_code=RESTAURANT)
    answer = f"/v1/sharing/proposals/{PROPOSAL}/answer"

    refused = await gateway.http.post(answer, json={"answer": "accept"}, headers=lender)

    assert refused.status_code == 422
    assert refused.json()["problems"][0]["field"] == "workers_consented"
    assert not gateway.publisher.anything_published
    consented = {"answer": "accept", "workers_consented": True}
    accepted = await gateway.http.post(answer, json=consented, headers=lender)
    assert accepted.status_code == 202
    (published,) = gateway.published(LABOUR_OFFERS)
    assert published["data"]["workers_consented"] is True


async def test_a_borrower_accepts_without_a_consent_of_its_own(gateway: Gateway) -> None:
    _pair(gateway)
    borrower = gateway.key(PrincipalKind.ENTERPRISE, credit_code=CANTEEN)
    answer = f"/v1/sharing/proposals/{PROPOSAL}/answer"
    accepted = await gateway.http.post(answer, json={"answer": "accept"}, headers=borrower)
    assert accepted.status_code == 202


async def test_a_decided_proposal_takes_no_answer(gateway: Gateway) -> None:
    _pair(gateway, status="agreed")
    borrower = gateway.key(PrincipalKind.ENTERPRISE, credit_code=CANTEEN)
    late = await gateway.http.post(
        f"/v1/sharing/proposals/{PROPOSAL}/answer", json={"answer": "decline"}, headers=borrower
    )
    assert late.status_code == 409
    assert "agreed" in late.json()["detail"]
    assert not gateway.publisher.anything_published


async def test_an_enterprise_sees_its_own_surplus_hint(gateway: Gateway) -> None:
    _pair(gateway)
    mine = gateway.key(PrincipalKind.ENTERPRISE, credit_code=CANTEEN)
    body = (await gateway.http.get("/v1/sharing/declarations", headers=mine)).json()

    assert [d["declaration_id"] for d in body["declarations"]] == [SHORTAGE]
    (hint,) = body["hints"]
    assert hint["prompt"] == "2020-W07周报显示有12名可调剂富余员工，尚未申报共享用工"
    lender = gateway.key(PrincipalKind.ENTERPRISE, credit_code=RESTAURANT)
    theirs = (await gateway.http.get("/v1/sharing/declarations", headers=lender)).json()
    assert theirs["hints"] == []
