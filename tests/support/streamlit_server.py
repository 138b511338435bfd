"""A real `streamlit run app.py` process on 127.0.0.1, for the browser tests and bench/load.py.

The command line is the one docs/deploy.md shows for each app process; the caller gives the
environment (database, cache, data folder) and a free port. Output goes to a log file, so a
chatty server never blocks on a full pipe, and the log's tail explains a server that did not start.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Mapping, Sequence

from tests.support.paths import ROOT

START_TIMEOUT_S = 60


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def streamlit_command(port: int) -> list[str]:
    """One app process: headless, on loopback only (the proxy in front is what the world sees)."""
    return [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
            "--server.address", "127.0.0.1", "--server.port", str(port)]


@dataclass(frozen=True)
class RunningApp:
    url: str
    pid: int
    log: Path


def wait_healthy(url: str, process: subprocess.Popen, log: Path, timeout_s: float = START_TIMEOUT_S) -> None:
    """Until Streamlit's health endpoint answers 200; raises with the log's tail if it never does."""
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as reply:
                if reply.status == 200:
                    return
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"streamlit on {url} did not start: {tail}")
        time.sleep(0.2)


@dataclass(frozen=True)
class AppSpec:
    """One app process to start: its environment, port, log file and (optionally) command line."""

    env: Mapping[str, str]
    port: int
    log: Path
    command: Sequence[str] | None = None


@contextmanager
def running_streamlit(*specs: AppSpec) -> Iterator[list[RunningApp]]:
    """Start every app (by default `streamlit_command(port)`, in the project folder) at once, wait
    until all answer, and stop them all after."""
    processes: list[tuple[AppSpec, subprocess.Popen]] = []
    try:
        for spec in specs:
            with open(spec.log, "wb") as out:
                processes.append((spec, subprocess.Popen(list(spec.command or streamlit_command(spec.port)),
                                                         cwd=ROOT, env=dict(spec.env), stdout=out,
                                                         stderr=subprocess.STDOUT)))
        apps = []
        for spec, process in processes:
            url = f"http://127.0.0.1:{spec.port}"
            wait_healthy(url, process, spec.log)
            apps.append(RunningApp(url, process.pid, spec.log))
        yield apps
    finally:
        for _, process in processes:
            process.terminate()
        for _, process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
