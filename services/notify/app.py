"""Composition root of the notify worker: its topics, routes and store on the stream worker,
and the sender as a periodic job of the same process."""

from __future__ import annotations

from services.contracts.topics import NOTIFY_DELIVERIES, topic_name
from services.notify.adapters.aliyun_sms import AliyunSms
from services.notify.adapters.campaign_metrics import CampaignGauges
from services.notify.adapters.delivery_events import DeliveryEvents
from services.notify.adapters.postgres_outbox import PostgresOutbox
from services.notify.adapters.postgres_store import PostgresNotifyStore
from services.notify.adapters.pushed_outcomes_sql import ApplyPushedOutcomes
from services.notify.adapters.retention import RetentionPurge
from services.notify.adapters.sms_reports_sql import ApplySmsReports
from services.notify.adapters.tencent_sms import TencentSms
from services.notify.adapters.tencent_vms import TencentVoice
from services.notify.adapters.wechat_template import WeChatTemplate
from services.notify.callbacks import callback_listener
from services.notify.channels import ChannelProvider, Provider
from services.notify.domain.pushed_outcomes import PUSHED_PROVIDERS
from services.notify.domain.records import Record
from services.notify.events import ROUTES
from services.notify.sender import Sender
from services.notify.settings import NotifySettings
from services.platform.kafka import KafkaEventPublisher
from services.platform.stream.periodic import periodic_job
from services.platform.stream.worker import StreamSpec

SERVICE = "notify"


def channel_providers(settings: NotifySettings) -> list[ChannelProvider]:
    """Every provider notify sends through, each configured from settings."""
    return [
        TencentSms(settings),
        AliyunSms(settings),
        WeChatTemplate(settings),
        TencentVoice(settings),
    ]


def pushed_providers(settings: NotifySettings) -> list[Provider]:
    """Providers whose outcomes are pushed to notify's listener: none when nobody listens."""
    if settings.callback_port is None:
        return []
    return [Provider(name) for name in PUSHED_PROVIDERS]


def stream_spec(settings: NotifySettings | None = None) -> StreamSpec[Record]:
    settings = settings or NotifySettings()
    return StreamSpec(
        service=SERVICE,
        routes=ROUTES,
        open_store=PostgresNotifyStore,
        extensions=(
            periodic_job(
                "send_notices",
                settings.send_interval_seconds,
                lambda pool, _producer, _settings: Sender(
                    PostgresOutbox(pool), channel_providers(settings), settings
                ),
            ),
            periodic_job(
                "publish_delivery_events",
                settings.deliveries_interval_seconds,
                lambda pool, producer, worker_settings: DeliveryEvents(
                    pool,
                    KafkaEventPublisher(producer),
                    topic_name(NOTIFY_DELIVERIES, worker_settings.topic_prefix),
                    [p.provider for p in channel_providers(settings) if p.pulls_receipts],
                    pushed=pushed_providers(settings),
                    push_wait_seconds=settings.pushed_outcome_match_seconds,
                ),
            ),
            periodic_job(
                "campaign_gauges",
                settings.campaign_gauges_interval_seconds,
                lambda pool, _producer, _settings: CampaignGauges(pool),
            ),
            callback_listener(settings),
            periodic_job(
                "apply_pushed_outcomes",
                settings.pushed_outcomes_interval_seconds,
                lambda pool, _producer, _settings: ApplyPushedOutcomes(
                    pool,
                    match_seconds=settings.pushed_outcome_match_seconds,
                    retention_days=settings.notify_retention_days,
                ),
            ),
            periodic_job(
                "apply_sms_reports",
                settings.pushed_outcomes_interval_seconds,
                lambda pool, _producer, _settings: ApplySmsReports(
                    pool, match_seconds=settings.pushed_outcome_match_seconds
                ),
            ),
            periodic_job(
                "purge_expired_personal_data",
                settings.purge_interval_seconds,
                lambda pool, _producer, _settings: RetentionPurge(
                    pool, settings.notify_retention_days
                ),
            ),
        ),
    )
