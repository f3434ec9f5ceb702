"""Turns the runs of bench/audit/run.sh with AUDIT_SHIP=1 into bench/results/audit-shipping.json and .md: per data
directory and appenders, entries/s with shipping off and on (medians) and their ratio, bytes per entry in the log's
files and on each receiver's wire, and what was dropped."""
import datetime
import json
import statistics
import sys

runs_path, out, load_start, load_end, cpus = sys.argv[1:6]
runs = [json.loads(line) for line in open(runs_path) if line.strip()]
cells = {}
for r in runs:
    cells.setdefault((r["medium"], r["result"]["appenders"]), {}).setdefault(r["variant"], []).append(r)


def median(rs, f):
    xs = [f(r) for r in rs]
    return statistics.median(xs) if xs else None


def wire(r, sink, field):
    return r["sink_after"][sink][field] - r["sink_before"][sink][field]


summary = []
for (medium, n), by in sorted(cells.items()):
    off, on = by.get("ship-off", []), by.get("ship-on", [])
    s = {
        "medium": medium,
        "appenders": n,
        "off_entries_per_s": median(off, lambda r: r["result"]["entries_per_s"]),
        "on_entries_per_s": median(on, lambda r: r["result"]["entries_per_s"]),
        "file_bytes_per_entry": median(off + on, lambda r: r["result"]["file_bytes"] / r["result"]["verified_entries"]),
        "syslog_bytes_per_entry": median(on, lambda r: wire(r, "syslog", "bytes") / max(1, wire(r, "syslog", "entries"))),
        "otlp_bytes_per_entry": median(on, lambda r: wire(r, "otlp", "bytes") / max(1, wire(r, "otlp", "entries"))),
        "entries": [r["result"]["verified_entries"] for r in on],
        "received": [[wire(r, "syslog", "entries"), wire(r, "otlp", "entries")] for r in on],
        "dropped": [[r["result"]["ship"][k]["dropped"] for k in ("syslog", "otlp")] for r in on],
        "drain_s": [r["result"]["drain_s"] for r in on],
        "off_runs": [r["result"]["entries_per_s"] for r in off],
        "on_runs": [r["result"]["entries_per_s"] for r in on],
    }
    s["on_over_off"] = s["on_entries_per_s"] / s["off_entries_per_s"] if s["on_entries_per_s"] and s["off_entries_per_s"] else None
    summary.append(s)

meta = {
    "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
    "cpus": int(cpus),
    "loadavg_start": load_start,
    "loadavg_end": load_end,
}
json.dump({"meta": meta, "summary": summary, "runs": runs}, open(out + ".json", "w"), indent=1)

lines = [
    "# Audit log: the cost of shipping (syslog over TCP and OTLP/HTTP JSON, both on)",
    "",
    f"{meta['date']}, {cpus} CPUs, load average {load_start} at the start and {load_end} at the end "
    "(the machine was shared; off and on runs are interleaved so both saw the same load). Receivers: bench/audit/sinks.mjs "
    "on 127.0.0.1 (counting only). Median of the runs in each cell; every run's chain verified afterwards. Produced by "
    "`AUDIT_SHIP=1 ONLY=audit bench/run`.",
    "",
    "| data directory | appenders | off (entries/s) | on (entries/s) | on ÷ off | file B/entry | syslog B/entry | OTLP B/entry |",
    "|---|---|---|---|---|---|---|---|",
]
for s in summary:
    ratio = f"{s['on_over_off']:.2f}×" if s["on_over_off"] else "–"
    lines.append(
        f"| {s['medium']} | {s['appenders']} | {s['off_entries_per_s']:,.0f} | {s['on_entries_per_s']:,.0f} | {ratio} | "
        f"{s['file_bytes_per_entry']:.0f} | {s['syslog_bytes_per_entry']:.0f} | {s['otlp_bytes_per_entry']:.0f} |")
lines += [
    "",
    "Each shipping run: entries written (warm-up included), entries received (syslog, OTLP), dropped by the buffer "
    "(syslog, OTLP), seconds after the appenders stopped until every entry was sent or dropped; and entries/s of every run.",
    "",
    "| data directory | appenders | written | received | dropped | drain s | off runs (entries/s) | on runs (entries/s) |",
    "|---|---|---|---|---|---|---|---|",
]
fmt = lambda xs: ", ".join(f"{x:,.0f}" for x in xs)
for s in summary:
    lines.append(
        f"| {s['medium']} | {s['appenders']} | {fmt(s['entries'])} | {'; '.join('/'.join(map(str, x)) for x in s['received'])} | "
        f"{'; '.join('/'.join(map(str, x)) for x in s['dropped'])} | {', '.join(f'{x:.1f}' for x in s['drain_s'])} | "
        f"{fmt(s['off_runs'])} | {fmt(s['on_runs'])} |")
open(out + ".md", "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
