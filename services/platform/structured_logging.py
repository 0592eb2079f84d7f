"""Structured logs: one JSON object per line, ids in fields, never personal data."""

from __future__ import annotations

import logging
import logging.config
import sys
from typing import Any

import structlog

_SHARED: list[structlog.typing.Processor] = [
    structlog.contextvars.merge_contextvars,
    structlog.processors.add_log_level,
    structlog.processors.TimeStamper(fmt="iso", utc=True),
]


def _renderer(fmt: str) -> structlog.typing.Processor:
    if fmt == "json":
        return structlog.processors.JSONRenderer()
    return structlog.dev.ConsoleRenderer(colors=False)


def _service_field(service: str) -> structlog.typing.Processor:
    def add_service(
        logger: Any, method: str, event: structlog.typing.EventDict
    ) -> structlog.typing.EventDict:
        event.setdefault("service", service)
        return event

    return add_service


def library_logging_config(service: str, level: str = "INFO", fmt: str = "json") -> dict[str, Any]:
    """dictConfig for the standard library's loggers (aiokafka, uvicorn, faust): same lines as ours.

    Libraries log at WARNING and above unless we are debugging, so their lines do not drown ours.
    """
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "structured": {
                "()": structlog.stdlib.ProcessorFormatter,
                "processors": [
                    structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                    _renderer(fmt),
                ],
                "foreign_pre_chain": [*_SHARED, _service_field(service)],
            }
        },
        "handlers": {
            "stdout": {
                "class": "logging.StreamHandler",
                "formatter": "structured",
                "stream": "ext://services.platform.structured_logging.STDOUT",
            }
        },
        "root": {"handlers": ["stdout"], "level": "DEBUG" if level == "DEBUG" else "WARNING"},
    }


class _CurrentStdout:
    """Whatever `sys.stdout` is when a line is written, not when logging was configured: a
    command run inside a test runner that swaps stdout and closes it afterwards must not leave
    every later log line writing to a closed file."""

    def write(self, text: str) -> int:
        return sys.stdout.write(text)

    def flush(self) -> None:
        sys.stdout.flush()


STDOUT = _CurrentStdout()


def configure_logging(service: str, level: str = "INFO", fmt: str = "json") -> None:
    structlog.configure(
        processors=[
            *_SHARED,
            _service_field(service),
            structlog.processors.format_exc_info,
            _renderer(fmt),
        ],
        wrapper_class=structlog.make_filtering_bound_logger(logging.getLevelName(level)),
        logger_factory=structlog.PrintLoggerFactory(STDOUT),  # type: ignore[arg-type]
        cache_logger_on_first_use=True,
    )
    logging.config.dictConfig(library_logging_config(service, level, fmt))
