#!/usr/bin/env python3
"""A synthetic history, the same in Bastion's store and in Prometheus, for the history range-query benchmark.

   synth.py OUT [HOSTS] [DAYS] [INTERVAL_S]

writes OUT/bastion/history.db (Bastion's schema version 2, as `bastion collect` leaves it: raw samples and the
5-minute rollups of every complete bucket), OUT/bastion/inventory.yaml
(the hosts, on loopback addresses nothing connects to: the benchmark holds the collector lock) and
OUT/metrics.om (OpenMetrics text for `promtool tsdb create-blocks-from openmetrics`). Each host has 10 series sampled
every INTERVAL_S seconds for DAYS days up to the last whole minute: CPU by state (busy, user, system, iowait, steal,
idle percent), load1/5/15 and memory used percent; values follow a daily curve per host plus deterministic noise.
"""
import math
import os
import sqlite3
import sys
import time

out = sys.argv[1]
hosts = int(sys.argv[2]) if len(sys.argv) > 2 else 200
days = float(sys.argv[3]) if len(sys.argv) > 3 else 7
interval = int(sys.argv[4]) if len(sys.argv) > 4 else 60
end = int(time.time()) // 60 * 60
start = end - int(days * 86400)
stamps = list(range(start + interval, end + 1, interval))
names = [f"h{i:03d}" for i in range(1, hosts + 1)]
series = ["cpu.busy_percent", "cpu.user_percent", "cpu.system_percent", "cpu.iowait_percent", "cpu.steal_percent",
          "cpu.idle_percent", "load.load1", "load.load5", "load.load15", "memory.used_percent"]


def noise(h, k, t):
    x = (h * 2654435761 + k * 40503 + t * 2246822519) & 0xFFFFFFFF
    x ^= x >> 13
    x = (x * 1274126177) & 0xFFFFFFFF
    return (x & 0xFFFF) / 65535.0


def values(h, t):
    """The 10 figures of host h at time t, rounded to 3 decimals as the collector rounds."""
    day = math.sin((t % 86400) / 86400 * 2 * math.pi + h)
    busy = max(0.0, min(100.0, 10 + h % 60 + 15 * day + 10 * noise(h, 0, t)))
    user, system, iowait, steal = busy * 0.7, busy * 0.2, busy * 0.08, busy * 0.02
    load1 = busy / 25 + noise(h, 1, t)
    return [round(v, 3) for v in (busy, user, system, iowait, steal, 100 - busy, load1, load1 * 0.9, load1 * 0.8,
                                  30 + h % 50 + 5 * noise(h, 2, t))]


os.makedirs(os.path.join(out, "bastion"), exist_ok=True)
db_path = os.path.join(out, "bastion", "history.db")
for suffix in ("", "-wal", "-shm"):
    if os.path.exists(db_path + suffix):
        os.remove(db_path + suffix)
db = sqlite3.connect(db_path)
db.executescript("""
PRAGMA journal_mode=WAL;
PRAGMA synchronous=OFF;
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE hosts (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE ticks (host INTEGER NOT NULL, ts INTEGER NOT NULL, status INTEGER NOT NULL, error TEXT, PRIMARY KEY (host, ts)) WITHOUT ROWID;
CREATE TABLE processes (host INTEGER NOT NULL, ts INTEGER NOT NULL, top TEXT NOT NULL, PRIMARY KEY (host, ts)) WITHOUT ROWID;
CREATE TABLE series (id INTEGER PRIMARY KEY, host INTEGER NOT NULL, metric TEXT NOT NULL, instance TEXT NOT NULL, UNIQUE (host, metric, instance));
CREATE TABLE samples (sid INTEGER NOT NULL, ts INTEGER NOT NULL, v INTEGER NOT NULL, PRIMARY KEY (sid, ts)) WITHOUT ROWID;
CREATE TABLE rollups (sid INTEGER NOT NULL, ts INTEGER NOT NULL, mn INTEGER NOT NULL, av INTEGER NOT NULL, mx INTEGER NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (sid, ts)) WITHOUT ROWID;
PRAGMA user_version = 2;
""")
db.execute("INSERT INTO meta VALUES ('interval_ms', ?)", (str(interval * 1000),))
rolled = end // 300 * 300  # as the collector's maintenance leaves it: 5-minute rollups of every complete bucket
db.execute("INSERT INTO meta VALUES ('rolled_up_to_ms', ?)", (str(rolled * 1000),))
# OpenMetrics wants each family contiguous: one part file per family, written host by host, joined at the end.
parts = [open(os.path.join(out, f"metrics.om.{k}"), "w") for k in range(len(series))]
families = ["bastion_" + m.replace(".", "_") for m in series]
for k, family in enumerate(families):
    parts[k].write(f"# TYPE {family} gauge\n")
for h, name in enumerate(names, 1):
    db.execute("INSERT INTO hosts (id, name) VALUES (?, ?)", (h, name))
    db.executemany("INSERT INTO ticks (host, ts, status) VALUES (?, ?, 0)", ((h, t * 1000) for t in stamps))
    table = [values(h, t) for t in stamps]
    for k, metric in enumerate(series):
        sid = db.execute("INSERT INTO series (host, metric, instance) VALUES (?, ?, '') RETURNING id", (h, metric)).fetchone()[0]
        db.executemany("INSERT INTO samples (sid, ts, v) VALUES (?, ?, ?)", ((sid, t, int(round(row[k] * 1000))) for t, row in zip(stamps, table)))
        label = f'{families[k]}{{host="{name}"}} '
        parts[k].write("".join(f"{label}{row[k]} {t}\n" for t, row in zip(stamps, table)))
    db.commit()
db.execute("INSERT INTO rollups (sid, ts, mn, av, mx, n) SELECT sid, (ts / 300) * 300, min(v), CAST(round(avg(v)) AS INTEGER), max(v), count(*) "
           "FROM samples WHERE ts < ? GROUP BY sid, (ts / 300) * 300", (rolled,))
db.commit()
db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
db.close()
with open(os.path.join(out, "bastion", "inventory.yaml"), "w") as f:
    f.write("hosts:\n")
    for name in names:
        f.write(f"- name: {name}\n  address: 127.0.0.1\n  port: 1\n")
with open(os.path.join(out, "metrics.om"), "w") as f:
    for k, part in enumerate(parts):
        part.close()
        with open(part.name) as p:
            while chunk := p.read(1 << 20):
                f.write(chunk)
        os.remove(part.name)
    f.write("# EOF\n")
print(f"{len(names)} hosts x {len(series)} series x {len(stamps)} samples = {len(names) * len(series) * len(stamps)} samples, {start}..{end}")
