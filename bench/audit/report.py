"""Turns the runs of bench/audit/run.sh into bench/results/audit.json and audit.md (medians per cell)."""
import datetime
import json
import statistics
import sys

runs_path, out, load_start, load_end, cpus, base = sys.argv[1:7]
runs = [json.loads(line) for line in open(runs_path) if line.strip()]
cells = {}
for r in runs:
    cells.setdefault((r["medium"], r["result"]["appenders"], r["variant"]), []).append(r["result"]["entries_per_s"])
summary = [
    {"medium": m, "appenders": n, "variant": v, "entries_per_s_median": statistics.median(xs), "runs": xs}
    for (m, n, v), xs in sorted(cells.items())
]
meta = {
    "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
    "cpus": int(cpus),
    "loadavg_start": load_start,
    "loadavg_end": load_end,
    "before": base or None,
}
json.dump({"meta": meta, "summary": summary, "runs": runs}, open(out + ".json", "w"), indent=1)

lines = [
    "# Audit log: entries/s of AuditLog.AppendAsync",
    "",
    f"{meta['date']}, {cpus} CPUs, load average {load_start} at the start and {load_end} at the end "
    "(the machine was shared; before/after runs are interleaved so both saw the same load). "
    "Median of the runs in each cell; every run's chain verified afterwards. Produced by `ONLY=audit bench/run`"
    + (f" with AUDIT_BASE={base} (before)." if base else "."),
    "",
]
has_before = any(s["variant"] == "before" for s in summary)
header = "| data directory | appenders | " + ("before (entries/s) | after (entries/s) | after ÷ before |" if has_before else "entries/s |")
lines.append(header)
lines.append("|" + "|".join(["---"] * (header.count("|") - 1)) + "|")
for medium in ("disk", "tmpfs"):
    for n in sorted({s["appenders"] for s in summary}):
        get = lambda v: next((s["entries_per_s_median"] for s in summary if s["medium"] == medium and s["appenders"] == n and s["variant"] == v), None)
        after, before = get("after"), get("before")
        if after is None:
            continue
        if has_before:
            ratio = f"{after / before:.2f}×" if before else "–"
            lines.append(f"| {medium} | {n} | {before:,.0f} | {after:,.0f} | {ratio} |")
        else:
            lines.append(f"| {medium} | {n} | {after:,.0f} |")
open(out + ".md", "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
