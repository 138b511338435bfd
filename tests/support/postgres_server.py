"""A throwaway PostgreSQL server for the tests and bench/store.py: Debian's `initdb` and `postgres`
in a temporary folder, run as an unprivileged user, listening on 127.0.0.1 only.

`initdb` refuses to run as root, and CI runs as root: there the server runs as the `postgres`
system user (created when missing) through `runuser`, and the folder is handed to it.
"""

from __future__ import annotations

import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest

SERVICE_USER = "postgres"
DEBIAN_BINDIRS = "/usr/lib/postgresql"


class PostgresMissing(RuntimeError):
    """No PostgreSQL server binaries on this machine."""


def postgres_bindir() -> Path | None:
    """Where initdb and postgres live: $B12_PG_BINDIR, `pg_config --bindir`, or Debian's newest."""
    candidates = [os.environ.get("B12_PG_BINDIR", "")]
    if shutil.which("pg_config"):
        result = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True, check=False)
        candidates.append(result.stdout.strip())
    debian = Path(DEBIAN_BINDIRS)
    if debian.is_dir():
        versions = sorted(debian.iterdir(), key=lambda p: [int(n) for n in re.findall(r"\d+", p.name)], reverse=True)
        candidates += [str(version / "bin") for version in versions]
    for candidate in candidates:
        if candidate and (Path(candidate) / "initdb").exists() and (Path(candidate) / "postgres").exists():
            return Path(candidate)
    return None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _as_service_user() -> list[str]:
    """The command prefix that drops root to the `postgres` user (nothing when not root)."""
    if os.geteuid() != 0:
        return []
    try:
        pwd.getpwnam(SERVICE_USER)
    except KeyError:
        subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", SERVICE_USER],
                       check=True)
    return ["runuser", "-u", SERVICE_USER, "--"]


@dataclass
class PostgresServer:
    bindir: Path
    root: Path
    port: int
    durable: bool = False
    prefix: list[str] = field(default_factory=_as_service_user)

    @property
    def data(self) -> Path:
        return self.root / "data"

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def _run(self, *args: str) -> None:
        result = subprocess.run([*self.prefix, *args], capture_output=True, text=True, check=False)
        if result.returncode != 0:
            log = (self.root / "server.log")
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{Path(args[0]).name} failed ({result.returncode}): {result.stderr.strip()}\n{tail}")

    def init(self) -> None:
        self._run(str(self.bindir / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust",
                  "-E", "UTF8", "--locale=C", "--no-sync")

    def start(self) -> None:
        speed = "" if self.durable else " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1{speed}"
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-l", str(self.root / "server.log"),
                  "-w", "-t", "60", "-o", options, "start")

    def stop(self, mode: str = "fast") -> None:
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop")

    def create_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(self.url().replace("+psycopg", ""), autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def empty_database(self, url: str) -> None:
        """Delete every row of every table except `schema_version` (the schema stays)."""
        import psycopg

        with psycopg.connect(url.replace("+psycopg", ""), autocommit=True) as connection:
            tables = [row[0] for row in connection.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_version'")]
            if tables:
                connection.execute(f"TRUNCATE {', '.join(tables)} CASCADE")

    def drop_database(self, name: str) -> None:
        import psycopg

        with psycopg.connect(self.url().replace("+psycopg", ""), autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def close(self) -> None:
        try:
            self.stop("immediate")
        except RuntimeError:
            pass  # already stopped
        shutil.rmtree(self.root, ignore_errors=True)


def start_postgres(durable: bool = False) -> PostgresServer:
    """initdb + start a new server in a fresh temporary folder; raises PostgresMissing without binaries."""
    bindir = postgres_bindir()
    if bindir is None:
        raise PostgresMissing("PostgreSQL's initdb/postgres were not found (apt-get install postgresql)")
    root = Path(tempfile.mkdtemp(prefix="b12-pg-"))  # under /tmp, so the service user can reach it
    server = PostgresServer(bindir, root, _free_port(), durable)
    if server.prefix:
        shutil.chown(root, SERVICE_USER, SERVICE_USER)
    try:
        server.init()
        server.start()
    except BaseException:
        shutil.rmtree(root, ignore_errors=True)
        raise
    return server


def started_postgres() -> PostgresServer:
    """A new real PostgreSQL server on 127.0.0.1; skips without one, except in CI, where it fails."""
    try:
        return start_postgres()
    except PostgresMissing as error:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{error}; .ci/run installs it")
        pytest.skip(str(error))
