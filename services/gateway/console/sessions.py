"""Console sessions: an official signs in with their API key once; the browser then holds only a
random session id (in an HttpOnly cookie), never the key."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Protocol

from services.gateway.domain.access import Principal


@dataclass(frozen=True)
class ConsoleSession:
    principal: Principal
    csrf_token: str
    """Sent back in every form the console posts (synchroniser token)."""


@dataclass(frozen=True)
class SessionTimes:
    idle: timedelta
    """A session nobody used for this long has ended."""
    longest: timedelta
    """Every session ends this long after sign-in, however busy."""


class ConsoleSessions(Protocol):
    async def open(self, api_key: str, times: SessionTimes) -> str:
        """A new session for a valid key (checked by the caller); returns the session id."""
        ...

    async def session(self, session_id: str, times: SessionTimes) -> ConsoleSession | None:
        """The live session (its idle time restarted), or None: unknown, ended, or its key was
        revoked or has expired."""
        ...

    async def close(self, session_id: str) -> None:
        """End the session (signing out); nothing happens for an unknown one."""
        ...


def new_session_id() -> str:
    return secrets.token_urlsafe(32)


def new_csrf_token() -> str:
    return secrets.token_urlsafe(32)


def session_hash(session_id: str) -> str:
    """What is stored of a session id: a leaked table does not give anyone a session."""
    return hashlib.sha256(session_id.encode()).hexdigest()


FORMS = uuid.UUID("b8a4f0d2-5c1e-4f6a-9d3b-7e2c1a0f9b84")


def form_request_id(session: ConsoleSession, *about: str) -> str:
    """A form's request id (its Idempotency-Key), the same for the same form in one session: a
    double submit is one request, and a page renders the same until its figures change, so a
    refresh leaves a form being filled in alone."""
    return str(uuid.uuid5(FORMS, "/".join((session.csrf_token, *about))))
