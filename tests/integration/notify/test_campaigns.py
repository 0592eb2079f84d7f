"""Rosters and campaigns end to end: the gateway, notify and the provider simulator as real
processes on a database and topics of their own. A roster uploaded with bad rows and duplicates
becomes a campaign every member gets once; send-at and quiet hours hold a campaign back; a
cancel stops what was not sent."""

from __future__ import annotations

import asyncio
import csv
import io
import os
import subprocess
import sys
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest

from services.gateway.domain.access import Principal, PrincipalKind
from services.notify.domain.quiet_hours import SHANGHAI
from services.platform.postgres import open_pool
from tests.support.notify_processes import notify_beside
from tests.support.processes import ServiceProcess
from tests.support.stack import Stack, running_stack
from tests.support.waiting import eventually

pytestmark = pytest.mark.integration

VALUES = {
    "enterprise_name": "上海浦江食品有限公司",
    "return_date": "2月17日",
    "site": "浦东新区川沙路1号二号车间",
    "instructions": "请携带健康码，到岗后先测体温。",
}
CAMPAIGN = {"template": "return_to_work", "values": VALUES}
OPEN = ("created", "sending", "temporary_failure")


@dataclass
class Rig:
    stack: Stack
    simulator: ServiceProcess
    notify: ServiceProcess
    pool: asyncpg.Pool
    http: httpx.AsyncClient
    owner: dict[str, str]
    credit_code: str
    quiet_ends: datetime | None

    async def received(self) -> dict[str, Any]:
        """What every provider of the simulator accepted, summed: by address and by request."""
        async with httpx.AsyncClient(base_url=self.simulator.url) as client:
            answer: dict[str, Any] = (await client.get("/_sim/received")).raise_for_status().json()
        by_phone: dict[str, int] = {}
        for provider in answer.values():
            for address, count in provider["by_address"].items():
                by_phone[address] = by_phone.get(address, 0) + count
        return {
            "accepted": sum(p["accepted"] for p in answer.values()),
            "by_phone": by_phone,
            "by_session_and_phone": [
                e for p in answer.values() for e in p["by_reference_and_address"]
            ],
            "providers": {name: p["accepted"] for name, p in answer.items()},
        }

    async def channels(self, campaign_id: str) -> dict[str, int]:
        rows = await self.pool.fetch(
            "SELECT channel, sum(messages) AS n FROM notify.campaign_progress_v "
            "WHERE campaign_id = $1 GROUP BY 1",
            uuid.UUID(campaign_id),
        )
        return {r["channel"]: int(r["n"]) for r in rows}

    async def configure(self, **behaviour: float) -> None:
        async with httpx.AsyncClient(base_url=self.simulator.url) as client:
            (await client.post("/_sim/config", json=behaviour)).raise_for_status()

    async def gauges(self) -> dict[str, float]:
        """fugong_notify_campaign_messages by status (summed over channels), as notify's /metrics
        shows them."""
        async with httpx.AsyncClient(base_url=self.notify.url) as client:
            text = (await client.get("/metrics")).raise_for_status().text
        found: dict[str, float] = {}
        for line in text.splitlines():
            if line.startswith("fugong_notify_campaign_messages{"):
                labels, value = line.rsplit(" ", 1)
                status = labels.split('status="')[1].split('"')[0]
                found[status] = found.get(status, 0.0) + float(value)
        return found

    async def statuses(self, campaign_id: str) -> dict[str, int]:
        rows = await self.pool.fetch(
            "SELECT status, count(*) FROM notify.messages WHERE campaign_id = $1::uuid GROUP BY 1",
            campaign_id,
        )
        return {row[0]: row[1] for row in rows}

    async def upload(self, members: list[dict[str, str]], mode: str = "replace") -> dict[str, Any]:
        response = await self.http.post(
            "/v1/rosters",
            params={"mode": mode},
            content=_csv(members),
            headers={**self.owner, "content-type": "text/csv"},
        )
        assert response.status_code == 202, response.text
        answer: dict[str, Any] = response.json()
        return answer

    async def roster_size(self) -> int:
        response = await self.http.get("/v1/rosters", headers=self.owner)
        assert response.status_code == 200, response.text
        return int(response.json()["members"])

    async def create(self, **extra: Any) -> str:
        response = await self.http.post(
            "/v1/campaigns",
            json={**CAMPAIGN, **extra},
            headers={**self.owner, "Idempotency-Key": str(uuid.uuid4())},
        )
        assert response.status_code == 202, response.text
        return str(response.json()["campaign_id"])


def _csv(members: list[dict[str, str]]) -> bytes:
    text = io.StringIO(newline="")
    writer = csv.DictWriter(text, ["姓名", "手机号", "同意通知", "退订渠道", "部门", "厂区"])
    writer.writeheader()
    writer.writerows(members)
    return text.getvalue().encode("utf-8-sig")


def _member(serial: int, mobile: str | None = None, **extra: str) -> dict[str, str]:
    return {"姓名": "王芳", "手机号": mobile or f"138{serial:08d}", "部门": "生产部", **extra}


def _e164(serial: int) -> str:
    return f"+86138{serial:08d}"


@asynccontextmanager
async def campaign_rig(
    tmp: Path, quiet_for: timedelta | None = None, **notify_env: str
) -> AsyncIterator[Rig]:
    """With `quiet_for`, notify's quiet hours begin before it starts and end that long after."""
    async with (
        running_stack(tmp, with_monitoring=False) as stack,
        notify_beside(stack, tmp, start_worker=False, **notify_env) as notify,
    ):
        pool = await open_pool(stack.database_url, max_size=2)
        quiet_ends = None
        if quiet_for is not None:
            now = datetime.now(SHANGHAI)
            quiet_ends = now + quiet_for
            notify.env["FUGONG_QUIET_HOURS_START"] = (now - timedelta(minutes=1)).strftime(
                "%H:%M:%S"
            )
            notify.env["FUGONG_QUIET_HOURS_END"] = quiet_ends.strftime("%H:%M:%S")
        try:
            await asyncio.to_thread(notify.worker.start)
            code, owner = await stack.enterprise(1)
            async with httpx.AsyncClient(base_url=stack.gateway.url, timeout=30) as http:
                yield Rig(
                    stack, notify.simulator, notify.worker, pool, http, owner, code, quiet_ends
                )
        finally:
            await pool.close()


def _settled(statuses: dict[str, int]) -> bool:
    return bool(statuses) and not any(statuses.get(s) for s in OPEN)


async def test_a_roster_with_bad_rows_and_duplicates_reaches_every_member_once(
    tmp_path: Path,
) -> None:
    good = [_member(n) for n in range(1, 301)]
    # The same people again in other formats, five bad rows, two landlines, two who said no.
    again = [_member(n, f"+86 138 {n:08d}") for n in (3, 9, 27)]
    bad = [_member(0, "1380013800"), _member(0, "电话"), {"姓名": "", "手机号": "13912345678"}]
    landlines = [_member(0, "021-5888 1234", 厂区="一号车间"), _member(0, "021 5888 1235")]
    refusing = [_member(n, 同意通知="否") for n in (401, 402)]
    async with campaign_rig(tmp_path) as rig:
        upload = await rig.upload(good + again + bad + landlines + refusing)
        assert upload["members"] == 300 + 2 + 2
        assert upload["landlines"] == 2
        assert [m["merged_into"] for m in upload["merged"]] == [4, 10, 28]  # after the heading
        assert [r["row"] for r in upload["refused"]] == [305, 306, 307]
        assert "13800138" not in str(upload["refused"])
        await eventually(rig.roster_size, lambda n: n == 304, what="the roster recorded")

        first = await rig.http.post(
            "/v1/campaigns",
            json=CAMPAIGN,
            headers={**rig.owner, "Idempotency-Key": "8f14e45f-ceea-467f-a0e6-0b1a2c3d4e5f"},
        )
        again_sent = await rig.http.post(
            "/v1/campaigns",
            json=CAMPAIGN,
            headers={**rig.owner, "Idempotency-Key": "8f14e45f-ceea-467f-a0e6-0b1a2c3d4e5f"},
        )
        assert first.status_code == again_sent.status_code == 202, first.text
        campaign_id = first.json()["campaign_id"]
        assert again_sent.json()["campaign_id"] == campaign_id
        preview = first.json()["preview"]
        assert preview["recipients"] == 302  # the two landlines by voice
        assert preview["by_channel"]["voice"]["recipients"] == 2
        assert preview["by_channel"]["sms"]["units"] == 300 * 3
        assert first.json()["preview"]["parts"] == 3  # 141 characters

        statuses = await eventually(
            lambda: rig.statuses(campaign_id), _settled, within=90, what="every message sent"
        )
        assert "no_channel_yet" not in statuses  # the landlines: a voice call, not SMS
        assert sum(statuses.get(s, 0) for s in ("sent", "delivered")) == 302
        received = await rig.received()
        by_voice = {"+862158881234": 1, "+862158881235": 1}
        assert received["by_phone"] == {**{_e164(n): 1 for n in range(1, 301)}, **by_voice}
        assert received["providers"].get("tencent_vms") == 2
        assert await rig.channels(campaign_id) == {"sms": 300, "voice": 2}
        await eventually(
            rig.gauges,
            lambda g: g.get("sent", 0) + g.get("delivered", 0) == 302,
            what="the campaign's messages on /metrics",
        )

        progress = await rig.http.get(f"/v1/campaigns/{campaign_id}", headers=rig.owner)
        city = await rig.stack.key_for(Principal(PrincipalKind.OFFICIAL))
        masked = await rig.http.get(f"/v1/campaigns/{campaign_id}", headers=city)
        _, other = await rig.stack.enterprise(2)
        hidden = await rig.http.get(f"/v1/campaigns/{campaign_id}", headers=other)
    assert progress.status_code == masked.status_code == 200, progress.text
    assert hidden.status_code == 404
    assert progress.json()["recipients"] == masked.json()["recipients"] == 302
    assert progress.json()["failures"] == masked.json()["failures"] == []
    by_channel = {c["channel"]: sum(c["statuses"].values()) for c in progress.json()["channels"]}
    assert by_channel == {"sms": 300, "voice": 2}


async def test_send_at_and_quiet_hours_hold_a_campaign_back_until_they_end(
    tmp_path: Path,
) -> None:
    async with campaign_rig(tmp_path, quiet_for=timedelta(seconds=25)) as rig:
        assert rig.quiet_ends is not None
        quiet_ends = rig.quiet_ends
        await rig.upload([_member(n) for n in range(1, 41)])
        await eventually(rig.roster_size, lambda n: n == 40, what="the roster recorded")
        # One campaign for now (held by the quiet hours), one for after them.
        at_once = await rig.create()
        later_at = quiet_ends + timedelta(seconds=10)
        later = await rig.create(send_at=later_at.isoformat(), audience={"sites": []})
        await eventually(
            lambda: rig.statuses(later), lambda s: s.get("created") == 40, what="expanded"
        )
        assert datetime.now(SHANGHAI) < quiet_ends, "the test started too slowly to check"
        await asyncio.sleep((quiet_ends - datetime.now(SHANGHAI)).total_seconds() - 1)
        assert (await rig.received())["accepted"] == 0  # nothing in the quiet hours

        await eventually(lambda: rig.statuses(at_once), _settled, within=30, what="sent after")
        assert datetime.now(SHANGHAI) < later_at, "sending was too slow to check send_at"
        assert (await rig.statuses(later)) == {"created": 40}
        await eventually(lambda: rig.statuses(later), _settled, within=60, what="later sent")
        received = await rig.received()
    assert received["by_phone"] == {_e164(n): 2 for n in range(1, 41)}
    assert all(e["count"] == 1 for e in received["by_session_and_phone"])


async def test_a_cancelled_campaign_sends_nothing_more(tmp_path: Path) -> None:
    async with campaign_rig(
        tmp_path, FUGONG_SEND_BATCH_SIZE="10", FUGONG_SEND_BATCHES_PER_TICK="1"
    ) as rig:
        await rig.upload([_member(n) for n in range(1, 301)])
        await eventually(rig.roster_size, lambda n: n == 300, what="the roster recorded")
        await rig.configure(latency_seconds=0.3)
        campaign_id = await rig.create()
        await eventually(
            rig.received, lambda r: r["accepted"] >= 30, within=60, what="sending under way"
        )
        cancelled = await rig.http.delete(f"/v1/campaigns/{campaign_id}", headers=rig.owner)
        assert cancelled.status_code == 202, cancelled.text
        statuses = await eventually(
            lambda: rig.statuses(campaign_id), _settled, within=30, what="the cancel recorded"
        )
        await asyncio.sleep(2)
        received = await rig.received()
        progress = await rig.http.get(f"/v1/campaigns/{campaign_id}", headers=rig.owner)
    sent = sum(statuses.get(s, 0) for s in ("sent", "delivered"))
    assert statuses["cancelled"] > 100
    assert sent + statuses["cancelled"] == 300
    assert received["accepted"] == sent  # nothing cancelled reached the provider
    assert all(count == 1 for count in received["by_phone"].values())
    assert progress.json()["cancelled_at"] is not None


async def test_the_operators_command_sends_a_campaign_and_follows_it_until_every_one_settled(
    tmp_path: Path,
) -> None:
    roster = tmp_path / "roster.csv"
    members = [_member(n) for n in range(1, 41)]
    members += [_member(41, 退订渠道="短信、微信、语音"), _member(42, 退订渠道="短信")]
    roster.write_bytes(_csv(members))
    values = [f"{name}={value}" for name, value in VALUES.items()]
    async with campaign_rig(tmp_path) as rig:
        env = {
            **os.environ,
            "FUGONG_GATEWAY_URL": rig.stack.gateway.url,
            "FUGONG_API_KEY": rig.owner["X-API-Key"],
        }
        argv = [sys.executable, "-m", "services.cli", "campaigns", "send", "--roster", str(roster),
                "--template", "return_to_work", "--interval", "0.5",
                *(arg for v in values for arg in ("--value", v))]  # fmt: skip
        done = await asyncio.to_thread(
            subprocess.run, argv, env=env, capture_output=True, text=True, timeout=180
        )
        assert done.returncode == 0, done.stderr
        assert "roster: 42 members" in done.stdout
        campaign_id = await rig.pool.fetchval("SELECT campaign_id::text FROM notify.campaigns")
        statuses = await rig.statuses(campaign_id)
        received = await rig.received()
    assert not any(statuses.get(s) for s in OPEN), statuses  # the bar ended when all settled
    assert statuses.get("unsendable") == 1  # refused every channel
    assert "unsendable 1" in done.stdout
    assert _e164(41) not in received["by_phone"]
    assert received["by_phone"][_e164(42)] == 1  # refused SMS: a voice call instead
    assert received["providers"].get("tencent_vms") == 1
    assert set(received["by_phone"].values()) == {1}  # nobody twice


async def test_an_opt_out_outlives_a_replaced_roster_until_the_employee_opts_back_in(
    tmp_path: Path,
) -> None:
    async with campaign_rig(tmp_path) as rig:

        async def refused() -> list[str] | None:
            value = await rig.pool.fetchval(
                "SELECT opted_out FROM notify.roster_members WHERE phone = $1", _e164(1)
            )
            return None if value is None else list(value)

        first = await rig.upload([_member(1), _member(2)])
        opted_out = await rig.http.post(
            "/v1/rosters/opt-outs",
            json={"mobile": "13800000001", "channels": ["voice", "sms"]},
            headers=rig.owner,
        )
        assert opted_out.status_code == 202, opted_out.text
        await eventually(refused, lambda r: r == ["sms", "voice"], what="the opt-out recorded")
        # A new file (the same one again would be the same upload): the employee is still in it.
        again = await rig.upload([_member(1), _member(3)])
        assert again["upload_id"] != first["upload_id"]
        await eventually(
            lambda: rig.pool.fetchval(
                "SELECT count(*) FROM notify.roster_members WHERE upload_id = $1::uuid",
                again["upload_id"],
            ),
            lambda n: n == 2,
            what="the replacement recorded",
        )
        assert await refused() == ["sms", "voice"]

        consent = {"method": "written", "given_at": datetime.now(SHANGHAI).isoformat()}
        opted_in = await rig.http.post(
            "/v1/rosters/opt-ins",
            json={"mobile": "138 0000 0001", "channels": ["sms"], "consent": consent},
            headers=rig.owner,
        )
        assert opted_in.status_code == 202, opted_in.text
        await eventually(refused, lambda r: r == ["voice"], what="the opt-in recorded")
        renewals = await rig.pool.fetchval("SELECT count(*) FROM notify.consent_renewals")
    assert renewals == 1
