"""`python -m bench`: start a private stack, run the benchmarks, print and save the results."""

from __future__ import annotations

import argparse
import logging
import signal
import sys
from datetime import datetime
from types import FrameType

from bench.report import render_text, write_report
from bench.runner import benchmark_names, run
from bench.settings import FULL, QUICK


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small N: a smoke run")
    parser.add_argument(
        "--only",
        action="append",
        choices=benchmark_names(),
        metavar="NAME",
        help=f"run only this benchmark (repeatable): {', '.join(benchmark_names())}",
    )
    parser.add_argument("-n", type=int, help="operations per benchmark")
    parser.add_argument("-c", "--concurrency", type=int, help="requests in flight")
    parser.add_argument("--poll-interval", type=float, help="inbox poll pause, seconds")
    parser.add_argument("--keep", action="store_true", help="keep the stack's logs and data")
    return parser.parse_args(argv)


def _stop_on_sigterm(signum: int, frame: FrameType | None) -> None:
    # Unwind like Ctrl-C, so every `finally` stops what the run started.
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks; return 0 when all of them completed."""
    arguments = _arguments(argv)
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(name)s %(message)s", stream=sys.stderr
    )
    logging.getLogger("httpx").setLevel(logging.WARNING)  # one line per request drowns the rest
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    settings = (QUICK if arguments.quick else FULL).with_overrides(
        n=arguments.n, concurrency=arguments.concurrency, poll_interval=arguments.poll_interval
    )
    started = datetime.now().astimezone()
    try:
        names = [n for n in benchmark_names() if not arguments.only or n in arguments.only]
        report = run(settings, names, keep=arguments.keep)
    except KeyboardInterrupt:
        logging.getLogger("bench").warning("interrupted; everything started was stopped")
        return 130
    path = write_report(report, started)
    sys.stdout.write(render_text(report) + f"\n\nresults: {path}\n")
    return 0 if all(r["status"] == "ok" for r in report["benchmarks"].values()) else 1


if __name__ == "__main__":
    sys.exit(main())
