"""A throwaway Virtuoso server for the tests: its own database folder, loopback ports, and a
password that is not Virtuoso's default (unless asked to keep it)."""

from __future__ import annotations

import secrets
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

INI = """\
[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
Striping = 0
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
CaseMode = 2
DirsAllowed = ., {db}{dirs_allowed}
NumberOfBuffers = {buffers}
MaxDirtyBuffers = {dirty_buffers}
CheckpointInterval = 0
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {db}
ServerThreads = 4
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
"""
START_SECONDS = 60


def _free_ports(count: int) -> list[int]:
    """COUNT free loopback ports, all different: the probes are held open together (one
    probe closed before the next is bound may be given the same port again, and Virtuoso then
    fails its HTTP listen: "Failed HTTP listen at 127.0.0.1:…", seen once in CI)."""
    probes = [socket.socket() for _ in range(count)]
    try:
        for probe in probes:
            probe.bind(("127.0.0.1", 0))
        return [probe.getsockname()[1] for probe in probes]
    finally:
        for probe in probes:
            probe.close()


class Virtuoso:
    """Start with start(), stop with stop(); endpoint and store_url for the client."""

    def __init__(self, folder: Path, dirs_allowed: tuple[Path, ...] = (), buffers: int = 10000,
                 *, default_password: bool = False):
        self.folder = folder
        self.dirs_allowed = dirs_allowed  # folders the bulk loader may read, beside the database
        self.buffers = buffers  # 8 kB pages in memory; Virtuoso's tuning guide: ~2/3 of its RAM
        self.sql_port, self.http_port = _free_ports(2)
        # default_password: left as a fresh Virtuoso has it (dba), as on many a server.
        self.user = "dba"
        self.password = "dba" if default_password else secrets.token_urlsafe(12)
        self.endpoint = f"http://127.0.0.1:{self.http_port}/sparql"
        self.store_url = f"http://127.0.0.1:{self.http_port}/sparql-graph-crud-auth"
        self.sql_address = f"127.0.0.1:{self.sql_port}"
        self.process: subprocess.Popen | None = None

    def start(self) -> Virtuoso:
        ini = self.folder / "virtuoso.ini"
        extra = "".join(f", {folder}" for folder in self.dirs_allowed)
        ini.write_text(INI.format(db=self.folder, sql_port=self.sql_port,
                                  http_port=self.http_port, dirs_allowed=extra,
                                  buffers=self.buffers, dirty_buffers=self.buffers * 3 // 5),
                       encoding="utf-8")
        self.process = subprocess.Popen(
            [shutil.which("virtuoso-t"), "+configfile", str(ini), "+foreground"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self._wait_until_up()
        if self.password != "dba":
            self._isql("dba", f"USER_SET_PASSWORD('dba', '{self.password}');")
        return self

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()

    def _wait_until_up(self) -> None:
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                log = (self.folder / "virtuoso.log").read_text(errors="replace")[-2000:]
                raise RuntimeError(f"virtuoso-t exited: {log}")
            try:
                with urllib.request.urlopen(self.endpoint + "?query=ASK%7B%7D", timeout=2):
                    return
            except OSError:
                time.sleep(0.5)
        raise RuntimeError(f"Virtuoso did not answer on {self.endpoint} in {START_SECONDS} s")

    def _isql(self, password: str, statement: str) -> None:
        subprocess.run([shutil.which("isql-vt"), f"127.0.0.1:{self.sql_port}", "dba", password,
                        f"exec={statement}"], check=True, capture_output=True, timeout=60)
