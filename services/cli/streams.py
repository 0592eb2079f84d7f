"""`fugong topics` and `fugong dead-letters` (services.platform.topics and .dead_letters work)."""

from __future__ import annotations

import asyncio
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from services.contracts.topics import SOURCE_TOPICS, TopicSpec, catalogue, topic_name
from services.platform import dead_letters, topics

topics_app = typer.Typer(help="Kafka topics: create the catalogue's, report drift.")
letters_app = typer.Typer(help="Dead letters: list them, replay them after a fix.")

WITH_DEAD_LETTERS = [spec.name for spec in SOURCE_TOPICS if spec.has_dead_letters]


def _source_topic(name: str | None) -> str | None:
    if name is not None and name not in WITH_DEAD_LETTERS:
        raise typer.BadParameter(f"{name!r} is not one of {', '.join(WITH_DEAD_LETTERS)}")
    return name


@topics_app.command()
def create() -> None:
    """Create the catalogue's topics that do not exist yet (idempotent)."""
    raise typer.Exit(topics.main())


@topics_app.command()
def drift() -> None:
    """Show existing topics whose settings differ from the catalogue (exit 1 if any)."""
    settings = topics.TopicSettings()
    lines = asyncio.run(topics.drift(settings.kafka_connection(), prefix=settings.topic_prefix))
    for line in lines:
        Console().print(line)
    Console().print(
        f"{len(lines)} setting(s) differ from the catalogue ({len(catalogue())} topics)"
    )
    raise typer.Exit(1 if lines else 0)


@letters_app.command("list")
def list_letters(
    topic: Annotated[
        str | None,
        typer.Option(
            callback=_source_topic,
            autocompletion=lambda: WITH_DEAD_LETTERS,
            help="Source topic (default: all).",
        ),
    ] = None,
    limit: Annotated[
        int | None, typer.Option(min=1, help="At most N per dead-letter topic.")
    ] = None,
) -> None:
    """List dead letters: where each is, where it came from, why it failed; never its value."""
    settings = topics.TopicSettings()
    table = Table()
    for column in ("dead letter", "source", "failed at"):  # coordinates: copied, never wrapped
        table.add_column(column, no_wrap=True)
    table.add_column("consumer")
    table.add_column("reason")
    total = 0
    for spec in _specs(topic):
        dlq = topic_name(spec.dead_letter_topic, settings.topic_prefix)
        letters = asyncio.run(
            dead_letters.read_dead_letters(settings.kafka_connection(), dlq, limit=limit)
        )
        for letter in letters:
            source = letter.describe().split("\t")[1].removeprefix("source=")
            table.add_row(
                letter.coordinates(), source, letter.failed_at, letter.consumer, letter.reason
            )
        total += len(letters)
    Console().print(table)
    Console().print(f"{total} dead letter(s)")


@letters_app.command()
def replay(
    topic: Annotated[
        str,
        typer.Option(
            callback=_source_topic,
            autocompletion=lambda: WITH_DEAD_LETTERS,
            help="Source topic the letters go back to.",
        ),
    ],
    all_letters: Annotated[
        bool, typer.Option("--all", help="Every dead letter of the topic.")
    ] = False,
    partition: Annotated[
        int | None, typer.Option(min=0, help="Partition in the .dlq topic.")
    ] = None,
    offset: Annotated[int | None, typer.Option(min=0, help="Offset in the .dlq topic.")] = None,
    dry_run: Annotated[bool, typer.Option(help="Show what would go, publish nothing.")] = False,
) -> None:
    """Publish dead letters' original key and value to their source topic again."""
    if all_letters == (partition is not None or offset is not None):
        raise typer.BadParameter("give either --all or both --partition and --offset")
    if not all_letters and (partition is None or offset is None):
        raise typer.BadParameter("--partition and --offset go together")
    settings = topics.TopicSettings()
    kafka, prefix = settings.kafka_connection(), settings.topic_prefix
    (spec,) = _specs(topic)
    dlq, target = topic_name(spec.dead_letter_topic, prefix), topic_name(spec, prefix)
    at = None if partition is None or offset is None else (partition, offset)
    letters = asyncio.run(
        dead_letters.read_dead_letters(kafka, dlq, at=at, limit=None if at is None else 1)
    )
    if at is not None and [letter.offset for letter in letters] != [at[1]]:
        Console(stderr=True).print(f"no dead letter at {dlq}[{at[0]}]@{at[1]}")
        raise typer.Exit(1)
    if dry_run:
        for letter in letters:
            Console().print(f"would replay {letter.coordinates()} -> {target}")
        Console().print(f"dry run: {len(letters)} dead letter(s) would be replayed, none published")
        return
    with Progress(
        TextColumn("replaying"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
    ) as progress:
        task = progress.add_task("replay", total=len(letters))
        placed = asyncio.run(
            dead_letters.replay(kafka, letters, target, on_sent=lambda _: progress.advance(task))
        )
    for letter, (to_partition, to_offset) in zip(letters, placed, strict=True):
        Console().print(f"replayed {letter.coordinates()} -> {target}[{to_partition}]@{to_offset}")
    Console().print(f"{len(letters)} dead letter(s) replayed")


def _specs(topic: str | None) -> list[TopicSpec]:
    return [
        spec
        for spec in SOURCE_TOPICS
        if spec.has_dead_letters and (topic is None or spec.name == topic)
    ]
