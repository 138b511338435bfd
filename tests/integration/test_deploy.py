"""The deployment in docs/deploy.md, run as written (issue 15, item 3): Debian's nginx with
deploy/nginx-b12-planner.conf in front of two app processes started by the ExecStart line of
deploy/b12-planner@.service with deploy/b12-planner.env, on a database made by
deploy/postgres-setup.sql. Only addresses, ports, folders and secrets are swapped for the
test's own. Headless Chromium loads the page through the proxy and keeps a websocket session
(a search answered); nginx's log shows each visitor's requests reaching one process.
"""

from __future__ import annotations

import os
import secrets
import shlex
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.support.browser import CHROMIUM_ARGS, require, sync_playwright, wait_for_app
from tests.support.paths import ROOT
from tests.support.redis_server import running_redis
from tests.support.streamlit_server import AppSpec, free_port, running_streamlit, streamlit_command, wait_healthy

DEPLOY = ROOT / "deploy"
DOCS = ROOT / "docs" / "deploy.md"
FILES = ("nginx-b12-planner.conf", "b12-planner@.service", "b12-planner.env", "postgres-setup.sql")
DOC_PORTS = (8501, 8502)

pytestmark = [pytest.mark.deploy, pytest.mark.postgres, pytest.mark.redis, pytest.mark.browser]


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None)


def unit_command(port: int) -> list[str]:
    """The unit's ExecStart for instance `port`, run by this Python (the unit names a virtualenv's)."""
    line = next(line for line in (DEPLOY / "b12-planner@.service").read_text().splitlines()
                if line.startswith("ExecStart="))
    command = [part.replace("%i", str(port)) for part in shlex.split(line.removeprefix("ExecStart="))]
    return [sys.executable, *command[1:]]


def env_file() -> dict[str, str]:
    pairs = [line.split("=", 1) for line in (DEPLOY / "b12-planner.env").read_text().splitlines()
             if line.strip() and not line.lstrip().startswith("#")]
    return {key.strip(): value.strip() for key, value in pairs}


def proxy_config(listen: int, app_ports: list[int]) -> str:
    """The documented site config with this test's listening port and app ports."""
    text = (DEPLOY / "nginx-b12-planner.conf").read_text()
    assert "    listen 80;" in text and all(f"server 127.0.0.1:{port};" in text for port in DOC_PORTS)
    text = text.replace("    listen 80;", f"    listen 127.0.0.1:{listen};")
    for documented, ours in zip(DOC_PORTS, app_ports, strict=True):
        text = text.replace(f"server 127.0.0.1:{documented};", f"server 127.0.0.1:{ours};")
    return text


def main_config(folder: Path) -> str:
    """What Debian's /etc/nginx/nginx.conf provides around conf.d/, in the test's folder, plus a log
    of which app process answered each request."""
    temp_paths = "\n".join(f"    {kind}_temp_path {folder / kind};" for kind in ("client_body", "proxy", "fastcgi",
                                                                                  "uwsgi", "scgi"))
    return (f"daemon off;\npid {folder / 'nginx.pid'};\nerror_log {folder / 'error.log'};\nevents {{}}\n"
            f"http {{\n    log_format affinity '$upstream_addr $status $cookie_b12_route $request_uri';\n"
            f"    access_log {folder / 'access.log'} affinity;\n{temp_paths}\n"
            f"    include {folder / 'b12-planner.conf'};\n}}\n")


@pytest.fixture(scope="module")
def planner_database(postgres_server):
    """The database and role deploy/postgres-setup.sql makes, on the test's server."""
    import psycopg

    admin = postgres_server.url().replace("+psycopg", "")
    with psycopg.connect(admin, autocommit=True) as connection:
        script = "\n".join(line for line in (DEPLOY / "postgres-setup.sql").read_text().splitlines()
                           if not line.startswith("--"))
        for statement in filter(None, (part.strip() for part in script.split(";"))):
            connection.execute(statement)
    yield f"postgresql://planner:CHANGE-ME@127.0.0.1:{postgres_server.port}/planner"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute("DROP DATABASE IF EXISTS planner WITH (FORCE)")
        connection.execute("DROP ROLE IF EXISTS planner")


@pytest.fixture(scope="module")
def deployment(planner_database, tmp_path_factory):
    """nginx on a free port in front of two app processes; yields the proxy's URL, its log, the ports."""
    tmp_path = tmp_path_factory.mktemp("deploy")
    nginx = nginx_binary()
    if nginx is None:
        require(False, "Debian's nginx is not installed (.ci/run installs it)")
    ports = [free_port(), free_port()]
    with running_redis(tmp_path / "redis") as redis_url:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("FDC_", "B12_PLANNER_"))}
        env.update(env_file())
        env.update(B12_PLANNER_DATABASE_URL=planner_database, B12_PLANNER_REDIS_URL=redis_url,
                   B12_PLANNER_DATA_DIR=str(tmp_path / "data"), FDC_CACHE_DIR=str(tmp_path / "fdc-cache"),
                   STREAMLIT_SERVER_COOKIE_SECRET=secrets.token_hex(32))
        specs = [AppSpec(env, port, tmp_path / f"app-{port}.log", unit_command(port)) for port in ports]
        with running_streamlit(*specs):
            listen = free_port()
            (tmp_path / "b12-planner.conf").write_text(proxy_config(listen, ports))
            (tmp_path / "nginx.conf").write_text(main_config(tmp_path))
            log = tmp_path / "nginx.out"
            with open(log, "wb") as out:
                proxy = subprocess.Popen([nginx, "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf"),
                                          "-e", str(tmp_path / "error.log")], stdout=out, stderr=subprocess.STDOUT)
            try:
                wait_healthy(f"http://127.0.0.1:{listen}", proxy, log, timeout_s=20)
                yield f"http://127.0.0.1:{listen}", tmp_path / "access.log", ports
            finally:
                proxy.terminate()
                proxy.wait(timeout=20)


def test_the_docs_show_the_deployment_files_as_they_are_and_the_tests_run_its_command():
    docs = DOCS.read_text()
    for name in FILES:
        assert (DEPLOY / name).read_text() in docs, f"docs/deploy.md does not show deploy/{name} as it is"
    assert unit_command(8501)[1:] == streamlit_command(8501)[1:]


def test_through_nginx_a_visitor_gets_the_page_and_a_websocket_session_on_one_process(deployment):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    require(chromium is not None, "Debian's chromium is not installed")
    require(sync_playwright is not None, "Playwright for Python is not installed")
    url, access_log, ports = deployment
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = browser.new_context(viewport={"width": 1400, "height": 1600}).new_page()
            page.goto(url)
            wait_for_app(page)  # connected: the websocket came up through the proxy
            search = page.get_by_role("textbox", name="Search foods")
            search.fill("beef liver braised")
            search.press("Enter")
            wait_for_app(page)
            found = page.get_by_text("1 of 1 match from the bundled USDA SR Legacy (SR28) and USDA FNDDS")
            assert found.count() == 1  # the run went both ways
            [cookie] = [c["value"] for c in page.context.cookies() if c["name"] == "b12_route"]
        finally:
            browser.close()
    time.sleep(0.5)  # nginx writes a websocket's line when it closes
    lines = [line.split() for line in access_log.read_text().splitlines()]
    mine = [line for line in lines if line[2] == cookie]
    assert any(uri.startswith("/_stcore/stream") and status == "101" for _, status, _, uri in mine)
    assert len({upstream for upstream, *_ in mine}) == 1  # page, files and websocket: one process


def test_nginx_spreads_visitors_over_both_processes(deployment):
    url, access_log, ports = deployment
    for visitor in range(20):
        request = urllib.request.Request(f"{url}/_stcore/health", headers={"Cookie": f"b12_route=visitor-{visitor}"})
        with urllib.request.urlopen(request, timeout=10) as reply:
            assert reply.status == 200
    upstreams = {line.split()[0] for line in access_log.read_text().splitlines() if "visitor-" in line}
    assert upstreams == {f"127.0.0.1:{port}" for port in ports}
