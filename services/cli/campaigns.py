"""`fugong campaigns`: an operator sends an enterprise's return-to-work campaign and follows it.

Everything goes through the gateway's API with the enterprise's API key (`FUGONG_API_KEY`), so
the gateway's access rules hold for the command line as for any client: only the enterprise
uploads its roster and requests its campaigns; an official's key follows a campaign of its
district, numbers masked. The roster (JSON, CSV or .xlsx) goes first, then the campaign with an
Idempotency-Key (printed, so a retry after a failure sends nothing twice), then a live progress
bar until no message is waiting or in flight.
"""

from __future__ import annotations

import asyncio
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import httpx
import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from services.cli.settings import CliSettings
from services.contracts.campaigns import CampaignTemplate
from services.contracts.rosters import UploadMode

campaigns_app = typer.Typer(help="Send an enterprise's campaign through the gateway; follow it.")

PENDING = frozenset({"created", "sending", "temporary_failure", "waiting_for_contact"})
"""Statuses of a message still to be sent or in flight; the others are settled for the bar."""
_MEDIA_TYPES = {
    ".json": "application/json",
    ".csv": "text/csv",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class GatewayRefused(RuntimeError):
    """The gateway answered with a problem: its status and detail, shown to the operator."""


@dataclass(frozen=True)
class Tally:
    recipients: int
    by_status: Counter[str]

    @property
    def pending(self) -> int:
        return sum(n for status, n in self.by_status.items() if status in PENDING)

    @property
    def settled(self) -> int:
        return sum(self.by_status.values()) - self.pending

    def line(self) -> str:
        return ", ".join(f"{status} {n}" for status, n in sorted(self.by_status.items()))


def tally(progress: dict[str, Any]) -> Tally:
    """A campaign's answer from `GET /v1/campaigns/{id}`, summed over its channels."""
    by_status: Counter[str] = Counter()
    for channel in progress["channels"]:
        by_status.update(channel["statuses"])
    return Tally(progress["recipients"], by_status)


def parse_values(pairs: list[str]) -> dict[str, str]:
    values: dict[str, str] = {}
    for pair in pairs:
        name, equals, value = pair.partition("=")
        if not equals or not name.strip():
            raise typer.BadParameter(f"{pair!r}: expected name=value", param_hint="--value")
        values[name.strip()] = value
    return values


def parse_send_at(text: str | None) -> str | None:
    if text is None:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter("not an ISO 8601 time", param_hint="--send-at") from None
    if moment.tzinfo is None:
        raise typer.BadParameter("give the offset, e.g. +08:00", param_hint="--send-at")
    return moment.isoformat()


def roster_file(path: Path) -> tuple[bytes, str]:
    """The file's bytes and media type (by its extension)."""
    media_type = _MEDIA_TYPES.get(path.suffix.lower())
    if media_type is None:
        raise typer.BadParameter("a .json, .csv or .xlsx file", param_hint="--roster")
    return path.read_bytes(), media_type


async def upload_roster(
    client: httpx.AsyncClient, content: bytes, media_type: str, mode: UploadMode
) -> dict[str, Any]:
    answer = await client.post(
        "/v1/rosters",
        params={"mode": mode.value},
        content=content,
        headers={"content-type": media_type},
    )
    return _json(answer)


async def request_campaign(
    client: httpx.AsyncClient, body: dict[str, Any], idempotency_key: uuid.UUID
) -> dict[str, Any]:
    answer = await client.post(
        "/v1/campaigns", json=body, headers={"Idempotency-Key": str(idempotency_key)}
    )
    return _json(answer)


async def follow(
    client: httpx.AsyncClient,
    campaign_id: str,
    progress: Progress,
    *,
    interval: float,
    within: float | None = None,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
) -> Tally:
    """Poll the campaign's progress until no message is waiting or in flight; the bar counts
    settled messages (sent, delivered, failed, cancelled, unsendable) out of its recipients."""
    task = progress.add_task("waiting for notify to record the campaign", total=None)
    waited = 0.0
    while True:
        answer = await client.get(f"/v1/campaigns/{campaign_id}", params={"failures": 0})
        if answer.status_code != 404:  # 404: notify has not recorded it yet
            now = tally(_json(answer))
            progress.update(
                task, total=now.recipients, completed=now.settled, description=now.line()
            )
            if now.pending == 0:
                return now
        if within is not None and waited >= within:
            raise TimeoutError(f"campaign {campaign_id} still sending after {within:.0f} s")
        await sleep(interval)
        waited += interval


def progress_bar(console: Console) -> Progress:
    return Progress(
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
        console=console,
    )


def _json(answer: httpx.Response) -> dict[str, Any]:
    if answer.is_error:
        try:
            problem = answer.json()
        except ValueError:
            problem = {"detail": answer.text[:200]}
        detail = problem.get("detail") or problem.get("title") or ""
        fields = ", ".join(p.get("field", "") for p in problem.get("problems", []))
        raise GatewayRefused(f"{answer.status_code} {detail}{f' ({fields})' if fields else ''}")
    result: dict[str, Any] = answer.json()
    return result


def _client(settings: CliSettings) -> httpx.AsyncClient:
    if settings.api_key is None:
        raise typer.BadParameter("set FUGONG_API_KEY to the enterprise's (or an official's) key")
    return httpx.AsyncClient(
        base_url=str(settings.gateway_url),
        headers={"X-API-Key": settings.api_key.get_secret_value()},
        timeout=settings.status_timeout_seconds * 10,
    )


def _run(work: Coroutine[Any, Any, Tally | None]) -> None:
    try:
        final = asyncio.run(work)
    except (GatewayRefused, httpx.HTTPError, TimeoutError) as failed:
        Console(stderr=True).print(f"fugong: {type(failed).__name__}: {failed}")
        raise typer.Exit(1) from None
    if final is not None:
        Console().print(f"settled: {final.line()}")


@campaigns_app.command("send")
def send(
    template: Annotated[CampaignTemplate, typer.Option(help="The campaign's text.")],
    value: Annotated[
        list[str], typer.Option("--value", help="name=value for each placeholder (repeat).")
    ],
    roster: Annotated[
        Path | None,
        typer.Option(exists=True, dir_okay=False, help="Upload this roster first (JSON/CSV/xlsx)."),
    ] = None,
    mode: Annotated[UploadMode, typer.Option(help="The roster replaces or adds to it.")] = (
        UploadMode.REPLACE
    ),
    department: Annotated[list[str] | None, typer.Option(help="Only this department.")] = None,
    site: Annotated[list[str] | None, typer.Option(help="Only this site.")] = None,
    send_at: Annotated[str | None, typer.Option(help="ISO time with offset; default now.")] = None,
    idempotency_key: Annotated[
        uuid.UUID | None, typer.Option(help="Repeat a send that failed: the key it printed.")
    ] = None,
    watch: Annotated[bool, typer.Option(help="Follow it with a progress bar.")] = True,
    interval: Annotated[float, typer.Option(min=0.2, help="Seconds between looks.")] = 2.0,
) -> None:
    """Upload a roster, request a campaign through the gateway and follow it to the end."""
    body = {
        "template": template.value,
        "values": parse_values(value),
        "audience": {"departments": department or [], "sites": site or []},
        "send_at": parse_send_at(send_at),
    }
    key = idempotency_key or uuid.uuid4()
    settings = CliSettings()
    console = Console()
    file = roster_file(roster) if roster is not None else None
    client = _client(settings)

    async def work() -> Tally | None:
        async with client:
            if file is not None:
                upload = await upload_roster(client, *file, mode)
                console.print(
                    f"roster: {upload['members']} members ({upload['landlines']} landlines), "
                    f"{len(upload['merged'])} rows merged, {len(upload['refused'])} refused"
                )
            console.print(f"idempotency key: {key} (give it again to retry this send)")
            accepted = await request_campaign(client, body, key)
            console.print(_preview_table(accepted))
            if not watch:
                return None
            with progress_bar(console) as bar:
                return await follow(client, accepted["campaign_id"], bar, interval=interval)

    _run(work())


@campaigns_app.command("progress")
def progress(
    campaign_id: Annotated[uuid.UUID, typer.Argument(help="The id `send` printed.")],
    interval: Annotated[float, typer.Option(min=0.2, help="Seconds between looks.")] = 2.0,
    within: Annotated[
        float | None, typer.Option(min=1, help="Give up (exit 1) after this many seconds.")
    ] = None,
) -> None:
    """A live progress bar of a campaign until no message is waiting or in flight."""
    client = _client(CliSettings())

    async def work() -> Tally | None:
        async with client:
            with progress_bar(Console()) as bar:
                return await follow(client, str(campaign_id), bar, interval=interval, within=within)

    _run(work())


def _preview_table(accepted: dict[str, Any]) -> Table:
    preview = accepted["preview"]
    table = Table(title=f"campaign {accepted['campaign_id']}: {preview['parts']} SMS parts each")
    for column in ("channel", "recipients", "units", "cost (yuan)"):
        table.add_column(column, justify="left" if column == "channel" else "right")
    for channel, cost in preview.get("by_channel", {}).items():
        table.add_row(channel, str(cost["recipients"]), str(cost["units"]), f"{cost['cost_yuan']}")
    table.add_row("total", str(preview["recipients"]), "", f"{preview['estimated_cost_yuan']}")
    return table
