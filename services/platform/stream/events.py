"""From Kafka records to what a service records: a route per event type, decided by a table.

Each topic a service consumes carries the event types the catalogue lists for it. A route says,
for one event type, which payload model validates its data and how a valid event becomes the
record the service's store takes. Anything else is unusable and goes to dead letters, with a
reason that names fields and rules but never input values (they may be personal data).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import orjson
from pydantic import BaseModel, ValidationError

from services.contracts.envelope import CloudEvent, parse_event

R = TypeVar("R")
R_co = TypeVar("R_co", covariant=True)
P = TypeVar("P", bound=BaseModel)


@dataclass(frozen=True)
class IncomingRecord:
    topic: str
    partition: int
    offset: int
    key: bytes | None
    value: bytes


class UnusableRecord(ValueError):
    """The record can never be used as it is: it goes to dead letters with this reason."""


@dataclass(frozen=True)
class Route(Generic[P, R_co]):
    """Events of `event_type` carry a `payload`; `record` turns a valid one into a store record."""

    event_type: str
    payload: type[P]
    record: Callable[[CloudEvent[P]], R_co]
    subject_field: str | None = None
    """The payload field that must equal the event's subject (its Kafka key), if any."""

    def decode(self, raw: bytes) -> R_co:
        event = _parse(raw, self.payload)
        if event.type != self.event_type:
            raise UnusableRecord(
                f"unexpected event type {event.type!r}, expected {self.event_type!r}"
            )
        if self.subject_field and getattr(event.data, self.subject_field) != event.subject:
            raise UnusableRecord(f"event subject differs from {self.subject_field} in its data")
        try:
            return self.record(event)
        except (ValueError, TypeError, KeyError) as exc:
            raise UnusableRecord(f"event not recordable: {type(exc).__name__}") from exc


class Routes(Generic[R]):
    """The routes of each consumed topic (names with their prefix), dispatched by event type."""

    def __init__(self, by_topic: Mapping[str, Iterable[Route[Any, R]]]) -> None:
        self._by_topic = {
            topic: {route.event_type: route for route in routes}
            for topic, routes in by_topic.items()
        }

    @property
    def topics(self) -> list[str]:
        return sorted(self._by_topic)

    def decode(self, incoming: IncomingRecord) -> R:
        routes = self._by_topic.get(incoming.topic)
        if routes is None:
            raise UnusableRecord(f"topic {incoming.topic} is not consumed here")
        if len(routes) == 1:
            (route,) = routes.values()  # the common case: one event type per topic
            return route.decode(incoming.value)
        event_type = _event_type(incoming.value)
        chosen = routes.get(event_type)
        if chosen is None:
            raise UnusableRecord(
                f"unexpected event type {event_type!r} on {incoming.topic}, "
                f"expected one of {sorted(routes)}"
            )
        return chosen.decode(incoming.value)


def _parse(raw: bytes, payload: type[P]) -> CloudEvent[P]:
    try:
        return parse_event(raw, payload)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or 'event'}: {err['msg']}"
            for err in exc.errors(include_input=False)
        )
        raise UnusableRecord(f"invalid event: {problems}") from exc
    except ValueError as exc:
        raise UnusableRecord(f"not a JSON CloudEvent: {type(exc).__name__}") from exc


def _event_type(raw: bytes) -> str:
    try:
        document = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise UnusableRecord("not a JSON CloudEvent: MalformedEvent") from exc
    event_type = document.get("type") if isinstance(document, dict) else None
    if not isinstance(event_type, str):
        raise UnusableRecord("invalid event: type: Field required")
    return event_type[:200]
