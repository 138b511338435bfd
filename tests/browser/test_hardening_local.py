"""Who is local, on real `streamlit run` processes and a real browser (issue 23, item 4).

The zero-set-up promise holds: the plain `streamlit run app.py` (no address on its command
line) listens on this computer only, thanks to .streamlit/config.toml, and saves the person's
plans. A server listening on every interface serves nobody as local, on a desktop too (not
headless), unless B12_PLANNER_MODE=local says so.
"""

from __future__ import annotations

import os
import socket
import sqlite3
import sys
from pathlib import Path

import pytest

from tests.browser.test_login import save_plan
from tests.support.browser import wait_for_app
from tests.support.streamlit_server import AppSpec, free_port, running_streamlit

pytestmark = pytest.mark.browser

HERE = "Plans are saved on this computer."
IN_THE_TAB = "Your plans are kept in this browser tab only"  # no sign-in configured: not "not signed in"


def app_env(tmp_path: Path, name: str, **changes: str) -> dict[str, str]:
    """A person's environment: no planner settings but a data folder of the test's."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FDC_", "B12_PLANNER_"))}
    env.update(B12_PLANNER_DATA_DIR=str(tmp_path / name), STREAMLIT_BROWSER_GATHER_USAGE_STATS="false", **changes)
    return env


def outward_address() -> str | None:
    """This machine's address on its network (where another machine would reach it); None without one."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # a documentation address: nothing is sent
        except OSError:
            return None
        address = probe.getsockname()[0]
    return None if address.startswith("127.") else address


def reachable(host: str, port: int) -> bool:
    try:
        socket.create_connection((host, port), timeout=2).close()
    except OSError:
        return False
    return True


def visitor_sees(browser, url: str) -> str:
    page = browser.new_context(viewport={"width": 1400, "height": 1600}).new_page()
    page.goto(url)
    wait_for_app(page)
    sidebar = page.get_by_test_id("stSidebar").inner_text()
    main = page.get_by_test_id("stMain").inner_text()
    page.context.close()
    return "local" if HERE in sidebar else "in the tab" if IN_THE_TAB in main else "neither"


def test_the_plain_run_listens_here_only_and_saves_the_local_persons_plans(browser, tmp_path):
    port = free_port()
    command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
               "--server.port", str(port)]  # no --server.address: as a person types it
    spec = AppSpec(app_env(tmp_path, "data"), port, tmp_path / "plain.log", command)
    with running_streamlit(spec):
        outward = outward_address()
        if outward is not None:
            assert not reachable(outward, port), "the plain run must not listen where others reach it"
        page = browser.new_context(viewport={"width": 1400, "height": 1600}).new_page()
        page.goto(f"http://localhost:{port}")
        wait_for_app(page)
        page.get_by_text(HERE).wait_for()
        save_plan(page, "My own day")
        page.context.close()
    with sqlite3.connect(tmp_path / "data" / "plans.sqlite3") as database:
        assert database.execute("SELECT owner, name FROM plans").fetchall() == [("local", "My own day")]


def test_a_desktop_server_on_every_interface_serves_nobody_as_local_unless_told(browser, tmp_path):
    # Not headless, Streamlit opens a browser (a stand-in that does nothing here) and, on its first
    # run, asks for an e-mail address (answered once, in a home folder of the test's).
    shim, home = tmp_path / "bin", tmp_path / "home"
    shim.mkdir()
    (shim / "xdg-open").write_text("#!/bin/sh\nexit 0\n")
    (shim / "xdg-open").chmod(0o755)
    (home / ".streamlit").mkdir(parents=True)
    (home / ".streamlit" / "credentials.toml").write_text('[general]\nemail = ""\n')
    desktop = {"PATH": f"{shim}{os.pathsep}{os.environ.get('PATH', '')}", "HOME": str(home)}
    ports = {"unset": free_port(), "local": free_port()}
    specs = [AppSpec(app_env(tmp_path, mode, **desktop, **({"B12_PLANNER_MODE": "local"} if mode == "local" else {})),
                     port, tmp_path / f"{mode}.log",
                     [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "false",
                      "--server.address", "0.0.0.0", "--server.port", str(port)])
             for mode, port in ports.items()]
    with running_streamlit(*specs):
        seen = {mode: visitor_sees(browser, f"http://127.0.0.1:{port}") for mode, port in ports.items()}
    assert seen == {"unset": "in the tab", "local": "local"}
