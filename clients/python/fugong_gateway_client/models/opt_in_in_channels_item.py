from enum import StrEnum


class OptInInChannelsItem(StrEnum):
    SMS = "sms"
    VOICE = "voice"
    WECHAT = "wechat"

    def __str__(self) -> str:
        return str(self.value)
