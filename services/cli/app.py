"""The `fugong` command: `fugong --help` lists what operators do; each command explains itself.

Shell completion: `fugong --install-completion` (bash, zsh, fish, PowerShell).
"""

from __future__ import annotations

import asyncio
import runpy
import sys
from pathlib import Path
from typing import Annotated

import asyncpg
import typer
from aiokafka.errors import KafkaError
from pydantic import ValidationError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from services.cli import keys, streams
from services.cli.campaigns import campaigns_app
from services.cli.status import lag_table, readiness_table
from services.platform import migrate as migration_step

app = typer.Typer(
    name="fugong",
    help="Operate Fugong: keys, topics, dead letters, campaigns, rebuild, status, demo, "
    "migrations.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.add_typer(keys.app, name="keys")
app.add_typer(streams.topics_app, name="topics", no_args_is_help=True)
app.add_typer(streams.letters_app, name="dead-letters", no_args_is_help=True)
app.add_typer(campaigns_app, name="campaigns", no_args_is_help=True)

DEMO = Path(__file__).resolve().parents[2] / "deploy" / "local" / "demo.py"


@app.command()
def status() -> None:
    """Every service's readiness (/readyz) and each stream consumer's lag (exit 1: not ready)."""
    readiness, all_ready = readiness_table()
    Console().print(readiness)
    Console().print(asyncio.run(lag_table()))
    raise typer.Exit(0 if all_ready else 1)


@app.command()
def rebuild(
    lock_timeout: Annotated[
        float, typer.Option(min=1, help="Seconds to wait for the live tables at the switch.")
    ] = 30,
    role_prefix: Annotated[
        str, typer.Option(help="As the migration step's (roles are <prefix><service>).")
    ] = "",
) -> None:
    """Rebuild monitoring's figures from its topics and switch over (as the migration role)."""
    from services.cli.rebuilding import rebuild_with_progress

    progress = Progress(
        TextColumn("rebuilding"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
    )
    done = asyncio.run(rebuild_with_progress(progress, lock_timeout, role_prefix))
    Console().print(
        f"rebuilt from {done.records} records ({done.new_events} events) "
        f"in {done.seconds:.1f} s and switched over"
    )


@app.command()
def migrate(
    services: Annotated[
        list[str] | None, typer.Argument(help="Services to migrate (default: all).")
    ] = None,
    role_prefix: Annotated[str, typer.Option(help="Roles are <prefix><service>.")] = "",
) -> None:
    """Apply every service's migrations and grants, as the privileged role."""
    argv = [*(services or []), *(["--role-prefix", role_prefix] if role_prefix else [])]
    raise typer.Exit(migration_step.main(argv))


@app.command()
def demo() -> None:
    """Load the demo city (enterprises, weekly reports, keys) into the running stack."""
    if not DEMO.is_file():
        Console(stderr=True).print(
            f"the demo loader ships with the repository ({DEMO}), not in this install"
        )
        raise typer.Exit(1)
    # The loader is a script beside the local stack's; it exits with its own status.
    runpy.run_path(str(DEMO), run_name="__main__")


def main() -> None:
    """The console script: failures of what a command talks to are one line, not a traceback."""
    try:
        app(prog_name="fugong")
    except (KafkaError, OSError, TimeoutError, asyncpg.PostgresError) as exc:
        Console(stderr=True).print(f"fugong: {type(exc).__name__}: {str(exc) or 'no answer'}")
        sys.exit(1)
    except ValidationError as exc:
        Console(stderr=True).print(f"fugong: settings: {exc}")
        sys.exit(2)
