"""Who may do what with an online job fair (线上招聘会).

A fair is organised by a district bureau (for its district) or the city bureau; its officials
(and the city's) invite enterprises and read its figures. An enterprise joins any fair with its
own postings. The fair and its postings are public to every caller of the API but operations.
Job seekers are not API callers: they register through the fair's open route and act with the
fair-scoped registrant key the registration answers (`services/gateway/fair_registrants.py`).
"""

from __future__ import annotations

from services.gateway.domain.access import Forbidden, Principal, PrincipalKind


def ensure_may_organise_fairs(principal: Principal) -> str | None:
    """Fairs are organised by officials; the answer is the organiser's district (None: city)."""
    if principal.kind is not PrincipalKind.OFFICIAL:
        raise Forbidden("job fairs are organised by employment service officials")
    return principal.district_code


def is_organiser(principal: Principal, organiser_district: str | None) -> bool:
    """Officials of the organising district, and the city's, act for the fair."""
    return principal.kind is PrincipalKind.OFFICIAL and principal.district_code in (
        None,
        organiser_district,
    )


def ensure_may_join(
    principal: Principal, credit_code: str, organiser_district: str | None, brings_postings: bool
) -> None:
    """An enterprise joins with its own postings; the organiser invites one (with none: an
    enterprise's postings are its own to bring)."""
    if principal.kind is PrincipalKind.ENTERPRISE:
        if principal.credit_code != credit_code:
            raise Forbidden(f"this API key joins fairs for enterprise {principal.credit_code} only")
        return
    if not is_organiser(principal, organiser_district):
        raise Forbidden("enterprises join a fair themselves or are invited by its organisers")
    if brings_postings:
        raise Forbidden("an invitation names no postings: the enterprise brings its own")


def ensure_may_read_fairs(principal: Principal) -> None:
    if principal.kind is PrincipalKind.OPERATIONS:
        raise Forbidden("job fairs are not read with an operations key")


def sees_contacts_of(principal: Principal, organiser_district: str | None) -> str | None:
    """Whose interest a caller reads: an enterprise its own postings' (contacts in full where
    the registrant consented: the answer is its credit code); the organisers every posting's,
    masked (the answer is None). Forbidden for anyone else."""
    if principal.kind is PrincipalKind.ENTERPRISE:
        return principal.credit_code
    if is_organiser(principal, organiser_district):
        return None
    raise Forbidden("interest in a fair's postings is read by their enterprise and its organisers")


def ensure_may_read_figures(principal: Principal, organiser_district: str | None) -> None:
    if not is_organiser(principal, organiser_district):
        raise Forbidden("a fair's figures are read by its organisers and the city bureau")
