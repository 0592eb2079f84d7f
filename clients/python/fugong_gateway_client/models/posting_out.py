from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.decision_out import DecisionOut
    from ..models.finding_out import FindingOut
    from ..models.posting_out_details import PostingOutDetails


T = TypeVar("T", bound="PostingOut")


@_attrs_define
class PostingOut:
    """A posting as matching keeps it: its standing, what screening found, every decision.

    Attributes:
        posting_id (str):
        credit_code (str):
        version (int):
        status (str):
        open_vacancies (int):
        filled (int):
        details (PostingOutDetails):
        findings (list[FindingOut]):
        changed_at (datetime.datetime):
        decisions (list[DecisionOut] | Unset):
    """

    posting_id: str
    credit_code: str
    version: int
    status: str
    open_vacancies: int
    filled: int
    details: PostingOutDetails
    findings: list[FindingOut]
    changed_at: datetime.datetime
    decisions: list[DecisionOut] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        posting_id = self.posting_id

        credit_code = self.credit_code

        version = self.version

        status = self.status

        open_vacancies = self.open_vacancies

        filled = self.filled

        details = self.details.to_dict()

        findings = []
        for findings_item_data in self.findings:
            findings_item = findings_item_data.to_dict()
            findings.append(findings_item)

        changed_at = self.changed_at.isoformat()

        decisions: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.decisions, Unset):
            decisions = []
            for decisions_item_data in self.decisions:
                decisions_item = decisions_item_data.to_dict()
                decisions.append(decisions_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "posting_id": posting_id,
                "credit_code": credit_code,
                "version": version,
                "status": status,
                "open_vacancies": open_vacancies,
                "filled": filled,
                "details": details,
                "findings": findings,
                "changed_at": changed_at,
            }
        )
        if decisions is not UNSET:
            field_dict["decisions"] = decisions

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.decision_out import DecisionOut  # noqa: PLC0415
        from ..models.finding_out import FindingOut  # noqa: PLC0415
        from ..models.posting_out_details import PostingOutDetails  # noqa: PLC0415

        d = dict(src_dict)
        posting_id = d.pop("posting_id")

        credit_code = d.pop("credit_code")

        version = d.pop("version")

        status = d.pop("status")

        open_vacancies = d.pop("open_vacancies")

        filled = d.pop("filled")

        details = PostingOutDetails.from_dict(d.pop("details"))

        findings = []
        _findings = d.pop("findings")
        for findings_item_data in _findings:
            findings_item = FindingOut.from_dict(findings_item_data)

            findings.append(findings_item)

        changed_at = datetime.datetime.fromisoformat(d.pop("changed_at"))

        _decisions = d.pop("decisions", UNSET)
        decisions: list[DecisionOut] | Unset = UNSET
        if _decisions is not UNSET:
            decisions = []
            for decisions_item_data in _decisions:
                decisions_item = DecisionOut.from_dict(decisions_item_data)

                decisions.append(decisions_item)

        posting_out = cls(
            posting_id=posting_id,
            credit_code=credit_code,
            version=version,
            status=status,
            open_vacancies=open_vacancies,
            filled=filled,
            details=details,
            findings=findings,
            changed_at=changed_at,
            decisions=decisions,
        )

        posting_out.additional_properties = d
        return posting_out

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
