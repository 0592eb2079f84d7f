"""`fugong`: each command explains itself in a line; bad arguments are refused before any IO."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from services.cli.app import app

runner = CliRunner()

COMMANDS = {
    (): {"status", "rebuild", "migrate", "demo", "keys", "topics", "dead-letters", "campaigns"},
    ("campaigns",): {"send", "progress"},
    ("keys",): {"issue", "list", "rotate", "revoke"},
    ("topics",): {"create", "drift"},
    ("dead-letters",): {"list", "replay"},
}


def listed_commands(help_text: str) -> dict[str, str]:
    """Command name → its one-line help, from the Commands panel of a --help."""
    panel = help_text.split("Commands", 1)[1]
    rows = re.findall(r"^│ ([a-z-]+)\s+(\S.*?)\s*│$", panel, re.MULTILINE)
    return dict(rows)


@pytest.mark.parametrize("group", list(COMMANDS), ids=lambda g: " ".join(g) or "fugong")
def test_every_command_is_listed_with_a_line_of_help(group: tuple[str, ...]) -> None:
    result = runner.invoke(app, [*group, "--help"], terminal_width=200)

    assert result.exit_code == 0, result.output
    listed = listed_commands(result.output)
    assert set(listed) == COMMANDS[group]
    assert all(len(line) > 15 for line in listed.values()), listed


def test_a_group_without_a_command_shows_its_help() -> None:
    result = runner.invoke(app, ["dead-letters"], terminal_width=200)

    assert "list" in result.output
    assert "replay" in result.output


def test_shell_completion_is_offered() -> None:
    result = runner.invoke(app, ["--help"], terminal_width=200)

    assert "--install-completion" in result.output
    assert "--show-completion" in result.output


@pytest.mark.parametrize(
    ("argv", "complaint"),
    [
        (["keys", "issue", "--label", "HR", "--city", "--district", "310115"], "exactly one"),
        (["keys", "issue", "--label", "HR"], "exactly one"),
        (["keys", "issue", "--label", "HR", "--district", "999999"], "district"),
        (["keys", "issue", "--label", "x", "--assistant", "310115"], "--staff-id"),
        (["keys", "issue", "--city"], "--label"),
        (["keys", "revoke"], "either the key or --id"),
        (["keys", "revoke", "--id", "not-a-uuid"], "--id"),
        (["keys", "rotate", "k", "--overlap-hours", "-1"], "--overlap-hours"),
        (["dead-letters", "replay", "--topic", "nonsense", "--all"], "--topic"),
        (["dead-letters", "replay", "--topic", "monitoring.enterprise-reports"], "--all"),
        (
            ["dead-letters", "replay", "--topic", "monitoring.enterprise-reports", "--offset", "3"],
            "go together",
        ),
        (["dead-letters", "list", "--limit", "0"], "--limit"),
        (["rebuild", "--lock-timeout", "0"], "--lock-timeout"),
        (["campaigns", "send", "--template", "return_to_work", "--value", "site"], "--value"),
        (
            [
                "campaigns",
                "send",
                "--template",
                "return_to_work",
                "--value",
                "site=二号车间",
                "--send-at",
                "2020-02-15T09:00",
            ],
            "--send-at",
        ),
        (["campaigns", "send", "--template", "hello", "--value", "a=b"], "--template"),
        (["campaigns", "progress", "not-a-campaign"], "not a valid UUID"),
    ],
)
def test_bad_arguments_are_refused_naming_what_is_wrong(argv: list[str], complaint: str) -> None:
    result = runner.invoke(app, argv, terminal_width=200)

    assert result.exit_code == 2, result.output
    assert complaint in result.output


def test_the_demo_loader_is_the_repositorys() -> None:
    from services.cli.app import DEMO

    assert DEMO.is_file()
    assert "def main()" in DEMO.read_text(encoding="utf-8")
