"""SMS parts of a message: the carriers' rule is shared with the gateway's campaign preview,
so it lives in the contracts (`services/contracts/sms_parts.py`)."""

from services.contracts.sms_parts import segments

__all__ = ["segments"]
