"""Command line of the local platform: `python -m deploy.local dev|token|republish`."""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from deploy.local.console import DEFAULT_DATA_DIR
from deploy.local.keys import LocalIdentity
from deploy.local.launcher import DevOptions, run_dev
from deploy.local.servers import LOOPBACK
from deploy.local.stack import DEFAULT_PORTS, PORTAL, SERVICES
from shared.republish import parse_moment, republish
from shared.tenancy import Role

__all__ = ["build_parser", "main"]

# Fixed so that mongosh, kcat and saved tokens keep working across restarts.
INFRASTRUCTURE_PORTS = {
    "kafka": ("DEV_KAFKA_PORT", 9092),
    "mongodb": ("DEV_MONGODB_PORT", 27017),
    "smtp": ("DEV_SMTP_PORT", 1025),
}
EMPTY_HELP = (
    "start without demo data: sets REGISTRY_DEMO_DATA=false (default true). The registry "
    "itself loads its demo tenants and organizations, and only into an empty database"
)


def _port(text: str) -> int:
    if not text.isdigit() or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"'{text}' is not a TCP port (0-65535)")
    return int(text)


def _add_data_dir(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=Path(os.environ.get("DEV_DATA_DIR", DEFAULT_DATA_DIR)),
        help="where MongoDB data, keys and logs live (env DEV_DATA_DIR; default %(default)s)",
    )


def _add_ports(parser: argparse.ArgumentParser) -> None:
    for name in (PORTAL, *SERVICES):
        variable = f"{name.upper()}_HTTP_PORT"
        parser.add_argument(
            f"--{name}-port",
            type=_port,
            default=os.environ.get(variable, DEFAULT_PORTS[name]),
            help=f"HTTP port of {name} (env {variable}; default %(default)s; 0: any free port)",
        )
    for name, (variable, port) in INFRASTRUCTURE_PORTS.items():
        parser.add_argument(
            f"--{name}-port",
            type=_port,
            default=os.environ.get(variable, port),
            help=f"port of the embedded {name} server (env {variable}; default %(default)s)",
        )


def _add_dev(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    dev = commands.add_parser(
        "dev",
        help="start the whole platform on this machine",
        description="Start Tansu (Kafka), NX-27017 (MongoDB), the four services and the portal; "
        "Ctrl-C stops everything.",
    )
    _add_data_dir(dev)
    dev.add_argument("--empty", action="store_true", help=EMPTY_HELP)
    dev.add_argument(
        "--fresh",
        action="store_true",
        help="delete stored data and logs first (the signing key is kept)",
    )
    _add_ports(dev)
    dev.add_argument(
        "--quiet",
        action="store_true",
        help="do not copy service logs to the console (they stay in DATA_DIR/logs)",
    )
    dev.add_argument(
        "--log-format",
        choices=("console", "json"),
        default="console",
        help="service log format (default %(default)s)",
    )
    dev.add_argument(
        "--timeout",
        type=float,
        default=60.0,
        help="seconds to wait for every service to be ready (default %(default)s)",
    )


def _add_token(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    token = commands.add_parser(
        "token",
        help="print a signed access token for the local platform",
        description="Print one RS256 access token signed with the key `dev` uses "
        "(made if missing).",
    )
    token.add_argument("--tenant", required=True, help="tenant id: TERYT code, e.g. 0264011")
    token.add_argument(
        "--role",
        action="append",
        default=[],
        choices=[r.value for r in Role],
        help="platform role; repeat for several; none: an authenticated resident",
    )
    token.add_argument("--subject", default="dev-user", help="`sub` claim (default %(default)s)")
    token.add_argument("--organization", help="organization id (for ngo_member)")
    token.add_argument("--name", help="display name claim")
    token.add_argument("--email", help="e-mail claim")
    token.add_argument(
        "--ttl", type=int, default=8 * 3600, help="lifetime in seconds (default %(default)s)"
    )
    _add_data_dir(token)


def _add_republish(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    command = commands.add_parser(
        "republish",
        help="republish a service's retained events since a moment",
        description="Put the events a service of the running `dev` published since SINCE back "
        "into its outbox; its relay publishes them again (consumers skip duplicates).",
    )
    command.add_argument("--service", required=True, choices=SERVICES)
    command.add_argument("--since", required=True, type=parse_moment, help="e.g. 2026-11-26T10:00Z")
    command.add_argument("--until", type=parse_moment, help="end (exclusive); default: now")
    command.add_argument("--topic", help="only this topic")
    variable, port = INFRASTRUCTURE_PORTS["mongodb"]
    command.add_argument(
        "--mongodb-port",
        type=_port,
        default=os.environ.get(variable, port),
        help=f"port of the embedded MongoDB (env {variable}; default %(default)s)",
    )


def build_parser() -> argparse.ArgumentParser:
    """Return the parser of `python -m deploy.local`."""
    parser = argparse.ArgumentParser(
        prog="python -m deploy.local",
        description="The NGO platform on one machine, without Docker.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    _add_dev(commands)
    _add_token(commands)
    _add_republish(commands)
    return parser


def _dev(args: argparse.Namespace) -> int:
    names = [PORTAL, *SERVICES, *INFRASTRUCTURE_PORTS]
    options = DevOptions(
        data_dir=args.data_dir,
        ports={name: getattr(args, f"{name}_port") for name in names},
        demo_data=not args.empty,
        fresh=args.fresh,
        follow_logs=not args.quiet,
        log_format=args.log_format,
        timeout=args.timeout,
    )
    return run_dev(options)


def _token(args: argparse.Namespace) -> int:
    identity = LocalIdentity(args.data_dir / "keys").ensure()
    sys.stdout.write(
        identity.mint(
            subject=args.subject,
            tenant_id=args.tenant,
            roles=args.role,
            organization_id=args.organization,
            name=args.name,
            email=args.email,
            ttl_seconds=args.ttl,
        )
        + "\n"
    )
    return 0


def _republish(args: argparse.Namespace) -> int:
    uri = f"mongodb://{LOOPBACK}:{args.mongodb_port}/?directConnection=true"
    count = asyncio.run(
        republish(uri, args.service, since=args.since, until=args.until, topic=args.topic)
    )
    sys.stdout.write(f"{count} events of {args.service} queued for republishing\n")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run one subcommand; return its exit code."""
    args = build_parser().parse_args(argv)
    commands = {"dev": _dev, "token": _token, "republish": _republish}
    return commands[args.command](args)
