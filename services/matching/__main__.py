"""`python -m services.matching`: run one matching worker (scale by running more)."""

from services.matching.app import stream_spec
from services.matching.settings import MatchingSettings
from services.platform.stream.worker import run_worker

if __name__ == "__main__":
    settings = MatchingSettings()
    run_worker(settings, stream_spec(settings))
