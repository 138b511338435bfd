"""The deployment files behind a proxy that adds no forwarding header (issue 23, item 4): stunnel,
socat, nginx `stream` or HAProxy in TCP mode pass bytes on, so every visitor's connection comes
from 127.0.0.1 and the browser's `Host: localhost` arrives as sent. App processes start as
tests/integration/test_deploy.py starts them (the unit's ExecStart, its Environment= lines, then the
environment file, which wins, as systemd does), with such a proxy, written here, in front.
A visitor must be hosted: with the environment file as shipped, and with an older environment
file that does not set B12_PLANNER_MODE, since the unit sets it too.
"""

from __future__ import annotations

import os
import secrets
import shlex
import socket
import threading
from contextlib import contextmanager
from typing import Iterator

import pytest

from tests.browser.test_hardening_local import visitor_sees
from tests.integration.test_deploy import DEPLOY, env_file, planner_database, unit_command  # noqa: F401 (a fixture)
from tests.support.streamlit_server import AppSpec, free_port, running_streamlit

pytestmark = [pytest.mark.deploy, pytest.mark.postgres, pytest.mark.browser]


def unit_environment() -> dict[str, str]:
    """The unit's Environment= settings (systemd applies them first; EnvironmentFile= wins)."""
    pairs = [shlex.split(line.removeprefix("Environment="))
             for line in (DEPLOY / "b12-planner@.service").read_text().splitlines() if line.startswith("Environment=")]
    return dict(item.split("=", 1) for words in pairs for item in words)


@contextmanager
def tcp_proxy(target_port: int) -> Iterator[int]:
    """A proxy on 127.0.0.1 that relays bytes both ways and adds nothing: yields its port."""
    listener = socket.create_server(("127.0.0.1", 0))
    open_sockets: list[socket.socket] = [listener]

    def pump(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                try:
                    end.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def accept() -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # closed
            upstream = socket.create_connection(("127.0.0.1", target_port))
            open_sockets.extend((client, upstream))
            threading.Thread(target=pump, args=(client, upstream), daemon=True).start()
            threading.Thread(target=pump, args=(upstream, client), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    try:
        yield listener.getsockname()[1]
    finally:
        for sock in open_sockets:
            sock.close()


def deployed_env(planner_url: str, folder, env_file_settings: dict[str, str]) -> dict[str, str]:
    """As tests/integration/test_deploy.py runs the processes: the unit's and the file's settings, the test's
    own database, folders and cookie secret."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FDC_", "B12_PLANNER_"))}
    env.update(unit_environment())
    env.update(env_file_settings)
    env.update(B12_PLANNER_DATABASE_URL=planner_url, B12_PLANNER_DATA_DIR=str(folder / "data"),
               FDC_CACHE_DIR=str(folder / "fdc-cache"), STREAMLIT_SERVER_COOKIE_SECRET=secrets.token_hex(32))
    env.pop("B12_PLANNER_REDIS_URL")  # no FDC key here, so no cache to share
    return env


def test_behind_a_proxy_that_adds_no_header_a_visitor_naming_localhost_is_hosted(
        planner_database, browser, tmp_path):  # noqa: F811 (planner_database is test_deploy's fixture)
    shipped = env_file()
    assert shipped.get("B12_PLANNER_MODE") == "hosted"
    older = {key: value for key, value in shipped.items() if key != "B12_PLANNER_MODE"}
    ports = {"shipped": free_port(), "older env file": free_port()}
    specs = [AppSpec(deployed_env(planner_database, tmp_path / name, settings), port, tmp_path / f"{port}.log",
                     unit_command(port))
             for (name, port), settings in zip(ports.items(), (shipped, older), strict=True)]
    with running_streamlit(*specs):
        seen = {}
        for name, port in ports.items():
            with tcp_proxy(port) as proxy_port:
                seen[name] = visitor_sees(browser, f"http://localhost:{proxy_port}")
    assert seen == {"shipped": "in the tab", "older env file": "in the tab"}  # not "local"
