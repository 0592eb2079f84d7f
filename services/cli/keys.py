"""`fugong keys`: issue, list, rotate and revoke API keys (services.gateway.keys does the work)."""

from __future__ import annotations

import asyncio
import uuid
from datetime import datetime, timedelta
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from services.gateway import keys
from services.gateway.settings import GatewaySettings

app = typer.Typer(help="API keys: issue, list, rotate, revoke.", no_args_is_help=True)


@app.command()
def issue(
    label: Annotated[str, typer.Option(help="Who holds the key, for audits.")],
    enterprise: Annotated[
        str | None, typer.Option(metavar="CREDIT_CODE", help="An enterprise's own system.")
    ] = None,
    district: Annotated[
        str | None, typer.Option(metavar="GB2260", help="An official of one district.")
    ] = None,
    city: Annotated[bool, typer.Option(help="An official of the city bureau.")] = False,
    community_point: Annotated[
        str | None, typer.Option(metavar="TOWN_CODE", help="A street or town's monitoring point.")
    ] = None,
    assistant: Annotated[
        str | None, typer.Option(metavar="GB2260", help="An employment assistant of a district.")
    ] = None,
    officer: Annotated[
        str | None, typer.Option(metavar="GB2260", help="An employment service officer.")
    ] = None,
    operations: Annotated[bool, typer.Option(help="Operations: metrics only.")] = False,
    staff_id: Annotated[
        str | None, typer.Option(metavar="ID", help="The assistant's or officer's staff number.")
    ] = None,
    valid_days: Annotated[int, typer.Option(min=1, help="Lifetime in days.")] = 365,
) -> None:
    """Issue a key bound to one principal; the key is printed once, on standard output."""
    try:
        principal = keys.principal_of(
            enterprise=enterprise,
            district=district,
            city=city,
            community_point=community_point,
            assistant=assistant,
            officer=officer,
            operations=operations,
            staff_id=staff_id,
        )
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from exc
    issued = asyncio.run(
        keys.issue_key_with_id(GatewaySettings(), principal, label, timedelta(days=valid_days))
    )
    print(issued.key)
    Console(stderr=True).print(
        f"key id {issued.key_id} (revoke with: fugong keys revoke --id {issued.key_id})"
    )


@app.command("list")
def list_keys(
    all_keys: Annotated[bool, typer.Option("--all", help="Revoked and expired keys too.")] = False,
) -> None:
    """List keys: id, principal, label and dates; never a key itself."""
    listed = asyncio.run(keys.list_keys(GatewaySettings(), include_inactive=all_keys))
    table = Table("kind", "scope", "label", "created", "expires", "revoked", "last used")
    table.add_column("key id", no_wrap=True)
    for key in listed:
        table.add_row(
            key.kind,
            key.scope,
            key.label,
            _day(key.created_at),
            _day(key.expires_at),
            _day(key.revoked_at),
            _day(key.last_used_at),
            str(key.key_id),
        )
    Console().print(table)
    Console().print(f"{len(listed)} key(s)")


@app.command()
def rotate(
    key: Annotated[str, typer.Argument(help="The key to replace.")],
    overlap_hours: Annotated[
        float, typer.Option(min=0, help="How long the old key stays valid.")
    ] = 24,
) -> None:
    """Issue a new key for the same principal; the old one expires after the overlap."""
    new = asyncio.run(keys.rotate_key(GatewaySettings(), key, timedelta(hours=overlap_hours)))
    if new is None:
        Console(stderr=True).print("no such active key")
        raise typer.Exit(1)
    print(new)


@app.command()
def revoke(
    key: Annotated[str | None, typer.Argument(help="The key itself.")] = None,
    key_id: Annotated[
        uuid.UUID | None, typer.Option("--id", help="The key id shown when it was issued.")
    ] = None,
) -> None:
    """Revoke a key by its id (or the key itself); gateways stop taking it within 30 s."""
    if (key is None) == (key_id is None):
        raise typer.BadParameter("give either the key or --id, not both")
    settings = GatewaySettings()
    revoked = (
        keys.revoke_key_by_id(settings, key_id)
        if key_id is not None
        else keys.revoke_key(settings, key or "")
    )
    if not asyncio.run(revoked):
        Console(stderr=True).print("no such active key")
        raise typer.Exit(1)
    Console().print("revoked")


def _day(moment: datetime | None) -> str:
    return "-" if moment is None else moment.strftime("%Y-%m-%d %H:%M")
