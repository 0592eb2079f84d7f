"""What WeChat's and VMS's pushes say of a message, and how the callback listener answers them:
signed pushes recorded before the answer, bad signatures and malformed pushes refused and
counted, other WeChat pushes answered and left alone."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import pytest
from fastapi.testclient import TestClient
from prometheus_client import REGISTRY

from services.notify.callbacks import callback_app
from services.notify.domain.pushed_outcomes import (
    ALIYUN_SMS,
    VOICE,
    WECHAT,
    MalformedPush,
    PushedOutcome,
    SmsReport,
    aliyun_sms_reports,
    voice_outcomes,
    wechat_outcome,
)

TOKEN = "复工-callback-token"  # noqa: S105 (a test token)


def test_a_template_job_that_succeeded_is_delivered() -> None:
    assert wechat_outcome(200163836, "success") == PushedOutcome(WECHAT, "200163836", True)


@pytest.mark.parametrize("status", ["failed:user block", "failed: system failed", "failed:???"])
def test_a_template_job_that_failed_is_not_delivered_with_a_reason(status: str) -> None:
    outcome = wechat_outcome("200163840", status)
    assert not outcome.delivered
    assert (outcome.reason or "").startswith("wechat: ")


def test_a_template_job_event_without_its_id_is_malformed() -> None:
    with pytest.raises(MalformedPush):
        wechat_outcome(None, "success")


@pytest.mark.parametrize(
    ("result", "delivered"), [("0", True), ("1", False), ("2", False), (0, True)]
)
def test_a_call_status_is_delivered_only_when_answered(result: object, delivered: bool) -> None:
    push = {"voiceprompt_callback": {"callid": "c-1", "result": result, "mobile": "13912345678"}}
    [outcome] = voice_outcomes(push)
    assert (outcome.provider, outcome.serial_no, outcome.delivered) == (VOICE, "c-1", delivered)
    assert "13912345678" not in (outcome.reason or "")


def test_a_call_failure_push_is_not_delivered_and_its_reason_carries_no_number() -> None:
    push = {
        "voice_failure_callback": {
            "callid": "c-2", "failure_code": 8, "failure_reason": "空号", "mobile": "13912345678",
            "nationcode": "86",
        }
    }  # fmt: skip
    assert voice_outcomes(push) == [
        PushedOutcome(VOICE, "c-2", False, "voice: the call failed (code 8)", "+8613912345678")
    ]


@pytest.mark.parametrize(
    ("fields", "number"),
    [
        ({"mobile": "13912345678", "nationcode": "86"}, "+8613912345678"),
        ({"mobile": "2158885678", "nationcode": "+86"}, "+862158885678"),  # a Shanghai landline
        ({"mobile": "+8613912345678"}, "+8613912345678"),
        ({"mobile": "13912345678"}, None),  # no country: not a number a send addressed
        ({"mobile": "", "nationcode": "86"}, None),
        ({"mobile": "139-1234-5678", "nationcode": "86"}, None),
    ],
)
def test_a_call_push_names_the_number_as_the_send_addressed_it(
    fields: dict[str, str], number: str | None
) -> None:
    push = {"voiceprompt_callback": {"callid": "c-5", "result": "0", **fields}}
    assert voice_outcomes(push)[0].address == number


def test_a_key_pressed_during_a_call_is_no_outcome() -> None:
    assert voice_outcomes({"voicekey_callback": {"callid": "c-3", "keypress": "1"}}) == []


@pytest.mark.parametrize(
    "push",
    [
        {},
        {"voiceprompt_callback": {"result": "0"}},
        {"voiceprompt_callback": {"callid": "c-4", "result": "7"}},
        {"voiceprompt_callback": "c-4"},
    ],
)
def test_voice_pushes_of_no_known_shape_are_malformed(push: dict[str, object]) -> None:
    with pytest.raises(MalformedPush):
        voice_outcomes(push)


class FakeInbox:
    def __init__(self) -> None:
        self.recorded: list[PushedOutcome] = []
        self.reports: list[SmsReport] = []
        self.down = False

    async def record(self, outcomes: Sequence[PushedOutcome]) -> None:
        if self.down:
            raise OSError("connection refused")
        self.recorded.extend(outcomes)

    async def record_sms_reports(self, reports: Sequence[SmsReport]) -> None:
        if self.down:
            raise OSError("connection refused")
        self.reports.extend(reports)


def _signed(timestamp: str = "1581897600", nonce: str = "42817") -> dict[str, str]:
    # WeChat's scheme, written out here so the test does not sign with the code it checks.
    joined = "".join(sorted([TOKEN, timestamp, nonce])).encode()
    signature = hashlib.sha1(joined).hexdigest()  # noqa: S324 (WeChat's signature is SHA-1)
    return {"signature": signature, "timestamp": timestamp, "nonce": nonce}


def _job_finished(msg_id: int, status: str) -> str:
    return (
        "<xml><ToUserName><![CDATA[gh_7f083739789a]]></ToUserName>"
        "<FromUserName><![CDATA[oia2TjuEGTNoeX76QEjQNrcURxG8]]></FromUserName>"
        "<CreateTime>1581897600</CreateTime><MsgType><![CDATA[event]]></MsgType>"
        "<Event><![CDATA[TEMPLATESENDJOBFINISH]]></Event>"
        f"<MsgID>{msg_id}</MsgID><Status><![CDATA[{status}]]></Status></xml>"
    )


def _count(provider: str, result: str) -> float:
    value = REGISTRY.get_sample_value(
        "fugong_notify_pushed_outcomes_total", {"provider": provider, "result": result}
    )
    return value or 0.0


@pytest.fixture
def inbox() -> FakeInbox:
    return FakeInbox()


@pytest.fixture
def client(inbox: FakeInbox) -> TestClient:
    return TestClient(callback_app(lambda: inbox, TOKEN))


def test_a_signed_template_job_push_is_recorded_and_answered_success(
    client: TestClient, inbox: FakeInbox
) -> None:
    answer = client.post(
        "/callbacks/wechat", params=_signed(), content=_job_finished(7, "failed:user block")
    )
    assert (answer.status_code, answer.text) == (200, "success")
    # The recipient (FromUserName) comes along: it finds a send whose answer was lost.
    assert inbox.recorded == [
        wechat_outcome(7, "failed:user block", "oia2TjuEGTNoeX76QEjQNrcURxG8")
    ]
    assert inbox.recorded[0].address == "oia2TjuEGTNoeX76QEjQNrcURxG8"


def test_a_push_with_a_bad_signature_is_refused_counted_and_not_recorded(
    client: TestClient, inbox: FakeInbox
) -> None:
    before = _count(WECHAT, "bad_signature")
    params = {**_signed(), "nonce": "forged"}
    answer = client.post("/callbacks/wechat", params=params, content=_job_finished(8, "success"))
    assert answer.status_code == 403
    assert inbox.recorded == []
    assert _count(WECHAT, "bad_signature") == before + 1


def test_wechat_checks_the_server_url_with_a_signed_echostr(client: TestClient) -> None:
    answer = client.get("/callbacks/wechat", params={**_signed(), "echostr": "5838479218127813673"})
    assert answer.text == "5838479218127813673"
    assert client.get("/callbacks/wechat", params={"echostr": "1"}).status_code == 403


def test_other_pushes_to_the_account_are_answered_and_left_alone(
    client: TestClient, inbox: FakeInbox
) -> None:
    text = (
        "<xml><ToUserName>gh_7f083739789a</ToUserName><FromUserName>oia2Tj</FromUserName>"
        "<CreateTime>1581897600</CreateTime><MsgType>text</MsgType><Content>收到</Content>"
        "<MsgId>1234567890123456</MsgId></xml>"
    )
    answer = client.post("/callbacks/wechat", params=_signed(), content=text)
    assert (answer.status_code, answer.text, inbox.recorded) == (200, "success", [])


@pytest.mark.parametrize("body", ["not xml", "<xml><MsgType>event</MsgType>", "<other/>"])
def test_unreadable_wechat_pushes_are_refused_and_counted(
    client: TestClient, inbox: FakeInbox, body: str
) -> None:
    before = _count(WECHAT, "malformed")
    assert client.post("/callbacks/wechat", params=_signed(), content=body).status_code == 400
    assert _count(WECHAT, "malformed") == before + 1
    assert inbox.recorded == []


def test_a_call_status_push_is_recorded_and_answered_as_vms_expects(
    client: TestClient, inbox: FakeInbox
) -> None:
    push = {"voiceprompt_callback": {"callid": "c-9", "result": "1", "mobile": "13912345678"}}
    answer = client.post("/callbacks/voice", json=push)
    assert answer.json() == {"result": 0, "errmsg": "OK"}
    assert inbox.recorded == voice_outcomes(push)


def test_a_malformed_voice_push_is_refused_and_counted(client: TestClient) -> None:
    before = _count(VOICE, "malformed")
    answer = client.post("/callbacks/voice", content=b"[1, 2")
    assert (answer.status_code, answer.json()["result"]) == (400, 1)
    assert _count(VOICE, "malformed") == before + 1


def test_a_push_not_recorded_is_answered_503_so_the_provider_pushes_it_again(
    client: TestClient, inbox: FakeInbox
) -> None:
    inbox.down = True
    push = {"voiceprompt_callback": {"callid": "c-10", "result": "0"}}
    assert client.post("/callbacks/voice", json=push).status_code == 503
    signed = client.post("/callbacks/wechat", params=_signed(), content=_job_finished(9, "success"))
    assert signed.status_code == 503


def test_before_the_database_is_open_pushes_are_answered_503() -> None:
    client = TestClient(callback_app(lambda: None, TOKEN))
    push = {"voiceprompt_callback": {"callid": "c-11", "result": "0"}}
    assert client.post("/callbacks/voice", json=push).status_code == 503


# Alibaba Cloud's SmsReport push, as its documentation shows one (a JSON array).
ALIYUN_REPORTS = [
    {
        "phone_number": "13800138000", "send_time": "2020-02-17 08:30:00",
        "report_time": "2020-02-17 08:30:03", "success": True, "err_code": "DELIVERED",
        "err_msg": "用户接收成功", "sms_size": "2", "biz_id": "932702304080415357^0",
        "out_id": "6f1d8c1e-0a4b-4f7e-9c51-0b8f6c2d3e4f",
    },
    {
        "phone_number": "13900139000", "send_time": "2020-02-17 08:30:00",
        "report_time": "2020-02-17 08:30:09", "success": False, "err_code": "MOBILE_IN_BLACK",
        "err_msg": "手机号在黑名单", "sms_size": "2", "biz_id": "932702304080415357^0",
        "out_id": "",
    },
]  # fmt: skip


def test_alibaba_sms_reports_name_the_number_as_sent_and_say_why_one_failed() -> None:
    delivered, failed = aliyun_sms_reports(ALIYUN_REPORTS)
    assert delivered == SmsReport(
        "+8613800138000", "6f1d8c1e-0a4b-4f7e-9c51-0b8f6c2d3e4f", "932702304080415357^0", True
    )
    assert (failed.address, failed.out_id, failed.delivered) == ("+8613900139000", "", False)
    assert failed.reason == "sms: not delivered (MOBILE_IN_BLACK)"
    assert "13900139000" not in (failed.reason or "")


@pytest.mark.parametrize(
    "push",
    [
        {"phone_number": "13800138000"},  # not an array
        [{"phone_number": "13800138000", "success": "true", "biz_id": "1"}],
        [{"phone_number": "", "success": True, "biz_id": "1"}],
        [{"phone_number": "13800138000", "success": True, "biz_id": "", "out_id": ""}],
        ["13800138000"],
    ],
)
def test_alibaba_sms_reports_of_no_known_shape_are_malformed(push: object) -> None:
    with pytest.raises(MalformedPush):
        aliyun_sms_reports(push)


def test_alibaba_sms_reports_are_recorded_and_answered_as_alibaba_expects(
    client: TestClient, inbox: FakeInbox
) -> None:
    answer = client.post("/callbacks/aliyun/sms-report", json=ALIYUN_REPORTS)
    assert (answer.status_code, answer.json()) == (200, {"code": 0, "msg": "成功"})
    assert inbox.reports == aliyun_sms_reports(ALIYUN_REPORTS)
    before = _count(ALIYUN_SMS, "malformed")
    refused = client.post("/callbacks/aliyun/sms-report", content=b'{"phone_number": 1}')
    assert (refused.status_code, refused.json()["code"]) == (400, 1)
    assert _count(ALIYUN_SMS, "malformed") == before + 1
    inbox.down = True
    assert client.post("/callbacks/aliyun/sms-report", json=ALIYUN_REPORTS).status_code == 503
