"""What the launcher shows a developer: the ready banner, demo tokens, log tails and live logs."""

from __future__ import annotations

import shlex
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from deploy.local.stack import PORTAL, SERVICES, LocalStack

__all__ = [
    "DEFAULT_DATA_DIR",
    "PERSONAS",
    "LogFollower",
    "Persona",
    "say",
    "show_ready",
    "tail",
    "warn",
]

DEFAULT_DATA_DIR = ".data"
DEMO_TENANT = "0264011"  # Wrocław, TERYT code of the municipality
DEMO_CENTRE_TENANT = "centre-02-wroclaw"  # the support centre of the registry's demo data
# No KRS: the demo data holds one, and an example that answers 409 teaches nothing.
_EXAMPLE_BODY = '{"name":"Stowarzyszenie Przykładowe (demo)","legal_form":"association"}'


@dataclass(frozen=True)
class Persona:
    """A demo user the banner prints a token for."""

    label: str
    variable: str
    subject: str
    tenant_id: str
    role: str
    name: str


PERSONAS = (
    Persona(
        "municipality officer (Wrocław)",
        "OFFICER_TOKEN",
        "demo-officer",
        DEMO_TENANT,
        "tenant_officer",
        "Demo Officer",
    ),
    Persona(
        "NGO member (no organization yet)",
        "NGO_MEMBER_TOKEN",
        "demo-ngo-member",
        DEMO_TENANT,
        "ngo_member",
        "Demo NGO Member",
    ),
    Persona(
        "support centre staff",
        "CENTRE_STAFF_TOKEN",
        "demo-centre-staff",
        DEMO_CENTRE_TENANT,
        "centre_staff",
        "Demo Centre Staff",
    ),
    Persona(
        "municipality officer (Kąty Wrocławskie)",
        "OTHER_OFFICER_TOKEN",
        "demo-officer-katy",
        "0223044",
        "tenant_officer",
        "Demo Officer Kąty",
    ),
    Persona(
        "platform admin", "ADMIN_TOKEN", "demo-admin", DEMO_TENANT, "platform_admin", "Demo Admin"
    ),
)


def say(*lines: str) -> None:
    """Write launcher messages to stdout, where the copied service logs also go."""
    sys.stdout.write("".join(f"{line}\n" for line in lines))
    sys.stdout.flush()


def warn(*lines: str) -> None:
    """Write a problem report to stderr."""
    sys.stderr.write("".join(f"{line}\n" for line in lines))
    sys.stderr.flush()


def tail(path: Path | None, lines: int = 20) -> list[str]:
    """Return the last `lines` lines of a log file (empty if it does not exist)."""
    if path is None or not path.exists():
        return []
    with path.open("rb") as log:
        log.seek(max(0, path.stat().st_size - 64 * 1024))
        text = log.read().decode("utf-8", errors="replace")
    return text.splitlines()[-lines:]


class LogFollower:
    """Copy new lines of the services' log files to stdout, prefixed with the service name."""

    def __init__(self, sources: Mapping[str, Path]) -> None:
        self._sources = dict(sources)
        self._offsets = {name: _size(path) for name, path in self._sources.items()}
        self._partial = dict.fromkeys(self._sources, "")
        self._width = max((len(name) for name in self._sources), default=0)

    def pump(self) -> None:
        """Print whatever the services logged since the last call."""
        for name, path in self._sources.items():
            chunk = self._read(name, path)
            if not chunk:
                continue
            *complete, self._partial[name] = (self._partial[name] + chunk).split("\n")
            for line in complete:
                sys.stdout.write(f"{name:<{self._width}} | {line}\n")
        sys.stdout.flush()

    def _read(self, name: str, path: Path) -> str:
        size = _size(path)
        if size < self._offsets[name]:  # truncated or replaced: start over
            self._offsets[name] = 0
        if size == self._offsets[name]:
            return ""
        with path.open("rb") as log:
            log.seek(self._offsets[name])
            data = log.read(size - self._offsets[name])
        self._offsets[name] += len(data)
        return data.decode("utf-8", errors="replace")


def _size(path: Path) -> int:
    return path.stat().st_size if path.exists() else 0


def show_ready(stack: LocalStack, *, seconds: float, demo_data: bool, follow: bool) -> None:
    """Print the services' addresses, demo tokens and example commands."""
    tokens = {
        p.variable: stack.token(
            subject=p.subject, tenant_id=p.tenant_id, roles=[p.role], name=p.name
        )
        for p in PERSONAS
    }
    tokens_file = _write_tokens(stack.data_dir, tokens)
    say("", f"NGO platform ready in {seconds:.1f} s (data in {stack.data_dir.resolve()})", "")
    say(*_service_lines(stack), "", *_infrastructure_lines(stack), "")
    say(
        "Access tokens (valid 8 h, signed with the key in "
        f"{stack.identity.directory}; also in {tokens_file}):"
    )
    for persona in PERSONAS:
        say(
            f"  {persona.label}: tenant {persona.tenant_id}, role {persona.role}, "
            f"sub {persona.subject}",
            f"    {tokens[persona.variable]}",
        )
    say("", *_example_lines(stack, tokens_file), "", _demo_data_line(demo_data))
    say(
        "Service logs: " + ("below, and in " if follow else "") + f"{stack.data_dir / 'logs'}",
        "Press Ctrl-C to stop everything.",
        "",
    )


def _write_tokens(data_dir: Path, tokens: Mapping[str, str]) -> Path:
    path = data_dir / "tokens.env"
    path.touch(mode=0o600)
    path.chmod(0o600)  # before writing: the tokens are credentials, however local
    path.write_text("".join(f"{name}={token}\n" for name, token in tokens.items()))
    return path


def _service_lines(stack: LocalStack) -> list[str]:
    portal = (
        [f"  {'portal':<14} {stack.url(PORTAL):<24} open it in a browser, sign in as a demo user"]
        if PORTAL in stack.services
        else []
    )
    return portal + [
        f"  {name:<14} {stack.url(name):<24} API docs {stack.url(name)}/docs"
        for name in SERVICES
        if name in stack.services
    ]


def _infrastructure_lines(stack: LocalStack) -> list[str]:
    return [
        f"  Kafka (Tansu)       {stack.kafka_bootstrap}  (memory only; refilled from outboxes)",
        f"  MongoDB (NX-27017)  {stack.mongodb_uri}  (data in {stack.data_dir / 'mongodb'})",
        *(
            [f"  SMTP sink           {stack.mail.url}  (e-mails in {stack.data_dir / 'mail'})"]
            if stack.mail
            else []
        ),
    ]


def _example_lines(stack: LocalStack, tokens_file: Path) -> list[str]:
    registry, notifications = stack.url("registry"), stack.url("notifications")
    return [
        "Try it:",
        f"  . {shlex.quote(str(tokens_file))}",
        f'  curl -sS -X POST {registry}/organizations -H "Authorization: Bearer $OFFICER_TOKEN" '
        f"-H 'Content-Type: application/json' -d {shlex.quote(_EXAMPLE_BODY)}",
        f'  curl -sS {notifications}/inbox -H "Authorization: Bearer $OFFICER_TOKEN"',
        "An NGO member token bound to an organization (ids: GET /organizations):",
        f'  make token ARGS="--tenant {DEMO_TENANT} --role ngo_member '
        f'--subject demo-ngo-member --organization <organization id>{_data_dir_flag(stack)}"',
    ]


def _data_dir_flag(stack: LocalStack) -> str:
    default = Path(DEFAULT_DATA_DIR).resolve()
    return "" if stack.data_dir == default else f" --data-dir {shlex.quote(str(stack.data_dir))}"


def _demo_data_line(demo_data: bool) -> str:
    if not demo_data:
        return "Demo data: off (--empty)."
    return "Demo data: on; the registry loads it into an empty database (--empty: off)."
