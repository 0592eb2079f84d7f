"""Which message a pushed outcome with an unknown serial number is about (its send's answer was
lost): the one send to its recipient whose outcome is unknown, and only when there is exactly
one — never a guess between two, never one whose answer may still come."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from services.notify.domain.pushed_outcomes import Unconfirmed, unconfirmed_match

PUSHED_AT = datetime(2020, 2, 10, 9, 10, tzinfo=UTC)
WINDOW = timedelta(minutes=10)


def _sent(event_id: str, minutes_before: float) -> Unconfirmed:
    return Unconfirmed(event_id, "sent", PUSHED_AT - timedelta(minutes=minutes_before))


def _sending(event_id: str, minutes_before: float) -> Unconfirmed:
    return Unconfirmed(event_id, "sending", PUSHED_AT - timedelta(minutes=minutes_before))


def test_the_one_send_whose_answer_was_lost_takes_the_push() -> None:
    assert unconfirmed_match(PUSHED_AT, [_sent("reminder:91310000", 2)], WINDOW) == (
        "reminder:91310000"
    )


def test_no_unconfirmed_send_to_the_recipient_leaves_the_push_waiting() -> None:
    assert unconfirmed_match(PUSHED_AT, [], WINDOW) is None


def test_two_unconfirmed_sends_to_one_recipient_are_never_guessed_between() -> None:
    candidates = [_sent("campaign:返岗-1", 3), _sent("campaign:返岗-2", 1)]
    assert unconfirmed_match(PUSHED_AT, candidates, WINDOW) is None


def test_a_send_whose_answer_may_still_come_makes_the_push_wait() -> None:
    # Its push may be this one: its answer (and serial number) is not in yet.
    assert unconfirmed_match(PUSHED_AT, [_sending("notice-2", 0.01)], WINDOW) is None
    candidates = [_sent("notice-1", 4), _sending("notice-2", 0.01)]
    assert unconfirmed_match(PUSHED_AT, candidates, WINDOW) is None


def test_only_sends_that_left_within_the_window_before_the_push_count() -> None:
    too_old = _sent("notice-old", 11)
    after_the_push = Unconfirmed("notice-later", "sent", PUSHED_AT + timedelta(seconds=5))
    assert unconfirmed_match(PUSHED_AT, [too_old], WINDOW) is None
    assert unconfirmed_match(PUSHED_AT, [after_the_push], WINDOW) is None
    # Those outside the window do not make a send inside it ambiguous.
    chosen = unconfirmed_match(PUSHED_AT, [too_old, _sent("notice", 1), after_the_push], WINDOW)
    assert chosen == "notice"


def test_the_window_includes_its_edges() -> None:
    assert unconfirmed_match(PUSHED_AT, [_sent("edge", 10)], WINDOW) == "edge"
    assert unconfirmed_match(PUSHED_AT, [_sent("now", 0)], WINDOW) == "now"
