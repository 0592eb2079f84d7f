"""`python -m services.notify.simulator`: the SMS provider simulator on port 8200."""

import uvicorn

from services.notify.simulator.app import create_app
from services.notify.simulator.settings import SimulatorSettings

if __name__ == "__main__":
    settings = SimulatorSettings()
    # No access log: it records what it received itself (/_sim/received), and a line per
    # request cost it a tenth of its time under a bulk send.
    uvicorn.run(
        create_app(settings), host=settings.http_host, port=settings.http_port, access_log=False
    )
