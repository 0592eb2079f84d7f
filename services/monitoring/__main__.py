"""`python -m services.monitoring`: run one monitoring worker (scale by running more)."""

from services.monitoring.app import stream_spec
from services.monitoring.settings import MonitoringSettings
from services.platform.stream.worker import run_worker

if __name__ == "__main__":
    settings = MonitoringSettings()
    run_worker(settings, stream_spec(settings))
