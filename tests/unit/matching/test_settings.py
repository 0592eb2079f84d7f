"""Matching's settings: the recommendation notices' interval is named like the other outboxes'
(`FUGONG_RECOMMENDATION_NOTICE_INTERVAL_SECONDS`); its old name is still read, with a warning."""

from __future__ import annotations

import warnings

import pytest

from services.matching.settings import MatchingSettings

NEW = "FUGONG_RECOMMENDATION_NOTICE_INTERVAL_SECONDS"
OLD = "FUGONG_NOTICE_PUBLISH_INTERVAL_SECONDS"


@pytest.fixture(autouse=True)
def _neither_name_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(NEW, raising=False)
    monkeypatch.delenv(OLD, raising=False)


def test_the_new_name_sets_the_interval_without_a_warning(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(NEW, "0.25")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        settings = MatchingSettings()
    assert settings.recommendation_notice_interval_seconds == 0.25


def test_the_old_name_still_sets_the_interval_and_warns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(OLD, "0.4")
    with pytest.warns(FutureWarning, match=f"{OLD} is deprecated: set {NEW} instead"):
        settings = MatchingSettings()
    assert settings.recommendation_notice_interval_seconds == 0.4


def test_where_both_names_are_set_the_new_one_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(NEW, "2")
    monkeypatch.setenv(OLD, "0.4")
    with pytest.warns(FutureWarning, match="it is set, and wins"):
        settings = MatchingSettings()
    assert settings.recommendation_notice_interval_seconds == 2


def test_the_old_name_is_held_to_the_same_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(OLD, "600")
    with pytest.warns(FutureWarning), pytest.raises(ValueError, match="less than or equal to 60"):
        MatchingSettings()


def test_unset_the_interval_is_a_second() -> None:
    assert MatchingSettings().recommendation_notice_interval_seconds == 1
