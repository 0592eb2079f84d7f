"""An enterprise's roster of employees to notify: what a row must hold, and how rows are read.

The gateway reads the rows an enterprise uploads and notify keeps the members (people's data,
in its schema only); both use these rules, so a number the gateway accepted is one notify can
reach. Mobiles are normalised to E.164 (mainland China when no country code is given); the same
person given twice in different formats (`138 0013 8000`, `+86 13800138000`) is one member. A
landline is kept (it may get a voice call) but never an SMS. A bad row is reported by its number,
field and reason, never by its values, and the good rows are kept.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Annotated

import phonenumbers
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

DEFAULT_REGION = "CN"
MAX_MEMBERS_PER_CHUNK = 500
"""Members in one roster event: chunks keep a big roster to few, bounded events."""


class Channel(StrEnum):
    SMS = "sms"
    WECHAT = "wechat"
    VOICE = "voice"


class UploadMode(StrEnum):
    REPLACE = "replace"  # the upload is the whole roster: members not in it are removed
    APPEND = "append"  # added to the roster (a member already there is updated)


Text = Annotated[str, StringConstraints(strip_whitespace=True, max_length=64)]


class RosterRowIn(BaseModel):
    """One employee as uploaded (JSON object, or a CSV/.xlsx row by its headings)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: Text = Field(min_length=1, description="the employee's name")
    mobile: str = Field(min_length=3, max_length=32, description="mobile or landline number")
    wechat_openid: Text | None = Field(None, description="the employee's openid, if known")
    preferred_channel: Channel = Channel.SMS
    consent: bool = Field(True, description="agreed to be notified (false: never contacted)")
    opted_out: list[Channel] = Field(
        default_factory=list, max_length=3, description="channels the employee refuses"
    )
    department: Text | None = None
    site: Text | None = Field(None, description="the work site (厂区/门店)")


class RosterMember(BaseModel):
    """A member as notify keeps it (payload of roster events: personal data)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: Text
    phone: str = Field(pattern=r"^\+[1-9][0-9]{6,14}$", description="E.164")
    mobile: bool = Field(description="false for a landline: no SMS, voice only")
    wechat_openid: Text | None = None
    preferred_channel: Channel = Channel.SMS
    consent: bool = True
    opted_out: frozenset[Channel] = frozenset()
    """Channels the member refuses (no voice calls; unsubscribed from SMS): never used."""
    department: Text | None = None
    site: Text | None = None


@dataclass(frozen=True)
class RowProblem:
    field: str
    reason: str


@dataclass(frozen=True)
class BadRosterRow:
    row: int
    problems: tuple[RowProblem, ...]


@dataclass(frozen=True)
class RosterReading:
    members: list[RosterMember]
    bad_rows: list[BadRosterRow]
    merged: list[tuple[int, int]] = field(default_factory=list)
    """(row, row it was merged into): the same number given again."""


class NotANumber(ValueError):
    """The text is no callable number; the message names the rule, not the value."""


def normalise_phone(text: str, region: str = DEFAULT_REGION) -> tuple[str, bool]:
    """The number in E.164 and whether it is a mobile (may receive SMS)."""
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        raise NotANumber("not a telephone number") from None
    if not phonenumbers.is_valid_number(number):
        raise NotANumber("not a valid number for its country (digits missing or extra?)")
    kind = phonenumbers.number_type(number)
    mobile = kind in (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164), mobile


def read_roster(rows: Iterable[tuple[int, Mapping[str, object]]]) -> RosterReading:
    """Members from numbered rows (the number as the file shows it), duplicates merged."""
    by_phone: dict[str, tuple[int, RosterMember]] = {}
    bad: list[BadRosterRow] = []
    merged: list[tuple[int, int]] = []
    for number, values in rows:
        member = _member(number, values)
        if isinstance(member, BadRosterRow):
            bad.append(member)
            continue
        first = by_phone.get(member.phone)
        if first is None:
            by_phone[member.phone] = (number, member)
        else:
            merged.append((number, first[0]))
            by_phone[member.phone] = (first[0], _merge(first[1], member))
    return RosterReading([m for _, m in by_phone.values()], bad, merged)


def chunks(
    members: list[RosterMember], size: int = MAX_MEMBERS_PER_CHUNK
) -> list[list[RosterMember]]:
    """The members in events of at most `size` (one, empty, for an empty replace)."""
    return [members[i : i + size] for i in range(0, len(members), size)] or [[]]


def _member(number: int, values: Mapping[str, object]) -> RosterMember | BadRosterRow:
    present = {k: v for k, v in values.items() if v is not None and str(v).strip() != ""}
    try:
        row = RosterRowIn.model_validate(present)
    except ValidationError as invalid:
        return BadRosterRow(number, tuple(_problems(invalid)))
    try:
        phone, mobile = normalise_phone(row.mobile)
    except NotANumber as wrong:
        return BadRosterRow(number, (RowProblem("mobile", str(wrong)),))
    if row.preferred_channel is Channel.WECHAT and not row.wechat_openid:
        problem = RowProblem("wechat_openid", "required when the preferred channel is wechat")
        return BadRosterRow(number, (problem,))
    return RosterMember(
        name=row.name,
        phone=phone,
        mobile=mobile,
        wechat_openid=row.wechat_openid,
        preferred_channel=row.preferred_channel,
        consent=row.consent,
        opted_out=frozenset(row.opted_out),
        department=row.department,
        site=row.site,
    )


def _problems(invalid: ValidationError) -> Iterable[RowProblem]:
    for error in invalid.errors(include_input=False):
        where = ".".join(str(part) for part in error["loc"]) or "row"
        reason = "unknown column" if error["type"] == "extra_forbidden" else error["msg"]
        yield RowProblem(where, reason)


def _merge(first: RosterMember, again: RosterMember) -> RosterMember:
    """The first row stands; the later one fills what it left out. Consent withdrawn in either
    row is withdrawn, and a channel refused in either is refused: a person who said no once is
    not contacted (that way)."""
    return first.model_copy(
        update={
            "wechat_openid": first.wechat_openid or again.wechat_openid,
            "department": first.department or again.department,
            "site": first.site or again.site,
            "consent": first.consent and again.consent,
            "opted_out": first.opted_out | again.opted_out,
        }
    )
