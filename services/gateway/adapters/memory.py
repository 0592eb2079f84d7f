"""In-memory fakes of the gateway's ports, for testing routes and access rules in-process.

They keep the real adapters' rules (an idempotency key bound to its request, a revoked key
unknown, views filtered as their SQL filters them) and record what was published.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

import orjson
from pydantic import BaseModel

from services.contracts.envelope import CloudEvent
from services.gateway.adapters.api_keys import DEFAULT_LIFETIME, KEY_PREFIX, IssuedKey
from services.gateway.adapters.fair_views import InMemoryFairViews
from services.gateway.adapters.idempotency_keys import (
    IdempotencyKeyReused,
    event_id_for,
    request_digest,
    same_request,
)
from services.gateway.adapters.memory_sharing import InMemorySharingViews
from services.gateway.domain.access import Principal, PrincipalKind
from services.gateway.ports import AuditEntry, Claim, DistrictClaim, Row
from services.platform.kafka import EncodedEvent, PublishFailed


@dataclass
class RecordingPublisher:
    """Keeps what it published; while `unavailable`, refuses as a broker that is down."""

    published: list[tuple[str, CloudEvent[BaseModel]]] = field(default_factory=list)
    published_encoded: list[tuple[str, EncodedEvent]] = field(default_factory=list)
    unavailable: bool = False
    refusing_topics: set[str] = field(default_factory=set)
    """Topics whose partitions' leaders are away: bulk publishing to them is refused."""

    async def publish(self, topic: str, event: CloudEvent[BaseModel]) -> None:
        if self.unavailable:
            raise PublishFailed(f"broker did not acknowledge event {event.id}")
        self.published.append((topic, event))

    async def publish_all(self, topic: str, events: Sequence[EncodedEvent]) -> list[bool]:
        if self.unavailable or topic in self.refusing_topics:
            return [False] * len(events)
        self.published_encoded.extend((topic, event) for event in events)
        return [True] * len(events)

    def on(self, topic: str) -> list[dict[str, Any]]:
        """Everything published to `topic`, as the JSON a consumer reads, in order of calls."""
        singles = [event.model_dump(mode="json") for to, event in self.published if to == topic]
        return singles + [orjson.loads(e.value) for to, e in self.published_encoded if to == topic]

    @property
    def anything_published(self) -> bool:
        return bool(self.published or self.published_encoded)


@dataclass
class InMemoryKeys:
    principals: dict[str, tuple[Principal, datetime]] = field(default_factory=dict)
    """key -> its principal and expiry"""
    ids: dict[UUID, str] = field(default_factory=dict)
    """key id -> key"""
    used: dict[str, float] = field(default_factory=dict)
    """key -> when it was last used (POSIX time)"""

    def issue_now(self, principal: Principal, valid_for: timedelta = DEFAULT_LIFETIME) -> str:
        key = KEY_PREFIX + secrets.token_urlsafe(32)
        self.principals[key] = (principal, datetime.now(UTC) + valid_for)
        return key

    async def issue(
        self, principal: Principal, label: str, valid_for: timedelta = DEFAULT_LIFETIME
    ) -> str:
        return self.issue_now(principal, valid_for)

    async def replace_seeker_keys(
        self, principal: Principal, label: str, valid_for: timedelta = DEFAULT_LIFETIME
    ) -> str:
        for key, (held, _) in list(self.principals.items()):
            if held.kind is PrincipalKind.JOB_SEEKER and held.seeker_id == principal.seeker_id:
                del self.principals[key]
        return self.issue_now(principal, valid_for)

    async def rotate(
        self, key: str, overlap: timedelta, valid_for: timedelta = DEFAULT_LIFETIME
    ) -> str | None:
        principal = await self.principal_for(key)
        if principal is None:
            return None
        expiry = min(self.principals[key][1], datetime.now(UTC) + overlap)
        self.principals[key] = (principal, expiry)
        return self.issue_now(principal, valid_for)

    async def issue_with_id(
        self, principal: Principal, label: str, valid_for: timedelta = DEFAULT_LIFETIME
    ) -> IssuedKey:
        key = self.issue_now(principal, valid_for)
        key_id = uuid4()
        self.ids[key_id] = key
        return IssuedKey(key, key_id)

    async def revoke(self, key: str) -> bool:
        return self.principals.pop(key, None) is not None

    async def revoke_by_id(self, key_id: UUID) -> bool:
        return await self.revoke(self.ids.get(key_id, ""))

    async def last_used(self, key_id: UUID) -> float | None:
        return self.used.get(self.ids.get(key_id, ""))

    async def principal_for(self, key: str) -> Principal | None:
        principal, expiry = self.principals.get(key, (None, datetime.min.replace(tzinfo=UTC)))
        if principal is None or expiry <= datetime.now(UTC):
            return None
        self.used[key] = datetime.now(UTC).timestamp()
        return principal


@dataclass
class InMemoryIdempotency:
    claimed: dict[tuple[str, str, UUID], str] = field(default_factory=dict)

    async def claim(self, principal: str, event_type: str, key: UUID, data: BaseModel) -> str:
        digest = self.claimed.setdefault((principal, event_type, key), request_digest(data))
        if not same_request(digest, data):
            raise IdempotencyKeyReused(
                f"Idempotency-Key {key} was already used for a different request; "
                "use a new key for a new submission"
            )
        return event_id_for(principal, event_type, key)

    async def claim_all(self, principal: str, claims: Sequence[Claim]) -> list[str | None]:
        results: list[str | None] = []
        for claim in claims:
            stored = self.claimed.setdefault(
                (principal, claim.event_type, claim.key), claim.fingerprint
            )
            same = stored == claim.fingerprint
            results.append(event_id_for(principal, claim.event_type, claim.key) if same else None)
        return results


@dataclass
class Reachable:
    up: bool = True

    async def reachable(self) -> bool:
        return self.up


@dataclass
class InMemoryViews(InMemoryFairViews, InMemorySharingViews):
    """Rows as monitoring's views would hold them; tests put in what the scenario needs."""

    indicator_rows: list[Row] = field(default_factory=list)
    community_rows: list[Row] = field(default_factory=list)
    job_seeker_ratio_rows: list[Row] = field(default_factory=list)
    """monitoring.job_seeker_ratio_v: district_code null for the city"""
    compliance_summary_rows: list[Row] = field(default_factory=list)
    compliance_rows: list[Row] = field(default_factory=list)
    warning_rows: list[Row] = field(default_factory=list)
    registry: dict[str, str] = field(default_factory=dict)
    """credit code -> the district it is registered in"""
    report_rows: list[Row] = field(default_factory=list)
    officers: dict[str, str] = field(default_factory=dict)
    """credit code of a key enterprise -> its officer's principal id"""
    campaign_rows: list[Row] = field(default_factory=list)
    progress_rows: list[Row] = field(default_factory=list)
    failure_rows: list[Row] = field(default_factory=list)
    roster_rows: list[Row] = field(default_factory=list)
    """notify's views: campaigns, progress, failures and roster summaries"""
    posting_rows: list[Row] = field(default_factory=list)
    """matching.postings_v, each row with its `decisions`"""
    demand_rows: list[Row] = field(default_factory=list)
    key_enterprise_rows: list[Row] = field(default_factory=list)
    """matching.key_enterprises_v"""
    seeker_rows: list[Row] = field(default_factory=list)
    """matching.job_seekers_v"""
    recommendation_rows: list[Row] = field(default_factory=list)
    """matching.recommendations_v"""

    async def job_seeker(self, seeker_id: str) -> Row | None:
        return next((r for r in self.seeker_rows if r["seeker_id"] == seeker_id), None)

    async def job_seekers(self, district_code: str) -> list[Row]:
        return [r for r in self.seeker_rows if r["active"] and r["district_code"] == district_code]

    async def seeker_recommendations(self, seeker_id: str) -> list[Row]:
        rows = [r for r in self.recommendation_rows if r["seeker_id"] == seeker_id]
        return sorted(rows, key=lambda r: int(r["rank"]))

    async def posting_recommendations(self, posting_id: str) -> list[Row]:
        rows = [r for r in self.recommendation_rows if r["posting_id"] == posting_id]
        return sorted(rows, key=lambda r: (-float(r["score"]), str(r["seeker_id"])))

    async def posting(self, posting_id: str) -> Row | None:
        return next((r for r in self.posting_rows if r["posting_id"] == posting_id), None)

    async def postings_of(self, credit_code: str) -> list[Row]:
        return [r for r in self.posting_rows if r["credit_code"] == credit_code]

    async def held_postings(self, district_code: str | None) -> list[Row]:
        return [
            r
            for r in self.posting_rows
            if r["status"] == "held" and district_code in (None, r["district_code"])
        ]

    async def demand_list(self, demand_list: str, district_code: str | None) -> list[Row]:
        return [
            r
            for r in self.demand_rows
            if r["demand_list"] == demand_list and district_code in (None, r["district_code"])
        ]

    async def key_enterprises(self, district_code: str | None) -> list[Row]:
        return [r for r in self.key_enterprise_rows if district_code in (None, r["district_code"])]

    async def officer_enterprises(self, district_code: str, staff_id: str) -> list[Row]:
        return [
            r
            for r in self.key_enterprise_rows
            if (r["officer_district_code"], r["officer_staff_id"]) == (district_code, staff_id)
        ]

    async def indicators(self, week: str) -> list[Row]:
        return [r for r in self.indicator_rows if r["week"] == week]

    async def reported_weeks(self) -> list[str]:
        city = (r for r in self.indicator_rows if r["district_code"] is None)
        return sorted({r["week"] for r in city if r["industry_section"] is None})

    async def community_indicators(self, week: str) -> list[Row]:
        return [r for r in self.community_rows if r["week"] == week]

    async def job_seeker_ratio(self) -> list[Row]:
        return sorted(self.job_seeker_ratio_rows, key=lambda r: r["district_code"] or "")

    async def compliance_summary(self, week: str) -> list[Row]:
        return [r for r in self.compliance_summary_rows if r["week"] == week]

    async def compliance_weeks(self) -> list[str]:
        return sorted(
            {r["week"] for r in self.compliance_summary_rows if r["district_code"] is None}
        )

    async def compliance(self, week: str, district_code: str | None) -> list[Row]:
        return [
            r
            for r in self.compliance_rows
            if r["week"] == week and district_code in (None, r["district_code"])
        ]

    async def warnings(self, district_code: str | None, status: str | None) -> list[Row]:
        return [
            r
            for r in self.warning_rows
            if district_code in (None, r["district_code"]) and status in (None, r["status"])
        ]

    async def warning(self, warning_id: str) -> Row | None:
        return next((r for r in self.warning_rows if r["warning_id"] == warning_id), None)

    async def registered_district(self, credit_code: str) -> str | None:
        return self.registry.get(credit_code)

    async def service_officer(self, credit_code: str) -> str | None:
        return self.officers.get(credit_code)

    async def registered_districts(self, credit_codes: Sequence[str]) -> dict[str, str]:
        return {code: self.registry[code] for code in credit_codes if code in self.registry}

    async def campaign(self, campaign_id: str) -> Row | None:
        return next((r for r in self.campaign_rows if str(r["campaign_id"]) == campaign_id), None)

    async def campaigns(self, district_code: str | None, limit: int) -> list[Row]:
        rows = [
            {**r, "district_code": self.registry.get(r["credit_code"])} for r in self.campaign_rows
        ]
        rows = [r for r in rows if district_code in (None, r["district_code"])]
        return sorted(rows, key=lambda r: str(r.get("requested_at")), reverse=True)[:limit]

    async def campaign_progress(self, campaign_id: str) -> list[Row]:
        return [r for r in self.progress_rows if str(r["campaign_id"]) == campaign_id]

    async def campaign_failures(self, campaign_id: str, limit: int) -> list[Row]:
        return [r for r in self.failure_rows if str(r["campaign_id"]) == campaign_id][:limit]

    async def roster_summary(self, credit_code: str) -> list[Row]:
        return [r for r in self.roster_rows if r["credit_code"] == credit_code]

    async def recorded_reports(self, credit_code: str, week: str | None) -> list[Row]:
        return [
            r
            for r in self.report_rows
            if r["credit_code"] == credit_code and week in (None, r["week"])
        ]


@dataclass
class InMemoryEnterpriseDistricts:
    """credit code -> (district, the district its last claim replaced, that claim's token)."""

    rows: dict[str, tuple[str, str | None, UUID]] = field(default_factory=dict)

    def register_now(self, credit_code: str, district_code: str) -> None:
        self.rows[credit_code] = (district_code, None, uuid4())

    async def districts(self, credit_codes: Sequence[str]) -> dict[str, str]:
        return {code: self.rows[code][0] for code in credit_codes if code in self.rows}

    async def claim(
        self, credit_code: str, district_code: str, prior: str | None
    ) -> DistrictClaim | None:
        token = uuid4()
        current = self.rows.get(credit_code)
        if current is None:
            self.rows[credit_code] = (district_code, None, token)
            return DistrictClaim(credit_code, token, changed=True)
        if current[0] == district_code:
            return DistrictClaim(credit_code, token, changed=False)
        if current[0] != prior:
            return None
        self.rows[credit_code] = (district_code, current[0], token)
        return DistrictClaim(credit_code, token, changed=True)

    async def release(self, claim: DistrictClaim) -> None:
        current = self.rows.get(claim.credit_code)
        if not claim.changed or current is None or current[2] != claim.token:
            return
        if current[1] is None:
            del self.rows[claim.credit_code]
        else:
            self.rows[claim.credit_code] = (current[1], None, uuid4())


@dataclass
class InMemoryAuditLog:
    kept: dict[str, AuditEntry] = field(default_factory=dict)

    async def record(self, entry: AuditEntry) -> None:
        self.kept.setdefault(entry.event_id, entry)

    async def record_all(self, entries: Sequence[AuditEntry]) -> None:
        for entry in entries:
            self.kept.setdefault(entry.event_id, entry)

    async def entries(self, district_code: str | None, limit: int) -> list[AuditEntry]:
        chosen = [e for e in self.kept.values() if district_code in (None, e.district_code)]
        return sorted(chosen, key=lambda e: (e.accepted_at, e.event_id), reverse=True)[:limit]
