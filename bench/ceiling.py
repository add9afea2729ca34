"""The ceiling of a Python endpoint on this machine: a bare FastAPI hello world, served by
uvicorn with exactly the settings `common.app.serve_main` uses (no log config, no access log).

    .venv/bin/python bench/ceiling.py   # HOST / PORT from the environment
"""

from __future__ import annotations

import os
import platform

from fastapi import FastAPI

app = FastAPI()


@app.get("/hello")
async def hello() -> dict[str, str]:
    return {"status": "ok"}


def machine() -> str:
    """Core count and load average, printed by every bench at start (the machine is shared)."""
    load = os.getloadavg()
    return (
        f"machine: {os.cpu_count()} cores, load average {load[0]:.2f} {load[1]:.2f} "
        f"{load[2]:.2f}, python {platform.python_version()}"
    )


if __name__ == "__main__":
    import uvicorn

    uvicorn.run(
        app,
        host=os.environ.get("HOST", "127.0.0.1"),
        port=int(os.environ.get("PORT", "8000")),
        log_config=None,
        access_log=False,
    )
