"""Targeted recommendations (issue 8 item 7): hard filters, a documented score, reasons.

See ``scoring`` for the filters and the weights, ``index`` for how the top k is found
among many open postings, ``geography`` for the district distances.
"""

from services.matching.domain.recommend.index import PostingIndex, recommend_seekers, scan
from services.matching.domain.recommend.model import (
    OccupationCode,
    OpenPosting,
    PriorityGroup,
    SeekerProfile,
)
from services.matching.domain.recommend.scoring import Recommendation, eligible, score

__all__ = [
    "OccupationCode",
    "OpenPosting",
    "PostingIndex",
    "PriorityGroup",
    "Recommendation",
    "SeekerProfile",
    "eligible",
    "recommend_seekers",
    "scan",
    "score",
]
