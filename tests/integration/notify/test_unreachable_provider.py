"""A provider that cannot be reached at all: the request never left, so each address is refused
for now (retried later), not left unknown (which, for WeChat and voice, could never be resent)."""

from __future__ import annotations

import uuid

import pytest

from services.notify.adapters.tencent_vms import TencentVoice
from services.notify.adapters.wechat_template import WeChatTemplate
from services.notify.channels import Batch, ChannelProvider, Outcome
from services.notify.settings import NotifySettings
from tests.support.processes import free_port

pytestmark = pytest.mark.integration


def _nowhere() -> NotifySettings:
    host = f"127.0.0.1:{free_port()}"  # nothing listens there
    return NotifySettings(
        _env_file=None,
        sms_endpoint=host,
        aliyun_endpoint=host,
        voice_endpoint=host,
        wechat_api_base=f"http://{host}/cgi-bin/",
        send_timeout_seconds=1,
    )


@pytest.mark.parametrize(
    ("make", "address"),
    [(WeChatTemplate, "oFugong0000000042"), (TencentVoice, "+862160000042")],
    ids=["wechat", "voice"],
)
async def test_a_refused_connection_is_a_temporary_refusal_not_an_unknown_outcome(
    make: type[ChannelProvider], address: str
) -> None:
    adapter = make(_nowhere())  # type: ignore[call-arg]
    try:
        batch = Batch(str(uuid.uuid4()), "1000001", ("2020-W07", "2月17日12:00"), (address,))
        [result] = await adapter.send(batch)
    finally:
        await adapter.close()
    assert result.outcome is Outcome.TEMPORARY
    assert result.reason in {"ConnectionError", "ConnectError"}
