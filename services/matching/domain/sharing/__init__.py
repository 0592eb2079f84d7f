"""Labour sharing (用工调剂 / 共享用工): pairing surplus staff with shortages under the 2020
national guidance. Pure: no IO. See README.md."""

from services.matching.domain.sharing.guidance import refusals
from services.matching.domain.sharing.model import (
    AnswerGiven,
    Check,
    Closure,
    Declaration,
    DeclarationStatus,
    Kind,
    Proposal,
    ProposalStatus,
    Side,
    Standing,
)
from services.matching.domain.sharing.pairing import Shared, proposal_id, rank_key, share

__all__ = [
    "AnswerGiven",
    "Check",
    "Closure",
    "Declaration",
    "DeclarationStatus",
    "Kind",
    "Proposal",
    "ProposalStatus",
    "Shared",
    "Side",
    "Standing",
    "proposal_id",
    "rank_key",
    "refusals",
    "share",
]
