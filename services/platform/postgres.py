"""PostgreSQL connections: one asyncpg pool per service, opened by its composition root."""

from __future__ import annotations

import ssl

import asyncpg
import orjson
from asyncpg.pool import PoolConnectionProxy
from tenacity import AsyncRetrying, retry_if_exception_type, stop_after_delay, wait_exponential

from services.platform.settings import DatabaseSettings, SslMode

Connection = asyncpg.Connection | PoolConnectionProxy
"""A connection, whether opened alone or borrowed from a pool."""


async def _init_connection(conn: asyncpg.Connection) -> None:
    for json_type in ("json", "jsonb"):
        await conn.set_type_codec(
            json_type,
            schema="pg_catalog",
            encoder=lambda v: orjson.dumps(v).decode(),
            decoder=orjson.loads,
        )


Tls = ssl.SSLContext | SslMode | bool | None
"""asyncpg's `ssl`: a context (verified), an sslmode it handles itself, False, or the URL's say."""


def tls_for(settings: DatabaseSettings) -> Tls:
    """The TLS a connection uses: verify-full checks the certificate's chain and host name."""
    mode = settings.database_sslmode
    if mode is None:
        return None  # the URL's sslmode, as asyncpg reads it
    if mode == "disable":
        return False
    if mode in ("allow", "prefer"):
        return mode
    root = settings.database_ssl_root_cert
    context = ssl.create_default_context(cafile=str(root) if root is not None else None)
    if mode == "verify-ca":
        context.check_hostname = False
    elif mode == "require":  # encrypted, not authenticated: libpq's meaning of the word
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    return context


async def open_database(settings: DatabaseSettings, *, max_size: int = 10) -> asyncpg.Pool:
    """The pool of a process configured by settings: its URL, password and TLS."""
    password = settings.database_password
    return await open_pool(
        settings.database_url,
        max_size=max_size,
        user=settings.database_user,
        password=None if password is None else password.get_secret_value(),
        tls=tls_for(settings),
    )


async def open_pool(
    dsn: str,
    *,
    min_size: int = 1,
    max_size: int = 10,
    user: str | None = None,
    password: str | None = None,
    tls: Tls = None,
) -> asyncpg.Pool:
    """Open a pool, retrying for a while: at start-up the database may still be coming up."""
    async for attempt in AsyncRetrying(
        stop=stop_after_delay(60),
        wait=wait_exponential(multiplier=0.2, max=5),
        retry=retry_if_exception_type((OSError, asyncpg.CannotConnectNowError)),
        reraise=True,
    ):
        with attempt:
            pool: asyncpg.Pool = await asyncpg.create_pool(
                dsn,
                min_size=min_size,
                max_size=max_size,
                init=_init_connection,
                user=user,
                password=password,
                ssl=tls,
            )
    return pool


async def database_is_reachable(pool: asyncpg.Pool) -> bool:
    try:
        return bool(await pool.fetchval("SELECT 1", timeout=2.0) == 1)
    except (OSError, asyncpg.PostgresError, TimeoutError):
        return False


class PostgresProbe:
    """Answers 'can this process reach its database now?'."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def reachable(self) -> bool:
        return await database_is_reachable(self._pool)
