"""The status machine: every message ends in a final status; `sending` is left only by what the
provider says, so a send whose answer was lost is never resent blindly."""

from __future__ import annotations

import pytest

from services.notify.domain.messages import (
    FINAL,
    SENDABLE,
    TRANSITIONS,
    IllegalTransition,
    MessageStatus,
    move,
    sources_of,
)

S = MessageStatus


def test_the_final_statuses_are_delivered_the_failures_no_channel_yet_cancelled_unsendable() -> (
    None
):
    assert {
        S.DELIVERED,
        S.PERMANENT_FAILURE,
        S.TECHNICAL_FAILURE,
        S.NO_CHANNEL_YET,
        S.CANCELLED,
        S.UNSENDABLE,
    } == FINAL


def test_only_a_message_not_handed_over_becomes_unsendable() -> None:
    assert sources_of(S.UNSENDABLE) == [S.CREATED, S.TEMPORARY_FAILURE]


def test_only_what_was_not_handed_to_the_provider_can_be_cancelled() -> None:
    assert sources_of(S.CANCELLED) == [S.CREATED, S.TEMPORARY_FAILURE]


def test_every_status_can_reach_a_final_one() -> None:
    for start in MessageStatus:
        seen, frontier = {start}, [start]
        while frontier:
            for nxt in TRANSITIONS[frontier.pop()]:
                if nxt not in seen:
                    seen.add(nxt)
                    frontier.append(nxt)
        assert seen & FINAL, f"{start} can never end"


def test_the_happy_path_is_created_sending_sent_delivered() -> None:
    status = S.CREATED
    for nxt in (S.SENDING, S.SENT, S.DELIVERED):
        status = move(status, nxt)
    assert status is S.DELIVERED


def test_a_waiting_message_becomes_sendable_once_its_contact_is_registered() -> None:
    assert move(S.WAITING_FOR_CONTACT, S.CREATED) is S.CREATED


def test_a_temporary_failure_is_retried_by_sending_again_or_ends_as_a_technical_failure() -> None:
    assert move(S.TEMPORARY_FAILURE, S.SENDING) is S.SENDING
    assert move(S.TEMPORARY_FAILURE, S.TECHNICAL_FAILURE) is S.TECHNICAL_FAILURE
    assert {S.CREATED, S.TEMPORARY_FAILURE} == SENDABLE


@pytest.mark.parametrize(
    ("current", "to"),
    [
        (S.SENT, S.SENDING),  # accepted by the provider: never sent again
        (S.DELIVERED, S.SENT),  # a late answer does not undo a receipt
        (S.CREATED, S.SENT),  # nothing is sent without being claimed
        (S.NO_CHANNEL_YET, S.CREATED),
        (S.PERMANENT_FAILURE, S.CREATED),
    ],
)
def test_moves_that_would_resend_or_undo_are_refused(current: S, to: S) -> None:
    with pytest.raises(IllegalTransition, match=f"from {current} to {to}"):
        move(current, to)


def test_a_receipt_settles_a_message_whether_or_not_its_answer_was_recorded() -> None:
    assert sources_of(S.DELIVERED) == ["sending", "sent"]


def test_only_a_claimed_sent_or_waiting_message_can_become_created() -> None:
    # sending -> created: a status query showed the provider never received it, or the channel
    # refused it for good and the next channel takes it; sent -> created: reported undelivered,
    # the next channel takes it.
    assert sources_of(S.CREATED) == ["sending", "sent", "waiting_for_contact"]


def test_the_senders_claim_takes_exactly_the_sendable_statuses() -> None:
    from services.notify.adapters.postgres_outbox import _CLAIM

    assert all(f"'{status}'" in _CLAIM for status in SENDABLE)
    assert _CLAIM.count("'") == 2 * len(SENDABLE)
