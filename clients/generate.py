"""The client enterprise systems call the gateway with, generated from the gateway's OpenAPI
document by openapi-python-client: `make client` writes the document to clients/openapi.json and
the Python package to clients/python/. Both are committed, so an enterprise can take them without
running Fugong; a unit test regenerates them and fails when they are out of date."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from services.gateway.app import create_app
from services.gateway.settings import GatewaySettings

HERE = Path(__file__).parent
DOCUMENT = HERE / "openapi.json"
PYTHON_CLIENT = HERE / "python"
CONFIG = HERE / "openapi-python-client.yaml"


def openapi_document() -> dict[str, Any]:
    """The gateway's document, as its admin port's /openapi.json serves it (nothing is opened to
    make it)."""
    return create_app(GatewaySettings(_env_file=None)).openapi()


def _for_the_generator(document: dict[str, Any]) -> dict[str, Any]:
    """The document with its UUID headers (Idempotency-Key) as plain strings: the generator
    would hand httpx a UUID object as the header's value, which httpx refuses."""
    for path in document["paths"].values():
        for operation in path.values():
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "header":
                    for schema in parameter["schema"].get("anyOf", [parameter["schema"]]):
                        if schema.get("format") == "uuid":
                            del schema["format"]
    return document


def write_document(path: Path) -> None:
    text = json.dumps(openapi_document(), ensure_ascii=False, indent=2)
    path.write_text(text + "\n", encoding="utf-8")


def generate_python_client(document: Path, output: Path) -> None:
    """The package in `output` (replaced), formatted by the generator's ruff hooks."""
    tools = Path(sys.executable).parent  # the venv's generator and ruff, whatever PATH says
    with tempfile.TemporaryDirectory() as scratch:
        adjusted = Path(scratch) / "openapi.json"
        adjusted.write_text(json.dumps(_for_the_generator(json.loads(document.read_text()))))
        _run_generator(tools, adjusted, output)
    shutil.rmtree(output / ".ruff_cache", ignore_errors=True)


def _run_generator(tools: Path, document: Path, output: Path) -> None:
    subprocess.run(  # noqa: S603 - the venv's own generator, on paths of ours
        [
            str(tools / "openapi-python-client"),
            "generate",
            "--path",
            str(document),
            "--output-path",
            str(output),
            "--config",
            str(CONFIG),
            "--overwrite",
        ],
        check=True,
        capture_output=True,
        env={**os.environ, "PATH": f"{tools}{os.pathsep}{os.environ.get('PATH', '')}"},
    )


def main() -> None:
    write_document(DOCUMENT)
    generate_python_client(DOCUMENT, PYTHON_CLIENT)
    print(f"wrote {DOCUMENT.relative_to(Path.cwd())} and {PYTHON_CLIENT.relative_to(Path.cwd())}/")


if __name__ == "__main__":
    main()
