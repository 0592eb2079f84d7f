from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.enterprise_size import EnterpriseSize
from ..models.key_enterprise_category import KeyEnterpriseCategory
from ..models.monitoring_role import MonitoringRole
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.contact_in import ContactIn


T = TypeVar("T", bound="EnterpriseIn")


@_attrs_define
class EnterpriseIn:
    """An enterprise's registration. Monitoring roles are assigned by the bureaus: an enterprise
    registering itself sends none, and keeps the roles they gave it.

        Attributes:
            credit_code (str): 统一社会信用代码: 18-character Unified Social Credit Code (GB 32100-2015)
            name (str):
            district_code (str): GB/T 2260 code of one of the 16 Shanghai districts
            industry_division (str): GB/T 4754-2017 industry division (大类), 01 to 97
            size (EnterpriseSize): Size classes of the national statistical standard (大型/中型/小型/微型).
            contact (ContactIn): The enterprise's contact for the employment service (kept by the services, never logged).
            monitoring_roles (list[MonitoringRole] | Unset):
            key_enterprise_category (KeyEnterpriseCategory | None | Unset):
            monitored_from (datetime.date | None | Unset): first day of the monitoring period, when a bureau imports its
                register after the fact (the list it drew up on that day): the enterprise is expected to report for every week
                whose deadline falls on or after it. Left out: from when the registration is received. Only the bureaus may
                state it; not after today
            monitored_until (datetime.date | None | Unset): last day of the monitoring period: no report is expected for a
                week that begins after it. Left out: as stated before (open-ended if never); null stated explicitly: open-ended
                again, the enterprise expected from the week after the end stated before. Only the bureaus may state it
    """

    credit_code: str
    name: str
    district_code: str
    industry_division: str
    size: EnterpriseSize
    contact: ContactIn
    monitoring_roles: list[MonitoringRole] | Unset = UNSET
    key_enterprise_category: KeyEnterpriseCategory | None | Unset = UNSET
    monitored_from: datetime.date | None | Unset = UNSET
    monitored_until: datetime.date | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        credit_code = self.credit_code

        name = self.name

        district_code = self.district_code

        industry_division = self.industry_division

        size = self.size.value

        contact = self.contact.to_dict()

        monitoring_roles: list[str] | Unset = UNSET
        if not isinstance(self.monitoring_roles, Unset):
            monitoring_roles = []
            for monitoring_roles_item_data in self.monitoring_roles:
                monitoring_roles_item = monitoring_roles_item_data.value
                monitoring_roles.append(monitoring_roles_item)

        key_enterprise_category: None | str | Unset
        if isinstance(self.key_enterprise_category, Unset):
            key_enterprise_category = UNSET
        elif isinstance(self.key_enterprise_category, KeyEnterpriseCategory):
            key_enterprise_category = self.key_enterprise_category.value
        else:
            key_enterprise_category = self.key_enterprise_category

        monitored_from: None | str | Unset
        if isinstance(self.monitored_from, Unset):
            monitored_from = UNSET
        elif isinstance(self.monitored_from, datetime.date):
            monitored_from = self.monitored_from.isoformat()
        else:
            monitored_from = self.monitored_from

        monitored_until: None | str | Unset
        if isinstance(self.monitored_until, Unset):
            monitored_until = UNSET
        elif isinstance(self.monitored_until, datetime.date):
            monitored_until = self.monitored_until.isoformat()
        else:
            monitored_until = self.monitored_until

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "credit_code": credit_code,
                "name": name,
                "district_code": district_code,
                "industry_division": industry_division,
                "size": size,
                "contact": contact,
            }
        )
        if monitoring_roles is not UNSET:
            field_dict["monitoring_roles"] = monitoring_roles
        if key_enterprise_category is not UNSET:
            field_dict["key_enterprise_category"] = key_enterprise_category
        if monitored_from is not UNSET:
            field_dict["monitored_from"] = monitored_from
        if monitored_until is not UNSET:
            field_dict["monitored_until"] = monitored_until

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.contact_in import ContactIn  # noqa: PLC0415

        d = dict(src_dict)
        credit_code = d.pop("credit_code")

        name = d.pop("name")

        district_code = d.pop("district_code")

        industry_division = d.pop("industry_division")

        size = EnterpriseSize(d.pop("size"))

        contact = ContactIn.from_dict(d.pop("contact"))

        _monitoring_roles = d.pop("monitoring_roles", UNSET)
        monitoring_roles: list[MonitoringRole] | Unset = UNSET
        if _monitoring_roles is not UNSET:
            monitoring_roles = []
            for monitoring_roles_item_data in _monitoring_roles:
                monitoring_roles_item = MonitoringRole(monitoring_roles_item_data)

                monitoring_roles.append(monitoring_roles_item)

        def _parse_key_enterprise_category(data: object) -> KeyEnterpriseCategory | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                key_enterprise_category_type_0 = KeyEnterpriseCategory(data)

                return key_enterprise_category_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(KeyEnterpriseCategory | None | Unset, data)

        key_enterprise_category = _parse_key_enterprise_category(d.pop("key_enterprise_category", UNSET))

        def _parse_monitored_from(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                monitored_from_type_0 = datetime.date.fromisoformat(data)

                return monitored_from_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        monitored_from = _parse_monitored_from(d.pop("monitored_from", UNSET))

        def _parse_monitored_until(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                monitored_until_type_0 = datetime.date.fromisoformat(data)

                return monitored_until_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        monitored_until = _parse_monitored_until(d.pop("monitored_until", UNSET))

        enterprise_in = cls(
            credit_code=credit_code,
            name=name,
            district_code=district_code,
            industry_division=industry_division,
            size=size,
            contact=contact,
            monitoring_roles=monitoring_roles,
            key_enterprise_category=key_enterprise_category,
            monitored_from=monitored_from,
            monitored_until=monitored_until,
        )

        return enterprise_in
