"""An in-memory fake of the console's sessions, over the in-memory keys."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from services.gateway.adapters.memory import InMemoryKeys
from services.gateway.console.sessions import (
    ConsoleSession,
    SessionTimes,
    new_csrf_token,
    new_session_id,
    session_hash,
)


@dataclass
class _Held:
    api_key: str
    csrf_token: str
    expires_at: datetime
    ends_at: datetime


@dataclass
class InMemoryConsoleSessions:
    keys: InMemoryKeys
    held: dict[str, _Held] = field(default_factory=dict)
    """session hash -> the session"""

    async def open(self, api_key: str, times: SessionTimes) -> str:
        session_id, now = new_session_id(), datetime.now(UTC)
        self.held[session_hash(session_id)] = _Held(
            api_key, new_csrf_token(), now + times.idle, now + times.longest
        )
        return session_id

    async def session(self, session_id: str, times: SessionTimes) -> ConsoleSession | None:
        held, now = self.held.get(session_hash(session_id)), datetime.now(UTC)
        if held is None or min(held.expires_at, held.ends_at) <= now:
            return None
        principal = await self.keys.principal_for(held.api_key)
        if principal is None:
            return None
        held.expires_at = min(now + times.idle, held.ends_at)
        return ConsoleSession(principal, held.csrf_token)

    async def close(self, session_id: str) -> None:
        self.held.pop(session_hash(session_id), None)
