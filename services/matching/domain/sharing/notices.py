"""Who is told what about a proposal: both enterprises' contacts, when it is proposed and when it
is agreed (through notify's requests; notify finds each enterprise's contact)."""

from __future__ import annotations

from dataclasses import dataclass

from services.contracts.notifications import Template
from services.matching.domain.sharing.model import Proposal, ProposalStatus


@dataclass(frozen=True, slots=True)
class Notice:
    notice_id: str
    """One per proposal, moment and enterprise: asking again for the same is the same notice."""
    credit_code: str
    template: Template
    parameters: dict[str, str]


_MOMENTS = {
    ProposalStatus.OPEN: ("proposed", Template.SHARING_PROPOSED),
    ProposalStatus.AGREED: ("agreed", Template.SHARING_AGREED),
}


def notices(proposal: Proposal) -> tuple[Notice, ...]:
    """The notices a proposal standing as it does calls for (none once declined or retired)."""
    if proposal.status not in _MOMENTS:
        return ()
    moment, template = _MOMENTS[proposal.status]
    common = {
        "count": str(proposal.count),
        "occupation_code": proposal.occupation_code,
        "period_from": proposal.period_from.isoformat(),
        "period_to": proposal.period_to.isoformat(),
    }
    return tuple(
        Notice(f"{proposal.proposal_id}/{moment}/{code}", code, template, {**common, "role": role})
        for code, role in ((proposal.lender, "借出"), (proposal.borrower, "借入"))
    )
