"""`dev`: run the whole platform on this machine until Ctrl-C, and stop it all cleanly."""

from __future__ import annotations

import errno
import fcntl
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from types import FrameType
from typing import BinaryIO

from deploy.local.console import LogFollower, say, show_ready, tail, warn
from deploy.local.servers import LOOPBACK, free_port
from deploy.local.stack import PORTAL, SERVICES, LocalStack

__all__ = ["DevOptions", "run_dev"]

_POLL_SECONDS = 0.2
_STOP_SECONDS = 15.0
_STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


@dataclass(frozen=True)
class DevOptions:
    """What `python -m deploy.local dev` was asked to do."""

    data_dir: Path
    ports: Mapping[str, int]
    demo_data: bool = True
    fresh: bool = False
    follow_logs: bool = True
    log_format: str = "console"
    timeout: float = 60.0


@dataclass(frozen=True)
class Failure:
    """A child that died or never became ready."""

    who: str
    reason: str
    log_path: Path | None = None


class StopSignals:
    """Record SIGINT/SIGTERM/SIGHUP instead of raising, so no child is started half-way."""

    def __init__(self) -> None:
        self.received: int | None = None
        self._previous = {sig: signal.signal(sig, self._record) for sig in _STOP_SIGNALS}

    def _record(self, signum: int, _frame: FrameType | None) -> None:
        self.received = self.received or signum

    def restore(self) -> None:
        """Put the previous handlers back."""
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)


_PROCESSES = (*SERVICES, PORTAL)


def run_dev(options: DevOptions) -> int:
    """Start everything, supervise it until a stop signal or a crash; return the exit code."""
    # Absolute: the servers run with their data directory as working directory.
    data_dir = options.data_dir.resolve()
    lock = _lock(data_dir)
    if lock is None:
        warn(f"Cannot start: another `dev` uses {data_dir}. Stop it, or choose --data-dir.")
        return 1
    with lock:
        return _run_locked(replace(options, data_dir=data_dir))


def _run_locked(options: DevOptions) -> int:
    ports = {name: port or free_port() for name, port in options.ports.items()}
    if conflict := _port_conflict(ports):
        warn(conflict)
        return 1
    if options.fresh:
        _wipe(options.data_dir)
    stack = LocalStack(
        data_dir=options.data_dir,
        ports=ports,
        extra_env={"REGISTRY_DEMO_DATA": str(options.demo_data).lower()},
        log_format=options.log_format,
    )
    signals = StopSignals()
    try:
        return _run(stack, options, signals)
    finally:
        say("Stopping the services, then Kafka and MongoDB...")
        _stop_all(stack)
        signals.restore()
        say("Stopped.")


def _run(stack: LocalStack, options: DevOptions, signals: StopSignals) -> int:
    started = time.monotonic()
    failure = _start(stack, signals, started + options.timeout)
    if signals.received:
        return 0
    if failure is not None:
        _report(failure)
        return 1
    show_ready(
        stack,
        seconds=time.monotonic() - started,
        demo_data=options.demo_data,
        follow=options.follow_logs,
    )
    logs = {name: service.log_path for name, service in stack.services.items()}
    failure = _supervise(stack, signals, LogFollower(logs) if options.follow_logs else None)
    if failure is None:
        return 0
    _report(failure)
    return 1


def _start(stack: LocalStack, signals: StopSignals, deadline: float) -> Failure | None:
    say("Starting Kafka (Tansu) and MongoDB (NX-27017)...")
    try:
        stack.start_infrastructure()
    except (RuntimeError, TimeoutError, OSError, ImportError) as error:
        log_path = _newest_log(stack.data_dir)
        return Failure("an embedded server", f"did not start ({error})", log_path)
    say(f"Starting {', '.join(_PROCESSES)}...")
    for name in _PROCESSES:  # the portal last: it is told the services' addresses
        if signals.received:
            return None
        stack.start_service(name, wait=False)
    return _wait_ready(stack, signals, deadline)


def _wait_ready(stack: LocalStack, signals: StopSignals, deadline: float) -> Failure | None:
    pending = list(_PROCESSES)
    while pending and not signals.received:
        if failure := _dead_child(stack):
            return failure
        pending = [name for name in pending if not _answers_ready(stack.url(name))]
        if pending and time.monotonic() > deadline:
            name = pending[0]
            return Failure(name, "did not answer /readyz in time", stack.services[name].log_path)
        time.sleep(_POLL_SECONDS)
    return None


def _answers_ready(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/readyz", timeout=1) as answer:  # noqa: S310
            return bool(answer.status == 200)
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def _supervise(
    stack: LocalStack, signals: StopSignals, follower: LogFollower | None
) -> Failure | None:
    while not signals.received:
        if follower is not None:
            follower.pump()
        _revive_kafka(stack)
        if failure := _dead_child(stack):
            return failure
        time.sleep(_POLL_SECONDS)
    return None


def _revive_kafka(stack: LocalStack) -> None:
    """Restart a Tansu that died; its topics at once, the services republish what it lost."""
    if stack.kafka is None or stack.kafka.process.poll() is None:
        return
    warn(f"Kafka (Tansu) {_describe_exit(stack.kafka.process.returncode)}; restarting it.")
    try:
        created = stack.restart_kafka()
    except Exception as error:
        # The launcher goes on supervising the rest; the next round tries again.
        warn(f"Kafka (Tansu) did not start again ({error}); retrying.")
        return
    say(
        f"Kafka (Tansu) is back, empty, with {len(created)} topics made again; the services "
        "republish their retained events (outbox) within a few seconds."
    )


def _children(stack: LocalStack) -> Iterator[tuple[str, subprocess.Popen[bytes], Path]]:
    servers = (
        (stack.kafka, "Kafka (Tansu)"),
        (stack.mongodb, "MongoDB (NX-27017)"),
        (stack.mail, "SMTP sink (aiosmtpd)"),
    )
    for server, label in servers:
        if server is not None:
            yield label, server.process, server.log_path
    for name, service in stack.services.items():
        yield f"service {name}", service.process, service.log_path


def _dead_child(stack: LocalStack) -> Failure | None:
    for who, process, log_path in _children(stack):
        code = process.poll()
        if code is not None:
            return Failure(who, _describe_exit(code), log_path)
    return None


def _describe_exit(code: int) -> str:
    if code < 0:
        return f"was killed by {signal.Signals(-code).name}"
    return f"exited with code {code}"


def _report(failure: Failure) -> None:
    warn("", f"ERROR: {failure.who} {failure.reason}.")
    lines = tail(failure.log_path)
    if failure.log_path is not None and lines:
        warn(f"Last lines of {failure.log_path}:", *(f"  {line}" for line in lines))


def _stop_all(stack: LocalStack) -> None:
    # Terminate every service first and wait after, so their graceful shutdowns overlap.
    running = [s.process for s in stack.services.values() if s.process.poll() is None]
    for process in running:
        process.terminate()
    for process in running:
        try:
            process.wait(_STOP_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(_STOP_SECONDS)
    stack.stop()


def _port_conflict(ports: Mapping[str, int]) -> str | None:
    """Return a message naming a port that is taken or given twice, else None."""
    seen: dict[int, str] = {}
    for name, port in ports.items():
        if port in seen:
            return f"Cannot start: {name} and {seen[port]} are both set to port {port}."
        seen[port] = name
        if _in_use(port):
            return (
                f"Cannot start: port {port} ({name}) on {LOOPBACK} is already in use. "
                f"Is another `make dev` running? Stop it, or choose another port with "
                f"--{name}-port N (0 picks a free port)."
            )
    return None


def _in_use(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        # Like the servers themselves, ignore sockets left in TIME_WAIT by a previous run.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((LOOPBACK, port))
        except OSError as error:
            return error.errno in (errno.EADDRINUSE, errno.EACCES)
    return False


def _lock(data_dir: Path) -> BinaryIO | None:
    """Lock the data directory, so two launchers never share one MongoDB data directory."""
    data_dir.mkdir(parents=True, exist_ok=True)
    handle = (data_dir / "launcher.lock").open("wb")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        return None
    return handle


def _wipe(data_dir: Path) -> None:
    """Delete stored data and logs; keep the signing key so issued tokens stay valid."""
    for part in ("mongodb", "kafka", "mail", "logs", "tokens.env"):
        target = data_dir / part
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()
    say(f"Deleted the stored data under {data_dir} (--fresh); the signing key is kept.")


def _newest_log(data_dir: Path) -> Path | None:
    logs = [*data_dir.glob("kafka/*.log"), *data_dir.glob("mongodb/*.out")]
    return max(logs, key=lambda path: path.stat().st_mtime, default=None)
