"""A throw-away PostgreSQL cluster for the tests: initdb and pg_ctl in a temporary folder
(a free local port, its socket in that folder, fsync off), a fresh database per test, all of
it stopped and deleted at the end. As root, the cluster runs as the `postgres` system user
(initdb refuses root); otherwise as the current user."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

USER, PASSWORD = "bilat", "bilat-test"


def binaries() -> Path | None:
    """The folder of initdb and pg_ctl: PG_BIN, the PATH, or Debian's versioned folders;
    None when there are none."""
    if os.environ.get("PG_BIN"):
        given = Path(os.environ["PG_BIN"])
        return given if (given / "initdb").exists() else None
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent  # a link in /usr/local/bin: its folder
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                      key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0)
    return Path(versions[-1]).parent if versions else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    """One running server; `new_database()` gives the address of a fresh, empty database."""

    def __init__(self, bin_dir: Path):
        self.bin = bin_dir
        # not under pytest's tmp folders: those are 0700 to root, and the server runs as
        # `postgres` when the tests run as root
        self.root = Path(tempfile.mkdtemp(prefix="bilat-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self._as = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self._as:
            shutil.chown(self.root, "postgres")
        try:
            self._start()
        except BaseException:
            shutil.rmtree(self.root, ignore_errors=True)
            raise

    def _start(self) -> None:
        pwfile = self.root / "pw"
        pwfile.write_text(PASSWORD + "\n", encoding="utf-8")
        if self._as:
            shutil.chown(pwfile, "postgres")
        self._run("initdb", "-D", str(self.data), "-U", USER, "--pwfile", str(pwfile),
                  "--auth=scram-sha-256", "-E", "UTF8", "--locale=C")
        options = (f"-c port={self.port} -c listen_addresses=127.0.0.1 "
                   f"-c unix_socket_directories={self.root} -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.root / "log"), "-w",
                  "-o", options, "start")

    def _run(self, tool: str, *args: str) -> None:
        r = subprocess.run([*self._as, str(self.bin / tool), *args], capture_output=True,
                           text=True, timeout=120)
        if r.returncode:
            raise RuntimeError(f"{tool} failed: {r.stderr or r.stdout}")

    def address(self, database: str = "postgres", password: str = PASSWORD) -> str:
        return f"postgresql://{USER}:{password}@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        import psycopg

        name = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(self.address(), autocommit=True) as con:
            con.execute(f"CREATE DATABASE {name}")
        return self.address(name)

    def copy_database(self, address: str) -> str:
        """A new database holding what the database at `address` holds (no connection to
        it may be open)."""
        import psycopg

        name = "t_" + uuid.uuid4().hex[:12]
        source = address.rsplit("/", 1)[1]
        with psycopg.connect(self.address(), autocommit=True) as con:
            con.execute(f"CREATE DATABASE {name} TEMPLATE {source}")
        return self.address(name)

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
