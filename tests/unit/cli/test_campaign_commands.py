"""`fugong campaigns` against the in-process gateway: the roster and the campaign go through the
API with the enterprise's key (its access rules apply), a retry with the printed key sends
nothing twice, and the progress bar follows the campaign until nothing is waiting or in flight."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import httpx
import pytest
import pytest_asyncio
from rich.console import Console

from services.cli.campaigns import (
    GatewayRefused,
    follow,
    progress_bar,
    request_campaign,
    upload_roster,
)
from services.contracts.rosters import UploadMode
from services.contracts.topics import NOTIFY_CAMPAIGNS
from services.gateway.domain.access import PrincipalKind
from services.gateway.settings import GatewaySettings
from tests.support.data import credit_code, return_to_work_campaign
from tests.support.sheets import csv_of
from tests.unit.gateway.conftest import Gateway, gateway_on_fakes

PUDONG_FOOD = credit_code(1, "310115")
CAMPAIGN: dict[str, object] = {
    **return_to_work_campaign(),
    "audience": {"departments": [], "sites": []},
    "send_at": None,
}


@pytest_asyncio.fixture
async def gateway() -> AsyncIterator[Gateway]:
    async with gateway_on_fakes(GatewaySettings(_env_file=None)) as on_fakes:
        yield on_fakes


def _client(gateway: Gateway, kind: PrincipalKind, **scope: str) -> httpx.AsyncClient:
    """As `fugong campaigns` makes it: the key in every request."""
    return httpx.AsyncClient(
        transport=gateway.transport, base_url="http://gateway", headers=gateway.key(kind, **scope)
    )


async def test_send_uploads_the_roster_then_the_campaign_and_a_retry_sends_nothing_twice(
    gateway: Gateway,
) -> None:
    sheet = csv_of([["王芳", "13800138000"], ["李强", "021-5888 1234"]], ["姓名", "手机号"])
    key = uuid.uuid4()
    async with _client(gateway, PrincipalKind.ENTERPRISE, credit_code=PUDONG_FOOD) as client:
        upload = await upload_roster(client, sheet, "text/csv", UploadMode.REPLACE)
        first = await request_campaign(client, CAMPAIGN, key)
        again = await request_campaign(client, CAMPAIGN, key)

    assert (upload["members"], upload["landlines"]) == (2, 1)
    assert first["campaign_id"] == again["campaign_id"]
    chunk, *campaigns = gateway.published(NOTIFY_CAMPAIGNS)
    assert chunk["type"] == "cn.fugong.notify.roster.chunk-uploaded.v1"
    # The retry is the same event (notify records one campaign), never a second campaign.
    assert {e["id"] for e in campaigns} == {first["campaign_id"]}


async def test_an_official_s_key_cannot_send_and_the_gateway_s_refusal_is_shown(
    gateway: Gateway,
) -> None:
    async with _client(gateway, PrincipalKind.OFFICIAL, district_code="310115") as client:
        with pytest.raises(GatewayRefused, match=r"^403 "):
            await request_campaign(client, CAMPAIGN, uuid.uuid4())
    assert not gateway.publisher.anything_published


async def test_progress_waits_for_the_campaign_and_follows_it_until_nothing_is_pending(
    gateway: Gateway,
) -> None:
    campaign = str(uuid.uuid4())
    rows = gateway.views.progress_rows
    states = iter(
        [
            [_row(campaign, "created", 4)],  # notify records the campaign: four created
            [
                _row(campaign, "created", 1),
                _row(campaign, "sent", 2),
                _row(campaign, "delivered", 1),
            ],
            [_row(campaign, "delivered", 3), _row(campaign, "permanent_failure", 1)],
        ]
    )
    looks: list[int] = []

    async def next_step(_: float) -> None:
        looks.append(len(rows))
        if not gateway.views.campaign_rows:
            gateway.views.campaign_rows.append(_campaign_row(campaign))
        rows[:] = next(states)

    bar = progress_bar(Console(force_terminal=False, width=100, quiet=True))
    async with _client(gateway, PrincipalKind.ENTERPRISE, credit_code=PUDONG_FOOD) as client:
        with bar:
            final = await follow(client, campaign, bar, interval=0, sleep=next_step)

    assert len(looks) == 3  # not found, then 4 pending, then 1 pending
    assert (final.recipients, final.pending, final.settled) == (4, 0, 4)
    assert final.by_status == {"delivered": 3, "permanent_failure": 1}
    (task,) = bar.tasks
    assert (task.completed, task.total) == (4, 4)


def _campaign_row(campaign: str) -> dict[str, object]:
    return {
        "campaign_id": campaign, "credit_code": PUDONG_FOOD, "template": "return_to_work",
        "segments": 3, "send_at": datetime(2020, 2, 15, 1, tzinfo=UTC), "recipients": 4,
        "cancelled_at": None,
    }  # fmt: skip


def _row(campaign: str, status: str, messages: int) -> dict[str, object]:
    return {"campaign_id": campaign, "channel": "sms", "status": status, "messages": messages}
