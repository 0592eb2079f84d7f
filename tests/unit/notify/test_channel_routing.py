"""Which channel reaches a recipient, and where a message falls back to."""

from __future__ import annotations

from services.notify.domain.routing import (
    Channel,
    Recipient,
    is_mobile,
    refused_every_channel,
    route,
)

C = Channel
PREFERS_WECHAT = (C.WECHAT, C.SMS, C.VOICE)
MOBILE = "+8613812345678"
LANDLINE = "+862162345678"  # a Shanghai fixed line


def test_wechat_first_with_sms_then_voice_to_fall_back_on() -> None:
    found = route(PREFERS_WECHAT, None, Recipient(MOBILE, "oFugong_openid_01"))

    assert found is not None
    assert (found.channel, found.address, found.fallback) == (
        C.WECHAT,
        "oFugong_openid_01",
        C.SMS,
    )


def test_no_openid_skips_wechat() -> None:
    found = route(PREFERS_WECHAT, None, Recipient(MOBILE, None))

    assert found is not None
    assert (found.channel, found.address, found.fallback) == (C.SMS, MOBILE, C.VOICE)


def test_a_landline_is_reached_only_by_voice() -> None:
    found = route(PREFERS_WECHAT, None, Recipient(LANDLINE, None))

    assert found is not None
    assert (found.channel, found.address, found.fallback) == (C.VOICE, LANDLINE, None)
    assert not is_mobile(LANDLINE)
    assert is_mobile(MOBILE)


def test_a_channel_opted_out_of_is_never_used() -> None:
    recipient = Recipient(MOBILE, "oFugong_openid_01", frozenset({C.SMS}))
    found = route(PREFERS_WECHAT, None, recipient)

    assert found is not None
    assert (found.channel, found.fallback) == (C.WECHAT, C.VOICE)


def test_falling_back_continues_after_the_current_channel() -> None:
    found = route(PREFERS_WECHAT, C.SMS, Recipient(MOBILE, "oFugong_openid_01"))

    assert found is not None
    assert (found.channel, found.fallback) == (C.SMS, C.VOICE)


def test_nothing_left_that_reaches_the_recipient() -> None:
    recipient = Recipient(LANDLINE, None, frozenset({C.VOICE}))

    assert route(PREFERS_WECHAT, None, recipient) is None
    assert route((C.SMS,), None, Recipient(LANDLINE, None)) is None


def test_a_recipient_who_refused_every_channel_that_reaches_them_is_told_apart() -> None:
    everything = frozenset({C.SMS, C.WECHAT, C.VOICE})
    refused_all = Recipient(MOBILE, "oFugong_openid_01", everything)
    landline_without_voice = Recipient(LANDLINE, None, frozenset({C.VOICE}))
    unreachable = Recipient(LANDLINE, None)  # no refusal: SMS cannot reach a landline

    assert refused_every_channel(PREFERS_WECHAT, None, refused_all)
    assert refused_every_channel((C.SMS, C.VOICE), None, landline_without_voice)
    assert not refused_every_channel((C.SMS,), None, unreachable)
    assert not refused_every_channel(
        PREFERS_WECHAT, None, Recipient(MOBILE, None, frozenset({C.VOICE}))
    )
