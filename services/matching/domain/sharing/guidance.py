"""The 2020 national guidance on labour sharing, as checks.

人社部办公厅《关于做好共享用工指导和服务的通知》(人社厅发〔2020〕98号) lets an enterprise lend
staff it cannot use for a while to one that lacks them, on terms this module checks:

- **Consent** (劳动者同意): a worker is lent only with their agreement. A proposal becomes an
  arrangement only when the lending enterprise accepts it *and* confirms its workers' consent;
  an acceptance without that confirmation does not count (the proposal stays open, with a note).
- **The lender stays the employer** (不改变劳动关系): the lending enterprise keeps the labour
  contract, pays wages and social insurance. A surplus declaration that would hand the
  employment over is refused: that is recruitment, not sharing.
- **No charge beyond wages and social insurance** (不得以营利为目的): the lender may be repaid
  what the staff cost it, nothing more. A declared fee above that is refused.
- **Within the labour contract** (借调期限不得超过劳动合同剩余期限): the loan ends by the
  earliest contract end among the staff offered. A surplus period past it is refused; every
  proposal's period lies inside the surplus period, so inside the contract.

Refusals are plain words the enterprise can act on; none carries personal data.
"""

from __future__ import annotations

from datetime import date

from services.matching.domain.sharing.model import Check, Declaration, Kind, Side

CONSENT, EMPLOYER, NO_FEE, WITHIN_CONTRACT = "consent", "employer", "no_fee", "within_contract"


def refusals(declaration: Declaration) -> tuple[str, ...]:
    """Why the guidance does not allow this declaration to be shared (empty: it does)."""
    if declaration.kind is Kind.SHORTAGE:
        return ()
    found: list[str] = []
    if not declaration.employer_retained:
        found.append(
            "共享用工期间借出企业仍是用人单位，不改变劳动关系；转移劳动关系请发布招聘岗位"
            "（employer_retained）"
        )
    if declaration.fee_per_worker_month > 0:
        found.append(
            f"除工资和社会保险费外不得向借入企业收取费用，申报了每人每月"
            f"{declaration.fee_per_worker_month}元（fee_per_worker_month 应为0）"
        )
    end = declaration.contract_end
    if end is None:
        found.append("须申报劳动合同到期日，借出期限不得超过劳动合同期限（contract_end）")
    elif declaration.period_to > end:
        found.append(
            f"借出期限不得超过劳动合同期限：截止日{declaration.period_to.isoformat()}"
            f"晚于劳动合同到期日{end.isoformat()}（period_to）"
        )
    return tuple(found)


def consent_note(workers_consented: bool) -> str | None:
    """Why a lender's acceptance does not count (None: it does)."""
    if workers_consented:
        return None
    return "借出企业接受时须确认被借出员工本人同意（workers_consented），此次接受未生效"


def checks(
    lender: str, period_to: date, contract_end: date, lender_answer: Side
) -> tuple[Check, ...]:
    """The guidance as it stands for one proposal (every proposal carries these)."""
    consented = lender_answer is Side.ACCEPTED
    return (
        Check(
            CONSENT,
            consented,
            "借出企业已确认员工本人同意"
            if consented
            else "待借出企业确认员工本人同意（接受时一并确认）",
        ),
        Check(EMPLOYER, True, f"借出企业{lender}仍是用人单位，支付工资、缴纳社会保险"),
        Check(NO_FEE, True, "除工资和社会保险费外不收取费用"),
        Check(
            WITHIN_CONTRACT,
            period_to <= contract_end,
            f"借用截止{period_to.isoformat()}，不晚于劳动合同到期日{contract_end.isoformat()}",
        ),
    )
