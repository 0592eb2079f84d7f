from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.kind_name import KindName
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.batch_entry_data import BatchEntryData


T = TypeVar("T", bound="BatchEntry")


@_attrs_define
class BatchEntry:
    """One submission of the batch, named by the client so that its result can be found.

    Attributes:
        id (str): The client's name for the entry, unique in the batch
        kind (KindName):
        data (BatchEntryData): The submission, as the single route of its kind takes it: EnterpriseIn for
            `enterprise_registration`, WeeklyReportIn for `weekly_report`, CommunityPointIn for `community_point`,
            CommunityReportIn for `community_report`
        idempotency_key (None | Unset | UUID): As the Idempotency-Key header of the single routes: a retried entry gets
            the same event id and is counted once.
    """

    id: str
    kind: KindName
    data: BatchEntryData
    idempotency_key: None | Unset | UUID = UNSET

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        kind = self.kind.value

        data = self.data.to_dict()

        idempotency_key: None | str | Unset
        if isinstance(self.idempotency_key, Unset):
            idempotency_key = UNSET
        elif isinstance(self.idempotency_key, UUID):
            idempotency_key = str(self.idempotency_key)
        else:
            idempotency_key = self.idempotency_key

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "kind": kind,
                "data": data,
            }
        )
        if idempotency_key is not UNSET:
            field_dict["idempotency_key"] = idempotency_key

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.batch_entry_data import BatchEntryData  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        kind = KindName(d.pop("kind"))

        data = BatchEntryData.from_dict(d.pop("data"))

        def _parse_idempotency_key(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                idempotency_key_type_0 = UUID(data)

                return idempotency_key_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        idempotency_key = _parse_idempotency_key(d.pop("idempotency_key", UNSET))

        batch_entry = cls(
            id=id,
            kind=kind,
            data=data,
            idempotency_key=idempotency_key,
        )

        return batch_entry
