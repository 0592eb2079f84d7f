"""The README's example of calling the API from an enterprise system, run as written with the
generated client (clients/python) against the gateway in-process, and the generated client and
document kept up to date with the gateway (`make client`)."""

from __future__ import annotations

import filecmp
import re
import uuid
from pathlib import Path
from typing import Any

import attrs
import pytest

from clients.generate import DOCUMENT, PYTHON_CLIENT, generate_python_client, write_document
from services.contracts.topics import ENTERPRISE_REPORTS
from services.gateway.domain.access import Principal, PrincipalKind
from tests.unit.gateway.conftest import Gateway

README = Path(__file__).parents[3] / "README.md"
SECTION = "## Calling the API from an enterprise system"


def _example() -> str:
    """The Python block of the README's section on enterprise systems."""
    section = README.read_text(encoding="utf-8").split(SECTION, 1)[1].split("\n## ", 1)[0]
    blocks: list[str] = re.findall(r"```python\n(.*?)```", section, flags=re.DOTALL)
    (block,) = blocks
    return block


def _play_monitoring(gateway: Gateway) -> None:
    """What monitoring's view holds once it has recorded the published report (once, however
    often it was published)."""
    (event,) = {event["id"]: event for event in gateway.published(ENTERPRISE_REPORTS)}.values()
    data = event["data"]
    gateway.views.report_rows.append(
        {
            **data,
            "event_id": event["id"],
            "reported_at": event["time"],
            "not_yet_returned": sum(data["not_yet_returned"].values()),
            "return_rate": data["on_duty"] / data["employees_before_holiday"],
            "staffing_gap": data["planned_staffing"] - data["on_duty"],
            "fill_rate": None,
        }
    )


async def test_the_readme_example_submits_a_report_and_reads_it_back(
    gateway: Gateway, monkeypatch: pytest.MonkeyPatch
) -> None:
    example: dict[str, Any] = {}
    exec(compile(_example(), str(README), "exec"), example)  # noqa: S102 - our README's code
    code = example["report"].credit_code
    monkeypatch.setenv("FUGONG_GATEWAY_URL", "http://gateway")
    monkeypatch.setenv("FUGONG_API_KEY", gateway.keys.issue_now(_enterprise(code)))
    gateway.views.registry[code] = "310115"
    client = attrs.evolve(example["gateway"](), httpx_args={"transport": gateway.transport})
    key = uuid.uuid4()

    event_id = await example["submit"](client, example["report"], key)
    again = await example["submit"](client, example["report"], key)
    _play_monitoring(gateway)
    recorded = await example["recorded"](client, code, "2020-W07")

    assert again == event_id
    assert [(r.event_id, r.on_duty, r.week) for r in recorded.reports] == [
        (event_id, 120, "2020-W07")
    ]


async def test_the_readme_example_says_what_was_refused(gateway: Gateway) -> None:
    example: dict[str, Any] = {}
    exec(compile(_example(), str(README), "exec"), example)  # noqa: S102 - our README's code
    another = gateway.keys.issue_now(_enterprise("913101047023581621"))
    client = example["AuthenticatedClient"](
        base_url="http://gateway", token=another, httpx_args={"transport": gateway.transport}
    )

    with pytest.raises(ValueError, match="may only report for enterprise 913101047023581621"):
        await example["submit"](client, example["report"], uuid.uuid4())
    assert not gateway.publisher.anything_published


def _enterprise(code: str) -> Principal:
    return Principal(PrincipalKind.ENTERPRISE, credit_code=code)


def _differences(expected: Path, actual: Path) -> list[str]:
    """Files that differ, or are only on one side, under two directories."""
    compared = filecmp.dircmp(expected, actual, ignore=["__pycache__", ".ruff_cache"])
    found = [*compared.left_only, *compared.right_only, *compared.diff_files]
    for name, sub in compared.subdirs.items():
        found += [f"{name}/{d}" for d in _differences(Path(sub.left), Path(sub.right))]
    return found


def test_the_committed_document_and_client_are_those_the_gateway_generates(
    tmp_path: Path,
) -> None:
    document, client = tmp_path / "openapi.json", tmp_path / "python"

    write_document(document)
    generate_python_client(document, client)

    assert document.read_text(encoding="utf-8") == DOCUMENT.read_text(encoding="utf-8"), (
        "run make client"
    )
    assert _differences(PYTHON_CLIENT, client) == [], "run make client"
