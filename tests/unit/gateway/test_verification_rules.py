"""The rules of proving a mobile by SMS code (domain/verification.py): expiry, tries, the keyed
hash, and how often codes may go to one number."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from services.gateway.domain.verification import (
    Outcome,
    Pending,
    Policy,
    check,
    code_hash,
    new_code,
    number_hash,
    wait_before_code,
)

KEY = b"a-secret-of-the-gateway-long-enough"
REGISTRATION = "3b8f2c1d-6e4a-5b7c-8d9e-0f1a2b3c4d5e"
SENT = datetime(2020, 2, 17, 1, 0, tzinfo=UTC)
POLICY = Policy()


def _pending(code: str = "042917", attempts: int = 0) -> Pending:
    return Pending(code_hash(KEY, REGISTRATION, code), SENT + POLICY.code_lifetime, attempts)


def test_codes_are_six_digits_leading_zeros_kept() -> None:
    assert new_code(lambda _: 42) == "000042"
    assert new_code(lambda bound: bound - 1) == "999999"


def test_the_right_code_within_ten_minutes_verifies() -> None:
    verdict = check(_pending(), KEY, REGISTRATION, "042917", SENT + timedelta(minutes=9), POLICY)

    assert verdict.outcome is Outcome.VERIFIED
    assert not verdict.counts


def test_the_right_code_after_ten_minutes_has_expired() -> None:
    at_expiry = SENT + timedelta(minutes=10)

    verdict = check(_pending(), KEY, REGISTRATION, "042917", at_expiry, POLICY)

    assert verdict.outcome is Outcome.EXPIRED
    assert not verdict.counts
    assert verdict.message == "the code has expired; ask for a new one"


def test_a_wrong_code_uses_up_a_try_and_the_last_one_ends_the_registration() -> None:
    now = SENT + timedelta(minutes=1)

    first = check(_pending(attempts=0), KEY, REGISTRATION, "042918", now, POLICY)
    last = check(_pending(attempts=4), KEY, REGISTRATION, "042918", now, POLICY)
    after = check(_pending(attempts=5), KEY, REGISTRATION, "042917", now, POLICY)

    assert (first.outcome, first.attempts_left, first.counts) == (Outcome.WRONG, 4, True)
    assert first.message == "the code is not the one sent; 4 tries left"
    assert (last.outcome, last.attempts_left, last.counts) == (Outcome.EXHAUSTED, 0, True)
    assert (after.outcome, after.counts) == (Outcome.EXHAUSTED, False)  # even the right code


def test_a_code_is_bound_to_its_registration_and_to_the_key() -> None:
    other = "9c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f"

    assert code_hash(KEY, REGISTRATION, "042917") != code_hash(KEY, other, "042917")
    assert code_hash(KEY, REGISTRATION, "042917") != code_hash(
        b"another key", REGISTRATION, "042917"
    )
    verdict = check(_pending(), KEY, other, "042917", SENT, POLICY)
    assert verdict.outcome is Outcome.WRONG


def test_the_number_is_counted_under_a_keyed_hash_that_names_no_digit() -> None:
    hashed = number_hash(KEY, "+8613912345678")

    assert hashed == number_hash(KEY, "+8613912345678")
    assert hashed != number_hash(KEY, "+8613812345670")
    assert b"13912345678" not in hashed


@pytest.mark.parametrize(
    ("sent_minutes_ago", "wait"),
    [
        ((), 0),  # never sent
        ((0.5,), 30),  # a minute between codes
        ((1,), 0),
        ((50, 40, 30, 20, 10), 600),  # five in the hour: the first leaves it in 10 minutes
        ((61, 40, 30, 20, 10), 0),  # the first is older than an hour
    ],
)
def test_codes_to_one_number_are_a_minute_apart_and_five_an_hour(
    sent_minutes_ago: tuple[float, ...], wait: float
) -> None:
    now = SENT + timedelta(hours=2)
    sent = [now - timedelta(minutes=m) for m in sent_minutes_ago]

    assert wait_before_code(sent, now, POLICY) == pytest.approx(wait)


def test_a_recovery_for_a_number_nobody_proved_is_judged_like_any_and_never_verifies() -> None:
    # The route keeps random bytes where a code's hash would be: no code can match them.
    unmatchable = Pending(bytes(range(32)), SENT + POLICY.code_lifetime, 0)
    at = SENT + timedelta(minutes=1)

    codes = (f"{n:06d}" for n in range(0, 1_000_000, 37))
    verdicts = {check(unmatchable, KEY, REGISTRATION, code, at, POLICY).outcome for code in codes}
    first = check(unmatchable, KEY, REGISTRATION, "042917", at, POLICY)
    proved = check(_pending(), KEY, REGISTRATION, "042918", at, POLICY)

    assert verdicts == {Outcome.WRONG}
    assert (first.outcome, first.message, first.counts) == (proved.outcome, proved.message, True)
