"""Provider requests: one template with one set of values each, at most the batch size, and a
number at most once per request (so a request and a number name one message)."""

from __future__ import annotations

import itertools

from services.notify.domain.batching import Claimed, plan_requests

W07 = ("2020-W07", "2月17日12:00")
W08 = ("2020-W08", "2月24日12:00")


def _claimed(serial: int, slots: tuple[str, ...] = W07, phone: str | None = None) -> Claimed:
    return Claimed(f"e{serial}", phone or f"+86138{serial:08d}", "weekly_report_reminder", slots)


def test_messages_that_read_the_same_share_requests_of_at_most_the_batch_size() -> None:
    counter = itertools.count(1)
    planned = plan_requests(
        [_claimed(i) for i in range(450)], 200, new_id=lambda: f"a{next(counter)}"
    )

    assert [len(p.messages) for p in planned] == [200, 200, 50]
    assert [p.attempt_id for p in planned] == ["a1", "a2", "a3"]


def test_different_values_go_in_different_requests() -> None:
    planned = plan_requests([_claimed(1), _claimed(2, W08), _claimed(3)], 200)

    assert sorted((p.slots, len(p.messages)) for p in planned) == [(W07, 2), (W08, 1)]


def test_a_number_twice_with_the_same_text_goes_in_two_requests() -> None:
    same = "+8613800000001"
    planned = plan_requests([_claimed(1, phone=same), _claimed(2, phone=same)], 200)

    assert [p.addresses for p in planned] == [(same,), (same,)]
    assert len({p.attempt_id for p in planned}) == 2
