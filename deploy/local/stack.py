"""The platform on one machine: embedded servers, local identity and the four service processes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from deploy.local.broker import create_platform_topics
from deploy.local.keys import LOCAL_AUDIENCE, LOCAL_ISSUER, LocalIdentity
from deploy.local.servers import (
    LOOPBACK,
    EmbeddedServer,
    free_port,
    restart_kafka,
    start_kafka,
    start_mail_sink,
    start_mongodb,
)

__all__ = ["DEFAULT_PORTS", "PORTAL", "SERVICES", "LocalStack", "ServiceProcess"]

SERVICES = ("registry", "grants", "consultations", "notifications")
PORTAL = "portal"  # the web interface: no Kafka, it calls the services' HTTP APIs
DEFAULT_PORTS = {
    "registry": 8001,
    "grants": 8002,
    "consultations": 8003,
    "notifications": 8004,
    PORTAL: 8000,
}


@dataclass
class ServiceProcess:
    """One running service."""

    name: str
    port: int
    process: subprocess.Popen[bytes]
    log_path: Path

    @property
    def url(self) -> str:
        """Return the service's base URL."""
        return f"http://127.0.0.1:{self.port}"


@dataclass
class LocalStack:
    """Starts and stops the whole platform; servers come from arguments or are embedded."""

    data_dir: Path
    kafka_bootstrap: str | None = None
    mongodb_uri: str | None = None
    ports: Mapping[str, int] = field(default_factory=dict)
    topic_prefix: str = ""
    database_suffix: str = ""
    extra_env: Mapping[str, str] = field(default_factory=dict)
    log_format: str = "json"
    kafka: EmbeddedServer | None = field(default=None, init=False)
    mongodb: EmbeddedServer | None = field(default=None, init=False)
    mail: EmbeddedServer | None = field(default=None, init=False)
    services: dict[str, ServiceProcess] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        self.identity = LocalIdentity(self.data_dir / "keys")

    def start_infrastructure(self) -> None:
        """Start the embedded servers that were not given, and make the signing key."""
        self.identity.ensure()
        if self.kafka_bootstrap is None:
            self.kafka = start_kafka(self.data_dir / "kafka", port=self.ports.get("kafka"))
            self.kafka_bootstrap = self.kafka.url
        if self.mongodb_uri is None:
            self.mongodb = start_mongodb(self.data_dir / "mongodb", port=self.ports.get("mongodb"))
            self.mongodb_uri = self.mongodb.url
        if self.mail is None:
            # Notifications sends real SMTP; locally a sink keeps the messages in a maildir.
            self.mail = start_mail_sink(self.data_dir / "mail", port=self.ports.get("smtp"))

    def restart_kafka(self) -> list[str]:
        """Start the embedded Kafka again (empty) and make every topic; return those made."""
        if self.kafka is None:
            raise RuntimeError("Kafka is not embedded here")
        restart_kafka(self.kafka)
        # Before any client asks for a topic by name: Tansu would make it with 4 partitions.
        return create_platform_topics(self.kafka.url, self.topic_prefix)

    def start(self, names: Iterable[str] = SERVICES, timeout: float = 60.0) -> None:
        """Start infrastructure and services; return when every service is ready."""
        self.start_infrastructure()
        for name in names:
            self.start_service(name, wait=False)
        for name in names:
            self.wait_ready(name, timeout)

    def service_env(self, name: str, port: int) -> dict[str, str]:
        """Return the environment a service process runs with."""
        prefix = name.upper() + "_"
        embedded_kafka = self.kafka is not None
        settings = {
            "HTTP_PORT": str(port),
            "MONGODB_URI": str(self.mongodb_uri),
            "MONGODB_DATABASE": f"{name}{self.database_suffix}",
            "KAFKA_BOOTSTRAP_SERVERS": str(self.kafka_bootstrap),
            # Tansu answers InitProducerId with UnknownError: no idempotent producer there.
            "KAFKA_IDEMPOTENT_PRODUCER": "false"
            if embedded_kafka
            else os.environ.get("KAFKA_IDEMPOTENT_PRODUCER", "true"),
            "KAFKA_TOPIC_PREFIX": self.topic_prefix,
            "AUTH_JWKS_URL": self.identity.jwks_url,
            "AUTH_ISSUER": LOCAL_ISSUER,
            "AUTH_AUDIENCE": LOCAL_AUDIENCE,
            "LOG_FORMAT": self.log_format,
            "OUTBOX_POLL_SECONDS": "0.2",
            # A local key pair (file:// JWKS) and development secrets: refused in production.
            "DEPLOYMENT": "development",
            # Four processes on one host: /metrics on each API port, not one shared port.
            "METRICS_PORT": "0",
            # The portal calls the services from loopback on behalf of its visitors: believe
            # its X-Forwarded-For, or every visitor would share one rate limit.
            "HTTP_TRUSTED_PROXIES": LOOPBACK,
        }
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        if embedded_kafka:  # Tansu holds a group's first join for half the session timeout
            settings["KAFKA_SESSION_TIMEOUT_MS"] = "6000"
            settings["KAFKA_HEARTBEAT_INTERVAL_MS"] = "2000"
        if self.mail is not None and name == "notifications":
            settings["SMTP_HOST"], settings["SMTP_PORT"] = self.mail.url.split(":")
        if name == "notifications":  # links in e-mails and the inbox open portal pages
            settings["WEB_BASE_URL"] = f"http://127.0.0.1:{self.ports.get(PORTAL, 8000)}"
        if name == PORTAL:
            settings.update(self._portal_env())
        env.update({prefix + key: value for key, value in settings.items()})
        env.update(self.extra_env)
        return env

    def _portal_env(self) -> dict[str, str]:
        """Return the portal's own settings: the services' URLs and the demo sign-in."""
        urls = {
            f"{service.upper()}_URL": self.url(service)
            for service in SERVICES
            if service in self.services
        }
        # Development sign-in mints tokens with the key the services trust here.
        return {**urls, "DEV_SIGN_IN": "true", "DEV_KEYS_DIR": str(self.identity.directory)}

    def start_service(
        self, name: str, *, wait: bool = True, timeout: float = 60.0
    ) -> ServiceProcess:
        """Start (or restart) one service process."""
        port = (
            self.services[name].port if name in self.services else self.ports.get(name, free_port())
        )
        log_dir = self.data_dir / "logs"
        log_dir.mkdir(parents=True, exist_ok=True)
        log_path = log_dir / f"{name}.log"
        with log_path.open("ab") as log:
            process = subprocess.Popen(
                [sys.executable, "-m", f"services.{name}"],
                env=self.service_env(name, port),
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=Path(__file__).resolve().parents[2],
                start_new_session=True,
            )
        self.services[name] = ServiceProcess(name, port, process, log_path)
        if wait:
            self.wait_ready(name, timeout)
        return self.services[name]

    def wait_ready(self, name: str, timeout: float = 60.0) -> None:
        """Wait until the service answers /readyz with 200, or raise."""
        service = self.services[name]
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if service.process.poll() is not None:
                code = service.process.returncode
                raise RuntimeError(f"{name} exited with {code}; see {service.log_path}")
            try:
                with urllib.request.urlopen(f"{service.url}/readyz", timeout=2) as answer:  # noqa: S310
                    if answer.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.2)
        raise TimeoutError(f"{name} not ready after {timeout}s; see {service.log_path}")

    def stop_service(self, name: str, *, kill: bool = False, timeout: float = 15.0) -> None:
        """Stop one service: SIGTERM (graceful) or SIGKILL (a crash)."""
        service = self.services[name]
        if service.process.poll() is not None:
            return
        service.process.send_signal(signal.SIGKILL if kill else signal.SIGTERM)
        try:
            service.process.wait(timeout)
        except subprocess.TimeoutExpired:
            service.process.kill()
            service.process.wait(timeout)

    def stop(self) -> None:
        """Stop every service, then the embedded servers."""
        for name in list(self.services):
            self.stop_service(name)
        for server in (self.kafka, self.mongodb, self.mail):
            if server is not None:
                server.stop()

    def url(self, name: str) -> str:
        """Return a running service's base URL."""
        return self.services[name].url

    def token(self, **claims: Any) -> str:
        """Mint an access token (see LocalIdentity.mint for the claims)."""
        return self.identity.mint(**claims)

    def __enter__(self) -> LocalStack:
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()
