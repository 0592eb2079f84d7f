"""Read the reference tables shipped in `services/contracts/reference/`."""

import csv
import io
from importlib import resources


def read_reference_csv(filename: str) -> list[dict[str, str]]:
    """Rows of a packaged reference CSV, keyed by its header."""
    text = (
        resources.files("services.contracts")
        .joinpath("reference")
        .joinpath(filename)
        .read_text(encoding="utf-8")
    )
    return list(csv.DictReader(io.StringIO(text)))
