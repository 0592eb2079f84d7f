"""Each channel adapter through its provider's real SDK against the provider simulator (a real
process): the wire format under test is the SDK's own, nothing is mocked."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
import pytest_asyncio

from services.notify.adapters.aliyun_sms import AliyunSms
from services.notify.adapters.tencent_sms import TencentSms
from services.notify.adapters.tencent_vms import TencentVoice
from services.notify.adapters.wechat_template import WeChatTemplate
from services.notify.channels import (
    Batch,
    ChannelProvider,
    Outcome,
    OutcomeUnknown,
    ReceiptStatus,
    SendRefused,
)
from services.notify.settings import NotifySettings
from tests.support.processes import ServiceProcess, free_port
from tests.support.waiting import eventually

pytestmark = pytest.mark.integration

SLOTS = ("2020-W07", "2月17日12:00")


@pytest.fixture(scope="module")
def simulator(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServiceProcess]:
    log = Path(tmp_path_factory.mktemp("sim")) / "simulator.log"
    env = {"FUGONG_SIM_UNANSWERED_HOLD_SECONDS": "2"}
    process = ServiceProcess("notify.simulator", free_port(), env, log).start()
    try:
        yield process
    finally:
        process.stop()


@pytest_asyncio.fixture
async def sim(simulator: ServiceProcess) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=simulator.url) as client:
        await client.post("/_sim/config", json={})
        yield client
        await client.post("/_sim/config", json={})


def _settings(simulator: ServiceProcess) -> NotifySettings:
    host = f"127.0.0.1:{simulator.port}"
    return NotifySettings(
        _env_file=None,
        sms_endpoint=host,
        aliyun_endpoint=host,
        voice_endpoint=host,
        wechat_api_base=f"{simulator.url}/cgi-bin/",
        send_timeout_seconds=1,
        resolve_after_seconds=2,
    )


def _batch(*addresses: str) -> Batch:
    return Batch(str(uuid.uuid4()), "1000001", SLOTS, addresses)


def _phones(first: int, count: int) -> tuple[str, ...]:
    return tuple(f"+86139{n:08d}" for n in range(first, first + count))


async def _accepted(sim: httpx.AsyncClient, provider: str) -> dict[str, int]:
    answer = (await sim.get("/_sim/received")).json()
    counts: dict[str, int] = answer.get(provider, {}).get("by_address", {})
    return counts


async def test_tencent_sms_answers_per_number_and_its_receipts_and_lookups_name_the_attempt(
    simulator: ServiceProcess, sim: httpx.AsyncClient
) -> None:
    channel = TencentSms(_settings(simulator))
    batch = _batch(*_phones(1, 3))
    try:
        results = await channel.send(batch)
        assert [r.outcome for r in results] == [Outcome.ACCEPTED] * 3
        receipts = await eventually(
            lambda: channel.receipts(100), lambda r: len(r) >= 3, within=5, what="3 receipts"
        )
        assert {(r.attempt_id, r.status) for r in receipts} == {
            (batch.attempt_id, ReceiptStatus.DELIVERED)
        }
        since = datetime.now(UTC) - timedelta(minutes=1)
        found = await channel.lookup(batch.addresses[0], since)
        assert [r.attempt_id for r in found] == [batch.attempt_id]

        await sim.post("/_sim/config", json={"permanent_rate": 1})
        refused = await channel.send(_batch(*_phones(10, 2)))
        assert {(r.outcome, r.reason) for r in refused} == {
            (Outcome.PERMANENT, "FailedOperation.PhoneNumberInBlacklist")
        }
        await sim.post("/_sim/config", json={"unanswered_rate": 1, "unanswered_hold_seconds": 2})
        with pytest.raises(OutcomeUnknown):
            await channel.send(_batch(*_phones(20, 1)))
        # Accepted, though no answer came: a lookup finds it.
        assert (await _accepted(sim, "tencent_sms"))[_phones(20, 1)[0]] == 1
    finally:
        await channel.close()


async def test_tencent_sms_hands_out_recipients_replies_once(
    simulator: ServiceProcess, sim: httpx.AsyncClient
) -> None:
    channel = TencentSms(_settings(simulator))
    try:
        for phone, content in (("+8613700000041", "TD"), ("+8613700000042", "收到，谢谢")):
            (
                await sim.post("/_sim/replies", json={"phone": phone, "content": content})
            ).raise_for_status()

        replies = await channel.replies(100)

        assert [(r.phone, r.content) for r in replies] == [
            ("+8613700000041", "TD"),
            ("+8613700000042", "收到，谢谢"),
        ]
        assert await channel.replies(100) == []
    finally:
        await channel.close()


async def test_alibaba_sms_takes_a_request_whole_and_query_send_details_finds_it(
    simulator: ServiceProcess, sim: httpx.AsyncClient
) -> None:
    channel = AliyunSms(_settings(simulator))
    batch = _batch(*_phones(100, 3))
    results = await channel.send(batch)

    assert [r.outcome for r in results] == [Outcome.ACCEPTED] * 3
    assert len({r.serial_no for r in results}) == 1  # one BizId for the request
    since = datetime.now(UTC) - timedelta(minutes=1)
    found = await channel.lookup(batch.addresses[1], since)
    assert [(r.attempt_id, r.status) for r in found] == [
        (batch.attempt_id, ReceiptStatus.DELIVERED)
    ]
    assert await channel.lookup(_phones(900, 1)[0], since) == []

    await sim.post("/_sim/config", json={"transient_rate": 1})
    with pytest.raises(SendRefused, match=r"isv\.BUSINESS_LIMIT_CONTROL"):
        await channel.send(_batch(*_phones(110, 2)))
    await sim.post("/_sim/config", json={"outage": ["aliyun_sms"]})
    with pytest.raises(OutcomeUnknown):
        await channel.send(_batch(*_phones(120, 2)))
    await sim.post("/_sim/config", json={"unanswered_rate": 1, "unanswered_hold_seconds": 2})
    with pytest.raises(OutcomeUnknown):
        await channel.send(_batch(*_phones(130, 1)))
    assert (await _accepted(sim, "aliyun_sms"))[_phones(130, 1)[0]] == 1


async def test_wechat_fetches_a_token_then_sends_each_openid_its_template_message(
    simulator: ServiceProcess, sim: httpx.AsyncClient
) -> None:
    channel = WeChatTemplate(_settings(simulator))
    try:
        ok = await channel.send(_batch("oFugong_a", "oFugong_b"))
        assert [r.outcome for r in ok] == [Outcome.ACCEPTED] * 2
        assert all(r.serial_no for r in ok)

        await sim.post("/_sim/config", json={"permanent_rate": 1})
        (refused,) = await channel.send(_batch("oFugong_c"))
        assert (refused.outcome, refused.reason) == (Outcome.PERMANENT, "errcode 43004")
        await sim.post("/_sim/config", json={"transient_rate": 1})
        (later,) = await channel.send(_batch("oFugong_d"))
        assert (later.outcome, later.reason) == (Outcome.TEMPORARY, "errcode 45009")
        await sim.post("/_sim/config", json={"unanswered_rate": 1, "unanswered_hold_seconds": 2})
        (unknown,) = await channel.send(_batch("oFugong_e"))
        assert unknown.outcome is Outcome.UNKNOWN
        # WeChat cannot be asked what became of it.
        assert await channel.lookup("oFugong_e", datetime.now(UTC)) is None
        assert await _accepted(sim, "wechat") == {"oFugong_a": 1, "oFugong_b": 1, "oFugong_e": 1}
    finally:
        await channel.close()


async def test_voice_calls_one_number_a_request_landlines_included(
    simulator: ServiceProcess, sim: httpx.AsyncClient
) -> None:
    channel: ChannelProvider = TencentVoice(_settings(simulator))
    landline = "+862162345678"
    try:
        results = await channel.send(_batch(landline, "+8613900000001"))
        assert [r.outcome for r in results] == [Outcome.ACCEPTED] * 2

        await sim.post("/_sim/config", json={"permanent_rate": 1})
        (refused,) = await channel.send(_batch("+8613900000002"))
        assert (refused.outcome, refused.reason) == (
            Outcome.PERMANENT,
            "InvalidParameterValue.CalledNumberVerifyFail",
        )
        await sim.post("/_sim/config", json={"unanswered_rate": 1, "unanswered_hold_seconds": 2})
        (unknown,) = await channel.send(_batch("+8613900000003"))
        assert unknown.outcome is Outcome.UNKNOWN
        assert (await _accepted(sim, "tencent_vms"))[landline] == 1
    finally:
        await channel.close()
