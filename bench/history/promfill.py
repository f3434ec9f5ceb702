#!/usr/bin/env python3
"""Backfill Prometheus from synth.py's OpenMetrics file quickly: promfill.py METRICS_OM PROM_DATA [JOBS] [HOURS]

`promtool tsdb create-blocks-from openmetrics` reads its whole input once per 2-hour block it writes, so a 7-day file
(84 blocks) is read 84 times. This splits the file at the 2-hour block boundaries (each family kept contiguous, as
OpenMetrics wants), so each part is read about once, and backfills the parts JOBS promtool processes at a time
(default 2) into one data directory. HOURS (optional) keeps only the last HOURS hours.
"""
import os
import subprocess
import sys
import time

source, out = sys.argv[1], sys.argv[2]
jobs = int(sys.argv[3]) if len(sys.argv) > 3 else 2
hours = int(sys.argv[4]) if len(sys.argv) > 4 and sys.argv[4] else None
parts_dir = out + ".parts"
os.makedirs(parts_dir, exist_ok=True)
t0 = time.time()
last = None
if hours:
    with open(source, "rb") as f:
        f.seek(max(0, os.path.getsize(source) - 4096))
        last = max(int(line.rsplit(b" ", 1)[1]) for line in f.read().splitlines()[1:] if line and line[0:1] != b"#")
files = {}
family = None
with open(source, "rb") as f:
    for line in f:
        if line[0:1] == b"#":
            if line.startswith(b"# TYPE"):
                family = line
            continue
        t = int(line.rsplit(b" ", 1)[1])
        if last is not None and t < last - hours * 3600:
            continue
        day = t // 7200
        entry = files.get(day)
        if entry is None:
            entry = files[day] = [open(os.path.join(parts_dir, f"{day}.om"), "wb"), None]
        if entry[1] is not family:
            entry[0].write(family)
            entry[1] = family
        entry[0].write(line)
for part, _ in files.values():
    part.write(b"# EOF\n")
    part.close()
split_s = time.time() - t0
os.makedirs(out, exist_ok=True)
pending = sorted(os.path.join(parts_dir, name) for name in os.listdir(parts_dir))
running = []
while pending or running:
    while pending and len(running) < jobs:
        running.append(subprocess.Popen(["promtool", "tsdb", "create-blocks-from", "openmetrics", "-q",
                                         pending.pop(0), out]))
    for p in list(running):
        if p.poll() is not None:
            if p.returncode != 0:
                sys.exit(f"promtool failed ({p.returncode})")
            running.remove(p)
    time.sleep(0.2)
subprocess.run(["rm", "-rf", parts_dir], check=True)
print(f"promfill: {len(files)} parts, split {split_s:.0f} s, total {time.time() - t0:.0f} s")
