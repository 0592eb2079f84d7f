"""Issue and revoke API keys.

    python -m services.gateway.keys issue --enterprise <credit code> --label "HR system"
    python -m services.gateway.keys issue --community-point <town code> --label "潍坊新村街道"
    python -m services.gateway.keys issue --assistant 310115 --staff-id A0012 --label "李敏"
    python -m services.gateway.keys issue --operations --label "Prometheus"
    python -m services.gateway.keys rotate <key> --overlap-hours 24
    python -m services.gateway.keys revoke --id <key id>
    python -m services.gateway.keys revoke <key>

A key is printed once, when issued (its id, to standard error, with it); only its keyed hash is
stored. Revoke by the id: whoever revokes a key need not hold it.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta

from services.contracts.identifiers import (
    validate_credit_code,
    validate_district_code,
    validate_town_code,
)
from services.gateway.adapters.api_keys import DEFAULT_LIFETIME, ApiKeyStore, IssuedKey
from services.gateway.app import SCHEMA
from services.gateway.domain.access import Principal, PrincipalKind
from services.gateway.settings import GatewaySettings
from services.platform.migrations import wait_for_schema
from services.platform.postgres import open_database


def _principal(args: argparse.Namespace) -> Principal:
    if args.enterprise:
        return Principal(
            PrincipalKind.ENTERPRISE, credit_code=validate_credit_code(args.enterprise)
        )
    if args.community_point:
        return Principal(
            PrincipalKind.COMMUNITY_POINT, town_code=validate_town_code(args.community_point)
        )
    if args.assistant or args.officer:
        if not args.staff_id:
            raise ValueError("--assistant and --officer need --staff-id (工号)")
        return Principal(
            PrincipalKind.ASSISTANT if args.assistant else PrincipalKind.OFFICER,
            district_code=validate_district_code(args.assistant or args.officer),
            staff_id=args.staff_id,
        )
    if args.staff_id:
        raise ValueError("--staff-id is for --assistant and --officer keys")
    if args.operations:
        return Principal(PrincipalKind.OPERATIONS)
    if args.district:
        return Principal(
            PrincipalKind.OFFICIAL, district_code=validate_district_code(args.district)
        )
    return Principal(PrincipalKind.OFFICIAL)


@asynccontextmanager
async def _store(settings: GatewaySettings) -> AsyncIterator[ApiKeyStore]:
    pool = await open_database(settings, max_size=1)
    try:
        await wait_for_schema(pool, SCHEMA, "services.gateway", timeout_seconds=0)
        yield ApiKeyStore(pool, settings.api_key_pepper.get_secret_value(), cache_seconds=0)
    finally:
        await pool.close()


async def issue_key(
    settings: GatewaySettings, principal: Principal, label: str, valid_for: timedelta | None = None
) -> str:
    return (await issue_key_with_id(settings, principal, label, valid_for)).key


async def issue_key_with_id(
    settings: GatewaySettings, principal: Principal, label: str, valid_for: timedelta | None = None
) -> IssuedKey:
    async with _store(settings) as store:
        return await store.issue_with_id(principal, label, valid_for or DEFAULT_LIFETIME)


async def rotate_key(settings: GatewaySettings, key: str, overlap: timedelta) -> str | None:
    async with _store(settings) as store:
        return await store.rotate(key, overlap)


async def revoke_key(settings: GatewaySettings, key: str) -> bool:
    async with _store(settings) as store:
        return await store.revoke(key)


async def revoke_key_by_id(settings: GatewaySettings, key_id: uuid.UUID) -> bool:
    async with _store(settings) as store:
        return await store.revoke_by_id(key_id)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m services.gateway.keys")
    commands = parser.add_subparsers(dest="command", required=True)
    issue = commands.add_parser("issue", help="issue a key bound to one principal")
    who = issue.add_mutually_exclusive_group(required=True)
    who.add_argument("--enterprise", metavar="CREDIT_CODE", help="an enterprise's own system")
    who.add_argument("--district", metavar="GB2260", help="an official of one district")
    who.add_argument("--city", action="store_true", help="an official of the city bureau")
    who.add_argument(
        "--community-point", metavar="TOWN_CODE", help="a street or town's monitoring point"
    )
    who.add_argument(
        "--assistant", metavar="GB2260", help="an employment assistant (就业援助员) of a district"
    )
    who.add_argument(
        "--officer", metavar="GB2260", help="an employment service officer (就业服务专员)"
    )
    who.add_argument("--operations", action="store_true", help="operations: metrics only")
    issue.add_argument(
        "--staff-id", metavar="ID", help="the assistant's or officer's staff number (工号)"
    )
    issue.add_argument("--label", required=True, help="who holds the key, for audits")
    issue.add_argument(
        "--valid-days", type=int, default=DEFAULT_LIFETIME.days, help="lifetime (default 365)"
    )
    rotate = commands.add_parser(
        "rotate",
        help="issue a new key for the same principal; the old one expires after the overlap",
    )
    rotate.add_argument("key")
    rotate.add_argument("--overlap-hours", type=float, default=24, help="old key valid this long")
    revoke = commands.add_parser(
        "revoke", help="revoke a key (gateways stop taking it within 30 s)"
    )
    which = revoke.add_mutually_exclusive_group(required=True)
    which.add_argument("key", nargs="?", help="the key itself")
    which.add_argument("--id", type=uuid.UUID, help="the key id shown when it was issued")
    args = parser.parse_args(argv)
    if args.command == "rotate":
        new = asyncio.run(
            rotate_key(GatewaySettings(), args.key, timedelta(hours=args.overlap_hours))
        )
        if new is None:
            print("no such active key", file=sys.stderr)
            return 1
        print(new)
        return 0
    if args.command == "revoke":
        settings = GatewaySettings()
        revoked = revoke_key_by_id(settings, args.id) if args.id else revoke_key(settings, args.key)
        if asyncio.run(revoked):
            print("revoked")
            return 0
        print("no such active key", file=sys.stderr)
        return 1
    try:
        principal = _principal(args)
    except ValueError as exc:
        parser.error(str(exc))
    valid_for = timedelta(days=args.valid_days)
    issued = asyncio.run(issue_key_with_id(GatewaySettings(), principal, args.label, valid_for))
    print(issued.key)
    # Not on standard output, which scripts read the key from.
    print(
        f"key id {issued.key_id} (revoke with: keys revoke --id {issued.key_id})", file=sys.stderr
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
