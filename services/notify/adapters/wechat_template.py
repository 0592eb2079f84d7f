"""The `wechat` channel: the official account's template messages, through `wechatpy`.

The client's API base is a setting (the provider simulator locally, api.weixin.qq.com live);
it fetches and caches its access_token itself and fetches a new one when WeChat says the old
one expired. WeChat takes one recipient a request, so a batch is its recipients' requests run
side by side (in threads of its own: wechatpy is synchronous; the sender bounds how many).

WeChat has no query for a sent template message: its outcome is pushed to the account's
callback (TEMPLATESENDJOBFINISH). A request whose answer never came therefore cannot be looked
up; notify never resends it (it may have arrived) and settles it as `sent`, unconfirmed.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from typing import Any
from urllib.request import getproxies

import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import ConnectTimeoutError
from wechatpy import WeChatClient
from wechatpy.exceptions import WeChatClientException

from services.notify.channels import (
    AddressResult,
    Batch,
    Outcome,
    Provider,
    Receipt,
    Reply,
)
from services.notify.domain.routing import Channel
from services.notify.settings import NotifySettings

# Codes worth another try later: system busy, the API's frequency limit, the daily quota.
_TEMPORARY = {-1, 45009, 45047}


class _Client(WeChatClient):  # type: ignore[misc]  # wechatpy is untyped
    """wechatpy's client with its token URL under the configured API base too."""

    def fetch_access_token(self) -> Any:
        return self._fetch_access_token(
            url=f"{self.API_BASE_URL}token",
            params={"grant_type": "client_credential", "appid": self.appid, "secret": self.secret},
        )


class WeChatTemplate:
    provider = Provider.WECHAT
    channel = Channel.WECHAT
    batch_size = 1
    pulls_receipts = False
    can_look_up = False

    def __init__(self, settings: NotifySettings) -> None:
        self._client = _Client(
            settings.wechat_app_id,
            settings.wechat_app_secret.get_secret_value(),
            timeout=settings.send_timeout_seconds,
        )
        self._client.API_BASE_URL = settings.wechat_api_base
        self.concurrency = settings.wechat_concurrency
        # As many kept-alive connections as threads: requests' default pool (10) would close
        # and reopen one per request beyond it, with a warning each time.
        pooled = HTTPAdapter(pool_connections=1, pool_maxsize=self.concurrency)
        for scheme in ("http://", "https://"):
            self._client._http.mount(scheme, pooled)
        # requests reads the environment's proxies and ~/.netrc again at every request (a
        # tenth of a send's time): read once here, then never again.
        self._client._http.proxies.update(getproxies())
        self._client._http.trust_env = False
        # Its own threads, as many as the sender lets run: a request is on its way once started.
        self._threads = ThreadPoolExecutor(self.concurrency, thread_name_prefix="wechat")

    async def send(self, batch: Batch) -> list[AddressResult]:
        return list(await asyncio.gather(*(self._send_one(batch, a) for a in batch.addresses)))

    async def _send_one(self, batch: Batch, openid: str) -> AddressResult:
        data = {f"keyword{i}": {"value": v} for i, v in enumerate(batch.slots, 1)}
        data["remark"] = {"value": batch.attempt_id}  # our reference, as the provider sees it
        loop = asyncio.get_running_loop()
        send = self._client.message.send_template
        try:
            answer = await loop.run_in_executor(
                self._threads, send, openid, batch.template_id, data
            )
        except WeChatClientException as exc:
            if exc.errcode is None:  # no JSON answer (an HTTP error): it may have been sent
                return AddressResult(openid, Outcome.UNKNOWN, reason="no answer")
            code = int(exc.errcode)
            outcome = Outcome.TEMPORARY if code in _TEMPORARY else Outcome.PERMANENT
            return AddressResult(openid, outcome, reason=f"errcode {code}")
        except requests.RequestException as exc:
            # A connection never made means the request never left: it may go again later.
            outcome = Outcome.TEMPORARY if _never_connected(exc) else Outcome.UNKNOWN
            return AddressResult(openid, outcome, reason=type(exc).__name__)
        return AddressResult(openid, Outcome.ACCEPTED, serial_no=str(answer.get("msgid", "")))

    async def receipts(self, limit: int) -> list[Receipt]:
        return []  # pushed to the account's callback, not pulled

    async def lookup(self, address: str, since: datetime) -> list[Receipt] | None:
        return None  # WeChat has no query for a template message's fate

    async def replies(self, limit: int) -> list[Reply]:
        return []  # none pulled from this provider

    async def close(self) -> None:
        self._threads.shutdown(wait=False, cancel_futures=True)
        self._client._http.close()


def _never_connected(exc: requests.RequestException) -> bool:
    """Refused, or timed out connecting (urllib3's NewConnectionError is a ConnectTimeoutError)."""
    if isinstance(exc, requests.ConnectTimeout):
        return True
    reason = getattr(exc.args[0], "reason", None) if exc.args else None
    return isinstance(reason, ConnectTimeoutError)
