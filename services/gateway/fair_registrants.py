"""The credential of a job seeker who registered for a fair from anywhere (劳务协作地区 included).

A seeker has no API key: the registration route is open (admitted without one, rate-limited per
client address) and answers a **registrant key**, `fgr_<registration>_<mac>`, where the MAC is
HMAC-SHA256 under the gateway's secret (`FUGONG_API_KEY_PEPPER`, with a purpose of its own) of
the fair and the registration. It opens exactly two routes: the registrant's own registration,
and marking interest in that fair's postings. Nothing is stored: the key is checked by
recomputing it, and the registration it names must be one matching recorded for that fair. A
retry with the same Idempotency-Key names the same registration and so answers the same key.
Interest is taken only while the fair is open, so the key does nothing once the fair has closed
but read the registrant's own registration. Not yet (services/matching/README.md): the mobile
number confirmed by an SMS code before the key is given, and a key revoked by rotating a secret
of its own rather than the API keys' pepper.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from typing import Annotated

from fastapi import Depends, Header, HTTPException, status

from services.gateway.dependencies import ResourcesDep

PREFIX = "fgr_"
_SHAPE = re.compile(r"fgr_([0-9a-f]{32})_([A-Za-z0-9_-]{43})")
HEADER = "X-Registrant-Key"


def registrant_key(secret: bytes, fair_id: str, registration_id: str) -> str:
    compact = registration_id.replace("-", "")
    return f"{PREFIX}{compact}_{_mac(secret, fair_id, compact)}"


def registration_of(secret: bytes, fair_id: str, key: str) -> str | None:
    """The registration id a key names, if it is a key of this fair; None otherwise."""
    shape = _SHAPE.fullmatch(key)
    if shape is None:
        return None
    compact, mac = shape.groups()
    if not hmac.compare_digest(mac, _mac(secret, fair_id, compact)):
        return None
    return f"{compact[:8]}-{compact[8:12]}-{compact[12:16]}-{compact[16:20]}-{compact[20:]}"


def _mac(secret: bytes, fair_id: str, compact_registration: str) -> str:
    message = f"fugong/fair-registrant/v1/{fair_id}/{compact_registration}".encode()
    digest = hmac.new(secret, message, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


async def _registrant(
    fair_id: str,
    resources: ResourcesDep,
    key: Annotated[
        str | None, Header(alias=HEADER, description="the key your registration gave")
    ] = None,
) -> str:
    secret = resources.settings.api_key_pepper.get_secret_value().encode()
    registration_id = registration_of(secret, fair_id, key or "")
    if registration_id is None:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            f"a registrant key of this fair is required (header {HEADER})",
            headers={"WWW-Authenticate": HEADER},
        )
    return registration_id


RegistrantDep = Annotated[str, Depends(_registrant)]
"""The registration id of the caller's registrant key for the fair in the path."""
