"""`python -m services.notify`: run one notify worker (scale by running more)."""

from services.notify.app import stream_spec
from services.notify.settings import NotifySettings
from services.platform.stream.worker import run_worker

if __name__ == "__main__":
    settings = NotifySettings()
    run_worker(settings, stream_spec(settings))
