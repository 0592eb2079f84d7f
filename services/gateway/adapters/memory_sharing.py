"""In-memory labour sharing views (a mixin of `InMemoryViews`), filtered as their SQL filters."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from services.gateway.domain.access import SharingScope

Row = dict[str, Any]


@dataclass
class InMemorySharingViews:
    sharing_declaration_rows: list[Row] = field(default_factory=list)
    """matching.sharing_declarations_v"""
    sharing_proposal_rows: list[Row] = field(default_factory=list)
    """matching.sharing_proposals_v"""
    hint_rows: list[Row] = field(default_factory=list)
    """latest weekly report per enterprise: credit_code, district_code, week,
    surplus_staff_available"""
    officers: dict[str, str] = field(default_factory=dict)
    """credit code of a key enterprise -> its officer's principal id"""

    async def sharing_declarations(self, scope: SharingScope) -> list[Row]:
        return [
            r
            for r in self.sharing_declaration_rows
            if self._in_scope(scope, [r["credit_code"]], [r["district_code"]])
        ]

    async def sharing_declaration(self, declaration_id: str) -> Row | None:
        rows = self.sharing_declaration_rows
        return next((r for r in rows if r["declaration_id"] == declaration_id), None)

    async def sharing_proposals(self, scope: SharingScope) -> list[Row]:
        return [
            r
            for r in self.sharing_proposal_rows
            if self._in_scope(
                scope,
                [r["lender_credit_code"], r["borrower_credit_code"]],
                [r["lender_district_code"], r["borrower_district_code"]],
            )
        ]

    async def sharing_proposal(self, proposal_id: str) -> Row | None:
        rows = self.sharing_proposal_rows
        return next((r for r in rows if r["proposal_id"] == proposal_id), None)

    async def surplus_hints(self, scope: SharingScope) -> list[Row]:
        declared = {
            r["credit_code"]
            for r in self.sharing_declaration_rows
            if r["kind"] == "surplus" and r["status"] == "open"
        }
        return [
            r
            for r in self.hint_rows
            if r["surplus_staff_available"] > 0
            and r["credit_code"] not in declared
            and self._in_scope(scope, [r["credit_code"]], [r["district_code"]])
        ]

    def _in_scope(
        self, scope: SharingScope, parties: Sequence[str], districts: Sequence[str]
    ) -> bool:
        if scope.credit_code is not None and scope.credit_code not in parties:
            return False
        if scope.district_code is not None and scope.district_code not in districts:
            return False
        if scope.officer is not None:
            officer = "officer:{}:{}".format(*scope.officer)
            return any(self.officers.get(party) == officer for party in parties)
        return True
