"""The service-status register in the gateway's schema: halls, current statuses, history."""

from __future__ import annotations

import asyncpg

from services.gateway.domain.service_halls import (
    Hall,
    PublicService,
    ServiceState,
    ServiceStatus,
)

_STATUS_COLUMNS = (
    "c.hall_code, c.service, c.state, c.changed_by, c.changed_at, c.resumes_on, c.online_url, "
    "c.note"
)


class PostgresServiceRegister:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def save_hall(self, hall: Hall, by: str) -> None:
        await self._pool.execute(
            "INSERT INTO gateway.service_halls (hall_code, district_code, name, address, "
            "opens_at, closes_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7) "
            "ON CONFLICT (hall_code) DO UPDATE SET name = excluded.name, "
            "address = excluded.address, opens_at = excluded.opens_at, "
            "closes_at = excluded.closes_at, updated_by = excluded.updated_by, updated_at = now()",
            hall.code,
            hall.district_code,
            hall.name,
            hall.address,
            hall.opens_at,
            hall.closes_at,
            by,
            timeout=5,
        )

    async def hall(self, code: str) -> Hall | None:
        row = await self._pool.fetchrow(
            "SELECT hall_code, name, address, opens_at, closes_at FROM gateway.service_halls "
            "WHERE hall_code = $1",
            code,
            timeout=5,
        )
        return None if row is None else Hall(*row)

    async def halls(self, district_code: str | None) -> list[Hall]:
        rows = await self._pool.fetch(
            "SELECT hall_code, name, address, opens_at, closes_at FROM gateway.service_halls "
            "WHERE $1::text IS NULL OR district_code = $1 ORDER BY hall_code",
            district_code,
            timeout=5,
        )
        return [Hall(*row) for row in rows]

    async def set_status(self, status: ServiceStatus) -> None:
        """The change and the pointer to it in one transaction: history and present agree."""
        async with self._pool.acquire() as conn, conn.transaction():
            change_id = await conn.fetchval(
                "INSERT INTO gateway.service_status_changes (hall_code, service, state, "
                "resumes_on, online_url, note, changed_by, changed_at) "
                "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING change_id",
                status.hall_code,
                status.service.value,
                status.state.value,
                status.resumes_on,
                status.online_url,
                status.note,
                status.changed_by,
                status.changed_at,
                timeout=5,
            )
            await conn.execute(
                "INSERT INTO gateway.service_statuses (hall_code, service, change_id) "
                "VALUES ($1, $2, $3) ON CONFLICT (hall_code, service) "
                "DO UPDATE SET change_id = excluded.change_id",
                status.hall_code,
                status.service.value,
                change_id,
                timeout=5,
            )

    async def status(self, hall_code: str, service: PublicService) -> ServiceStatus | None:
        row = await self._pool.fetchrow(
            f"SELECT {_STATUS_COLUMNS} FROM gateway.service_statuses s "  # noqa: S608
            "JOIN gateway.service_status_changes c USING (change_id) "
            "WHERE s.hall_code = $1 AND s.service = $2",
            hall_code,
            service.value,
            timeout=5,
        )
        return None if row is None else _status(row)

    async def statuses(self, district_code: str | None) -> list[ServiceStatus]:
        rows = await self._pool.fetch(
            f"SELECT {_STATUS_COLUMNS} FROM gateway.service_statuses s "  # noqa: S608
            "JOIN gateway.service_status_changes c USING (change_id) "
            "WHERE $1::text IS NULL OR left(s.hall_code, 6) = $1 "
            "ORDER BY c.hall_code, c.service",
            district_code,
            timeout=5,
        )
        return [_status(row) for row in rows]

    async def history(self, hall_code: str) -> list[ServiceStatus]:
        rows = await self._pool.fetch(
            f"SELECT {_STATUS_COLUMNS} FROM gateway.service_status_changes c "  # noqa: S608
            "WHERE c.hall_code = $1 ORDER BY c.changed_at DESC, c.change_id DESC",
            hall_code,
            timeout=5,
        )
        return [_status(row) for row in rows]


def _status(row: asyncpg.Record) -> ServiceStatus:
    return ServiceStatus(
        hall_code=row["hall_code"],
        service=PublicService(row["service"]),
        state=ServiceState(row["state"]),
        changed_by=row["changed_by"],
        changed_at=row["changed_at"],
        resumes_on=row["resumes_on"],
        online_url=row["online_url"],
        note=row["note"],
    )
