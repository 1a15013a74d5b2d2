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

# (label, benchmark, metric, baseline benchmark, baseline metric, goal); ratio = metric ÷ baseline.
# A goal is the least ratio an issue asks for, or None where no goal was set.
_COMPARED: tuple[tuple[str, str, str, str, str, float | None], ...] = (
    ("events/s ÷ raw Mongo tx/s", "flow", "events_per_s", "mongo_tx", "tx_per_s", None),
    (
        "events/s ÷ raw Mongo tx/s, one at a time",
        "flow", "events_per_s", "mongo_tx", "serial_tx_per_s", None,
    ),
    (
        "events/s ÷ raw Kafka produce→consume msgs/s",
        "flow", "events_per_s", "kafka_raw", "consume_per_s", None,
    ),
    (
        "events/s ÷ raw Kafka produce msgs/s",
        "flow", "events_per_s", "kafka_raw", "produce_per_s", None,
    ),
    (
        "latency p50 ms (closed loop, queueing) vs raw Kafka produce→consume",
        "flow", "e2e_p50_ms", "kafka_raw", "e2e_p50_ms", None,
    ),
    (
        "latency p99 ms (closed loop, queueing) vs raw Kafka produce→consume",
        "flow", "e2e_p99_ms", "kafka_raw", "e2e_p99_ms", None,
    ),
    # No row for the paced latency: kafka_raw times a burst of 5,000 records, not a paced
    # stream, so the two would not compare like with like.
    (
        "public search req/s ÷ the engine in a bare app req/s",
        "registry_search", "search_per_s", "registry_search", "bare_per_s", 0.7,
    ),
    (
        "public search p50 ms vs the engine in a bare app",
        "registry_search", "search_p50_ms", "registry_search", "bare_p50_ms", None,
    ),
    (
        "public search p99 ms vs the engine in a bare app",
        "registry_search", "search_p99_ms", "registry_search", "bare_p99_ms", None,
    ),
    (
        "public search req/s at 100,000 (c8) ÷ the engine in a bare app req/s",
        "registry_reads", "c8_search_per_s", "registry_reads", "c8_bare_per_s", 0.7,
    ),
    (
        "offers submitted/s ÷ raw Mongo tx/s, one at a time",
        "grants_offers", "offers_submitted_per_s", "grants_offers", "raw_serial_tx_per_s", None,
    ),
    (
        "CSV import rows/s ÷ raw insert_many rows/s",
        "registry_import", "import_rows_per_s", "registry_import", "raw_insert_rows_per_s", 0.3,
    ),
)  # fmt: skip


def comparisons(results: dict[str, Result]) -> list[dict[str, Any]]:
    """Return the services' figures next to the baselines measured in the same run."""
    rows = []
    for label, subject, key, baseline, baseline_key, goal in _COMPARED:
        mine = results.get(subject, {}).get("metrics", {}).get(key)
        theirs = results.get(baseline, {}).get("metrics", {}).get(baseline_key)
        if mine is None or theirs is None:
            continue
        ratio = float(f"{mine / theirs:.3g}") if theirs else None
        row = {"what": label, "measured": mine, "baseline": theirs, "ratio": ratio}
        if goal is not None:
            row.update(goal=goal, met=ratio is not None and ratio >= goal)
        rows.append(row)
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
        metrics = result.get("metrics", {})
        missed = [k for k, v in metrics.items() if k.endswith("_goal_met") and v is False]
        if missed:
            lines.append(f"{name}: goal missed: {', '.join(missed)}")
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
    if result.get("time_limit_s"):
        title += f" (limit {_fmt(result['time_limit_s'])} s)"
    if result.get("settled_before_s") is not None:
        title += f", after {_fmt(result['settled_before_s'])} s for the stack to settle"
    rows: list[Row] = [("metric", "value")]
    for group, values in result.items():
        if isinstance(values, dict) and group not in _NOT_SHOWN:
            rows += [(f"{group}.{k}", _fmt(v)) for k, v in values.items()]
    if result.get("error"):
        rows.append(("error", str(result["error"])))
    return title, rows


_NOT_SHOWN = {"stack_exited"}  # shown as a warning


def _sections(report: dict[str, Any]) -> list[Section]:
    machine = report["machine"]
    run: list[Row] = [("what", "value")]
    run += [(f"machine.{k}", _fmt(v)) for k, v in machine.items()]
    run += [(f"settings.{k}", _fmt(v)) for k, v in report["settings"].items()]
    for number, stack in enumerate(report.get("stacks", []), start=1):
        run += [(f"stack{number}.{k}", _fmt(v)) for k, v in stack.items()]
    keys = ("total_s", "load_average_at_end")
    run += [(k, _fmt(report[k])) for k in keys if k in report]
    run.append(("code", _fmt(report["code"])))
    sections = [("run", run)]
    sections += [_benchmark_section(n, r) for n, r in report["benchmarks"].items()]
    compared: list[Row] = [("comparison", "measured", "baseline", "ratio", "goal")]
    compared += [
        (c["what"], _fmt(c["measured"]), _fmt(c["baseline"]), _fmt(c["ratio"]), _goal(c))
        for c in report["comparisons"]
    ]
    sections.append(("services vs baselines (same run, same servers)", compared))
    warned: list[Row] = [("warning",), *((w,) for w in report["warnings"])]
    return [*sections, ("warnings", warned)] if report["warnings"] else sections


def _goal(comparison: dict[str, Any]) -> str:
    if "goal" not in comparison:
        return ""
    return f"≥ {comparison['goal']}: {'met' if comparison['met'] else 'MISSED'}"


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
