"""What the gateway benchmarks share: the batch route, the districts and industries reports are
spread over, the gateway's settings for a run, and ISO weeks to report on."""

from __future__ import annotations

import argparse

BATCH = "/v1/submissions/batch"
DISTRICTS = (
    "310101", "310104", "310105", "310106", "310107", "310109", "310110", "310112",
    "310113", "310114", "310115", "310116", "310117", "310118", "310120", "310151",
)  # fmt: skip
DIVISIONS = ("13", "52", "61", "84")  # sections C, F, H, Q


def gateway_env(args: argparse.Namespace) -> dict[str, str]:
    # The rate limit is a counter per caller, not a cost: lifted so that one bench key and its
    # poller are not told to slow down.
    return {
        "FUGONG_HTTP_WORKERS": str(args.workers),
        "FUGONG_LOG_LEVEL": "WARNING",
        "FUGONG_RATE_LIMIT_PER_SECOND": "100000",
        "FUGONG_RATE_LIMIT_BURST": "100000",
    }


def iso_weeks(count: int, year: int = 2021) -> list[str]:
    return [f"{year}-W{week:02d}" for week in range(1, count + 1)]
