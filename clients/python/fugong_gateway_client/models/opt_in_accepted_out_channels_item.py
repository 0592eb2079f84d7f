from enum import StrEnum


class OptInAcceptedOutChannelsItem(StrEnum):
    SMS = "sms"
    VOICE = "voice"
    WECHAT = "wechat"

    def __str__(self) -> str:
        return str(self.value)
