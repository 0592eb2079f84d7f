"""The outcomes WeChat, Tencent Cloud VMS and Alibaba Cloud SMS push, as the simulator pushes
them to notify's callback listener (`FUGONG_SIM_PUSH_URL`).

Each accepted WeChat template message gets a TEMPLATESENDJOBFINISH event (signed XML, as WeChat
signs it with the account's token), each accepted call a `voiceprompt_callback`, and, with
`aliyun_sms_reports` on, each Alibaba SendSms request its numbers' delivery reports (SmsReport,
one JSON array a request). Late (`push_delay_seconds` plus up to `push_jitter_seconds`, so out
of order), some twice (`push_duplicate_rate`), some never (`push_lost_rate`: those messages
stay `sent`). A push not answered 200 is tried again, up to three times, as WeChat does. A send
whose answer the simulator withholds is pushed too (the provider sent it), and counted apart,
so tests see notify match it by its recipient. Without a push URL nothing is pushed.
"""

from __future__ import annotations

import asyncio
import hashlib
import secrets
import time
from collections import Counter

import httpx

from services.notify.simulator.provider import Accepted, Provider

ATTEMPTS = 3
WECHAT_BLOCKED = "failed:user block"


def wechat_msgid(record: Accepted) -> int:
    """The MsgID WeChat answers a template send with, and names in its push."""
    return int(record.serial_no.split(":")[0], 16) % 10**12


def wechat_signature(token: str, timestamp: str, nonce: str) -> str:
    joined = "".join(sorted([token, timestamp, nonce])).encode()
    return hashlib.sha1(joined).hexdigest()  # noqa: S324 (WeChat's scheme is SHA-1)


class Pusher:
    def __init__(self, provider: Provider, url: str | None, wechat_token: str) -> None:
        self._provider = provider
        self._url = url.rstrip("/") if url else None
        self._token = wechat_token
        self._client: httpx.AsyncClient | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self.counts: Counter[str] = Counter()
        """scheduled, lost, pushed (answered 200), refused (never answered 200); of the
        scheduled, those of sends whose answer was withheld (unanswered_scheduled) and how many
        of those were lost (unanswered_lost)."""

    def wechat(self, record: Accepted, *, answered: bool = True) -> None:
        blocked = self._provider.rng.random() < self._provider.behaviour.wechat_block_rate
        status = WECHAT_BLOCKED if blocked else "success"
        timestamp, nonce = str(int(time.time())), str(secrets.randbelow(10**9))
        xml = (
            "<xml><ToUserName><![CDATA[gh_fugong000001]]></ToUserName>"
            f"<FromUserName><![CDATA[{record.address}]]></FromUserName>"
            f"<CreateTime>{timestamp}</CreateTime><MsgType><![CDATA[event]]></MsgType>"
            "<Event><![CDATA[TEMPLATESENDJOBFINISH]]></Event>"
            f"<MsgID>{wechat_msgid(record)}</MsgID><Status><![CDATA[{status}]]></Status></xml>"
        )
        params = {
            "signature": wechat_signature(self._token, timestamp, nonce),
            "timestamp": timestamp,
            "nonce": nonce,
            "openid": record.address,
        }
        self._schedule(
            "/callbacks/wechat", {"params": params, "content": xml.encode()}, answered=answered
        )

    def call(self, record: Accepted, *, answered: bool = True) -> None:
        unanswered = self._provider.rng.random() < self._provider.behaviour.call_unanswered_rate
        now = int(time.time())
        push = {
            "voiceprompt_callback": {
                "result": "1" if unanswered else "0",
                "accept_time": "" if unanswered else str(now),
                "call_from": "",
                "callid": record.serial_no,
                "start_calltime": str(now),
                "end_calltime": str(now + 20),
                "fee": "0" if unanswered else "1",
                "mobile": record.address.removeprefix("+86"),
                "nationcode": "86",
            }
        }
        self._schedule("/callbacks/voice", {"json": push}, answered=answered)

    def sms_reports(self, records: list[Accepted], biz_id: str, *, answered: bool = True) -> None:
        """Alibaba's SmsReport for one SendSms request's numbers: a JSON array, when configured."""
        if not records or not self._provider.behaviour.aliyun_sms_reports:
            return
        now = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime())
        reports = [
            {
                "phone_number": record.address.removeprefix("+86"),
                "send_time": record.at.strftime("%Y-%m-%d %H:%M:%S"),
                "report_time": now,
                "success": not record.undelivered,
                "err_code": "MOBILE_IN_BLACK" if record.undelivered else "DELIVERED",
                "err_msg": "手机号在黑名单" if record.undelivered else "用户接收成功",
                "sms_size": "1",
                "biz_id": biz_id,
                "out_id": record.reference,
            }
            for record in records
        ]
        self._schedule("/callbacks/aliyun/sms-report", {"json": reports}, answered=answered)

    def _schedule(self, path: str, request: dict[str, object], *, answered: bool) -> None:
        if self._url is None:
            return
        behaviour, rng = self._provider.behaviour, self._provider.rng
        self.counts["scheduled"] += 1
        if not answered:
            self.counts["unanswered_scheduled"] += 1
        if rng.random() < behaviour.push_lost_rate:
            self.counts["lost"] += 1
            if not answered:
                self.counts["unanswered_lost"] += 1
            return
        delays = [behaviour.push_delay_seconds + rng.random() * behaviour.push_jitter_seconds]
        if rng.random() < behaviour.push_duplicate_rate:
            delays.append(delays[0] + rng.random() * max(behaviour.push_jitter_seconds, 0.5))
            self.counts["duplicated"] += 1
        for delay in delays:
            task = asyncio.get_running_loop().create_task(self._push(path, request, delay))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _push(self, path: str, request: dict[str, object], delay: float) -> None:
        await asyncio.sleep(delay)
        client = self._client = self._client or httpx.AsyncClient(timeout=5)
        for attempt in range(ATTEMPTS):
            try:
                answer = await client.post(f"{self._url}{path}", **request)  # type: ignore[arg-type]
            except httpx.HTTPError:
                answer = None
            if answer is not None and answer.status_code == 200:
                self.counts["pushed"] += 1
                return
            await asyncio.sleep(1 + attempt)
        self.counts["refused"] += 1

    async def close(self) -> None:
        for task in self._tasks:
            task.cancel()
        if self._client is not None:
            await self._client.aclose()
