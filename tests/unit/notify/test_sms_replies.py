"""Which SMS replies are an unsubscribe (回复TD退订), whatever the phone's keyboard made of them."""

from __future__ import annotations

import pytest

from services.notify.domain.replies import is_unsubscribe


@pytest.mark.parametrize(
    "reply", ["TD", "td", " Td ", "ＴＤ", "退订", "T", "n", "TD退订", "退订。"]
)
def test_the_usual_ways_of_saying_stop_unsubscribe(reply: str) -> None:
    assert is_unsubscribe(reply)


@pytest.mark.parametrize("reply", ["好的，收到", "TDD", "不要退订", "2月17日到岗", ""])
def test_other_replies_change_nothing(reply: str) -> None:
    assert not is_unsubscribe(reply)
