"""Turn results into a report: flow-to-baseline ratios, a console table, JSON and Markdown files."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from bench.catalog import Result

__all__ = [
    "RESULTS_DIR",
    "comparisons",
    "render_markdown",
    "render_text",
    "warnings",
    "write_report",
]

RESULTS_DIR = Path(__file__).resolve().parent / "results"
Row = tuple[str, ...]
Section = tuple[str, list[Row]]

# (label, flow metric, baseline benchmark, baseline metric); a ratio is flow ÷ baseline.
_COMPARED = (
    ("events/s ÷ raw Mongo tx/s", "events_per_s", "mongo_tx", "tx_per_s"),
    ("events/s ÷ raw Mongo tx/s, one at a time", "events_per_s", "mongo_tx", "serial_tx_per_s"),
    ("events/s ÷ raw Kafka produce→consume msgs/s", "events_per_s", "kafka_raw", "consume_per_s"),
    ("events/s ÷ raw Kafka produce msgs/s", "events_per_s", "kafka_raw", "produce_per_s"),
    ("latency p50 ms vs raw Kafka produce→consume", "e2e_p50_ms", "kafka_raw", "e2e_p50_ms"),
    ("latency p99 ms vs raw Kafka produce→consume", "e2e_p99_ms", "kafka_raw", "e2e_p99_ms"),
)


def comparisons(results: dict[str, Result]) -> list[dict[str, Any]]:
    """Return the flow's figures next to the baselines measured in the same run."""
    flow = results.get("flow", {}).get("metrics", {})
    rows = []
    for label, flow_key, baseline, baseline_key in _COMPARED:
        mine = flow.get(flow_key)
        theirs = results.get(baseline, {}).get("metrics", {}).get(baseline_key)
        if mine is None or theirs is None:
            continue
        ratio = float(f"{mine / theirs:.3g}") if theirs else None
        rows.append({"what": label, "flow": mine, "baseline": theirs, "ratio": ratio})
    return rows


def warnings(results: dict[str, Result]) -> list[str]:
    """Return one line per benchmark that did not finish or counted failures."""
    lines = []
    for name, result in results.items():
        if result.get("status") != "ok":
            lines.append(f"{name}: {result.get('status')}: {result.get('error')}")
        if result.get("stack_exited"):
            lines.append(f"{name}: stack processes exited: {_fmt(result['stack_exited'])}")
        failed = {k: v for k, v in result.get("errors", {}).items() if _is_failure(k, v)}
        if failed:
            lines.append(f"{name}: failures counted: {_fmt(failed)}")
    return lines


def _is_failure(key: str, value: Any) -> bool:
    # Counts named after what went wrong; "done", "created", ... name what went right.
    fine = {"posted", "created", "delivered", "done", "produced", "consumed", "serial_done"}
    return isinstance(value, int) and value > 0 and key not in fine


def _fmt(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.3g}" if abs(value) < 10 else f"{value:,.1f}"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _benchmark_section(name: str, result: Result) -> Section:
    title = f"{name}: {result.get('status')} in {_fmt(result.get('duration_s'))} s"
    rows: list[Row] = [("metric", "value")]
    for group in ("params", "metrics", "errors", "poller", "stored"):
        rows += [(f"{group}.{k}", _fmt(v)) for k, v in result.get(group, {}).items()]
    if result.get("error"):
        rows.append(("error", str(result["error"])))
    return title, rows


def _sections(report: dict[str, Any]) -> list[Section]:
    machine = report["machine"]
    run: list[Row] = [("what", "value")]
    run += [(f"machine.{k}", _fmt(v)) for k, v in machine.items()]
    run += [(f"settings.{k}", _fmt(v)) for k, v in report["settings"].items()]
    run += [(k, _fmt(report[k])) for k in ("stack_startup_s", "total_s", "load_average_at_end")]
    run.append(("code", _fmt(report["code"])))
    sections = [("run", run)]
    sections += [_benchmark_section(n, r) for n, r in report["benchmarks"].items()]
    compared: list[Row] = [("comparison", "flow", "baseline", "flow ÷ baseline")]
    compared += [
        (c["what"], _fmt(c["flow"]), _fmt(c["baseline"]), _fmt(c["ratio"]))
        for c in report["comparisons"]
    ]
    sections.append(("flow vs baselines (same run, same servers)", compared))
    warned: list[Row] = [("warning",), *((w,) for w in report["warnings"])]
    return [*sections, ("warnings", warned)] if report["warnings"] else sections


def render_text(report: dict[str, Any]) -> str:
    """Return the report as aligned console tables."""
    lines: list[str] = []
    for title, rows in _sections(report):
        rows = [tuple(_clip(cell) for cell in row) for row in rows]
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
        lines += ["", f"== {title} =="]
        lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in rows]
    return "\n".join(lines)


def _clip(cell: str, width: int = 110) -> str:
    # The console gets the gist; the JSON and Markdown files keep every character.
    return cell if len(cell) <= width else cell[: width - 1] + "…"


def render_markdown(report: dict[str, Any]) -> str:
    """Return the report as Markdown tables."""
    lines = [f"# Benchmark run {report['started_at']}"]
    for title, rows in _sections(report):
        lines += ["", f"## {title}", "", _md_row(rows[0]), _md_row(("---",) * len(rows[0]))]
        lines += [_md_row(row) for row in rows[1:]]
    notes = [f"{name}: {n}" for name, r in report["benchmarks"].items() for n in r.get("notes", [])]
    lines += ["", "## notes", "", *(f"- {n}" for n in notes)]
    return "\n".join(lines) + "\n"


def _md_row(row: Row) -> str:
    return "| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |"


def write_report(report: dict[str, Any], started: datetime) -> Path:
    """Write `<timestamp>.json` and `<timestamp>.md` under bench/results; return the JSON path."""
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    stem = RESULTS_DIR / started.strftime("%Y%m%dT%H%M%SZ")
    stem.with_suffix(".json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    stem.with_suffix(".md").write_text(render_markdown(report))
    return stem.with_suffix(".json")
