"""Issue and revoke API keys.

    python -m services.gateway.keys issue --enterprise <credit code> --label "HR system"
    python -m services.gateway.keys issue --community-point <town code> --label "潍坊新村街道"
    python -m services.gateway.keys revoke <key>

A key is printed once, when issued; only its keyed hash is stored.
"""

from __future__ import annotations

import argparse
import asyncio
import sys

from services.contracts.identifiers import (
    validate_credit_code,
    validate_district_code,
    validate_town_code,
)
from services.gateway.adapters.api_keys import ApiKeyStore
from services.gateway.app import SCHEMA
from services.gateway.domain.access import Principal, PrincipalKind
from services.gateway.settings import GatewaySettings
from services.platform.migrations import migrate
from services.platform.postgres import open_pool


def _principal(args: argparse.Namespace) -> Principal:
    if args.enterprise:
        return Principal(
            PrincipalKind.ENTERPRISE, credit_code=validate_credit_code(args.enterprise)
        )
    if args.community_point:
        return Principal(
            PrincipalKind.COMMUNITY_POINT, town_code=validate_town_code(args.community_point)
        )
    if args.district:
        return Principal(
            PrincipalKind.OFFICIAL, district_code=validate_district_code(args.district)
        )
    return Principal(PrincipalKind.OFFICIAL)


async def issue_key(settings: GatewaySettings, principal: Principal, label: str) -> str:
    pool = await open_pool(settings.database_url, max_size=1)
    try:
        await migrate(pool, SCHEMA, "services.gateway")
        store = ApiKeyStore(pool, settings.api_key_pepper.get_secret_value())
        return await store.issue(principal, label)
    finally:
        await pool.close()


async def revoke_key(settings: GatewaySettings, key: str) -> bool:
    pool = await open_pool(settings.database_url, max_size=1)
    try:
        await migrate(pool, SCHEMA, "services.gateway")
        return await ApiKeyStore(pool, settings.api_key_pepper.get_secret_value()).revoke(key)
    finally:
        await pool.close()


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
    issue.add_argument("--label", required=True, help="who holds the key, for audits")
    revoke = commands.add_parser(
        "revoke", help="revoke a key (gateways stop taking it within 30 s)"
    )
    revoke.add_argument("key")
    args = parser.parse_args(argv)
    if args.command == "revoke":
        if asyncio.run(revoke_key(GatewaySettings(), args.key)):
            print("revoked")
            return 0
        print("no such active key", file=sys.stderr)
        return 1
    try:
        principal = _principal(args)
    except ValueError as exc:
        parser.error(str(exc))
    key = asyncio.run(issue_key(GatewaySettings(), principal, args.label))
    print(key)
    return 0


if __name__ == "__main__":
    sys.exit(main())
