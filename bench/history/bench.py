#!/usr/bin/env python3
"""History benchmark: Bastion's collector and store beside Prometheus + node_exporter, on loopback only.

Run by bench/history/run.sh (ONLY=history bench/run). Writes bench/results/history.json and history.md.

1. Collector CPU: a fleet of FLEET real sshd hosts (127.0.0.152 ..., address base 150). Bastion: `bastion collect`
   every INTERVAL s over SSH (one round trip per host per tick, masters reused). Peer: one node_exporter per fleet
   address (127.0.0.x:9100) scraped by Prometheus every INTERVAL s. Measured on the Bastion/Prometheus side only: CPU
   time (user + system, from /proc/PID/stat) of the collecting process and its children (its ssh clients, reaped or
   still running as long-lived sessions; the ssh ControlMaster processes, which detach, are added by their pids) over WINDOW s after a
   warm-up, divided by the host-ticks (answered ticks in history.db; Prometheus: sum of `up` samples in the window).
   sshd and node_exporter are the hosts' side and are not counted. Extrapolation: CPU per host-tick x 200 hosts / 60 s.
2. Range queries on a synthetic 7-day store (synth.py: 200 hosts x 10 series x 60 s, the same values in both):
   Bastion `serve --http` (the collector kept out by holding history.lock, as a second process would be) answers
   metrics_history (one host, metrics=cpu, the last 24 h of the store: 6 CPU series at auto step 900 s) and metrics_top (all 200 hosts,
   cpu, avg, window 1h, top 5); Prometheus (backfilled with promtool, through promfill.py) answers the same questions:
   query_range of the six avg_over_time(bastion_cpu_*_percent{host="h042"}[900s]) (joined with or) step 900 s over 24 h, and
   topk(5, avg_over_time(bastion_cpu_busy_percent[1h])). Times are client wall times over one keep-alive loopback
   connection (request sent to body read), so they bound the server time from above; REPS interleaved rounds after
   warm-up, median and p95. Then RUN_CALLS calls of each question, in RUN_BLOCKS blocks taking turns with the other
   questions' (only one question's calls run at a time): wall median, server CPU per call,
   and server time per call as each server times its own requests (server_seconds). Bastion's questions are asked in a
   2025-11-25 session (Mcp) and again by a 2026-07-28 client (Mcp2026: no session, no resumable stream).
"""
import fcntl
import hashlib
import http.client
import json
import os
import platform
import signal
import sqlite3
import statistics
import subprocess
import sys
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
BENCH = os.path.dirname(HERE)
REPO = os.path.dirname(BENCH)
BASTION = os.environ.get("BASTION", os.path.join(BENCH, ".build", "bastion", "bastion"))
WORK = os.environ.get("HISTORY_WORK", "/tmp/bastion-history-bench")
FLEET = int(os.environ.get("HISTORY_FLEET", "8"))
INTERVAL = int(os.environ.get("HISTORY_INTERVAL", "5"))
WINDOW = int(os.environ.get("HISTORY_WINDOW", "60"))
REPS = int(os.environ.get("HISTORY_REPS", "20"))
# Calls of each question between the first measured calls and the warm ones: a server that just started runs much of
# its code unoptimised (tiered JIT: ReadyToRun or tier-0 code until a method has been called ~30 times, then a rejit),
# so its first calls measure the warm-up as much as the work; a long-running server answers at the warm figures.
WARM_CALLS = int(os.environ.get("HISTORY_WARM_CALLS", "150"))
# Consecutive calls of one question whose server CPU is summed (the warm rows' 20 calls give it to 0.5 ms at best: the
# kernel counts CPU time in 10 ms ticks); 0 leaves the column out.
RUN_CALLS = int(os.environ.get("HISTORY_RUN_CALLS", "400"))
RUN_BLOCKS = int(os.environ.get("HISTORY_RUN_BLOCKS", "8"))
WARMUP = int(os.environ.get("HISTORY_WARMUP", "90"))  # seconds of ticks before measuring: tiered JIT settles
PEER = os.environ.get("HISTORY_PEER", "1") != "0"
BEFORE = os.environ.get("HISTORY_BEFORE")  # an older bastion build measured beside this one (same fleet, same store, same time)
PROM_HOURS = os.environ.get("HISTORY_PROM_HOURS")  # backfill Prometheus with only the last N hours
STOREBENCH = os.environ.get("HISTORY_STOREBENCH")  # StoreBench.dll (bench/history/storebench) of this build: the store alone, in process
STOREBENCH_BEFORE = os.environ.get("HISTORY_STOREBENCH_BEFORE")  # the same, built against the HISTORY_BEFORE checkout
DAYS = os.environ.get("HISTORY_DAYS", "7")  # days in the synthetic store (both sides); promfill.py backfills 7 days in ~4 min here
BASE = int(os.environ.get("HISTORY_FLEET_BASE", "150"))  # the loopback fleet's address base (tests/fleet/fleet.sh)
TICK = os.sysconf("SC_CLK_TCK")
started = []


def log(*args):
    print("[history]", *args, file=sys.stderr, flush=True)


def start(args, **kw):
    p = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=kw.pop("stderr", subprocess.DEVNULL), **kw)
    started.append(p)
    return p


def stop(p, sig=signal.SIGTERM):
    if p.poll() is None:
        p.send_signal(sig)
        try:
            p.wait(20)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()


def cpu_seconds(pid, children=True):
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except FileNotFoundError:
        return 0.0
    ticks = int(fields[11]) + int(fields[12]) + ((int(fields[13]) + int(fields[14])) if children else 0)
    return ticks / TICK


def live_children_cpu(pid):
    """CPU seconds of pid's live children (with their reaped children): long-lived ones (the collector's sessions) are
    not yet in the parent's cutime; one that ends within the window moves there whole, so the sum at each end is right."""
    total = 0.0
    for child in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{child}/stat") as f:
                if int(f.read().rsplit(")", 1)[1].split()[1]) == pid:
                    total += cpu_seconds(int(child))
        except (OSError, ValueError, IndexError):
            pass
    return total


def pids_with(text):
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                if text.encode() in f.read():
                    found.append(int(pid))
        except OSError:
            pass
    return found


def wait_http(host, port, path, timeout=120):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            c = http.client.HTTPConnection(host, port, timeout=2)
            c.request("GET", path)
            if c.getresponse().status < 500:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{host}:{port}{path} did not answer")


def fleet(cmd, *args):
    env = dict(os.environ, FLEET_BASE=str(BASE))
    subprocess.run(["bash", os.path.join(REPO, "tests", "fleet", "fleet.sh"), cmd, *args], check=True, env=env, stdout=subprocess.DEVNULL)


def address(i):
    return f"127.0.0.{BASE + i + 1}"


def collector_cpu():
    fleet_dir = os.path.join(WORK, "fleet")
    data = os.path.join(WORK, "collect")
    subprocess.run(["rm", "-rf", fleet_dir, data], check=True)
    os.makedirs(fleet_dir)
    os.makedirs(data, mode=0o700)
    fleet("start", fleet_dir, str(FLEET))
    try:
        with open(os.path.join(data, "inventory.yaml"), "w") as f:
            f.write("hosts:\n")
            for i in range(1, FLEET + 1):
                f.write(f"- name: host{i:02d}\n  address: {address(i)}\n  port: 22\n  user: fleet1\n  identity_file: {fleet_dir}/id_ed25519\n")
        keys = subprocess.run(["ssh-keyscan", "-t", "ed25519"] + [address(i) for i in range(1, FLEET + 1)], capture_output=True, text=True, check=True).stdout
        with open(os.path.join(data, "known_hosts"), "w") as f:
            f.write(keys)
        # Bastion's collector; with HISTORY_BEFORE, an older build beside it on its own data directory over the same
        # fleet at the same time (so both see the same load), each measured on its own process tree and masters.
        builds = {"bastion": BASTION} | ({"before": BEFORE} if BEFORE else {})
        dirs = {}
        for name in builds:
            dirs[name] = data if name == "bastion" else data + "-" + name
            if dirs[name] != data:
                subprocess.run(["rm", "-rf", dirs[name]], check=True)
                subprocess.run(["cp", "-a", data, dirs[name]], check=True)
        controls = {name: f"/tmp/bastion-{os.environ.get('USER', 'root')}-{hashlib.sha256(d.encode()).hexdigest()[:10]}" for name, d in dirs.items()}
        log(f"collector: {' and '.join(builds)} collect every {INTERVAL} s over {FLEET} fleet hosts, {WINDOW} s measured")
        procs = {name: start([path, "collect", "--collect-interval", f"{INTERVAL}s", "--data-dir", dirs[name], "--log-level", "Warning"]) for name, path in builds.items()}
        time.sleep(WARMUP)
        processes0 = sum(1 for d in os.listdir("/proc") if d.isdigit())

        def ticks_recorded(name):
            # Every tick, answered or not, is one value in a host's tick chunks (schema v5); a failed one also has a
            # row in tick_errors. Read while the collector runs (WAL: a reader sees the last commit).
            db = sqlite3.connect(f"file:{dirs[name]}/history.db?mode=ro", uri=True)
            n = db.execute("SELECT coalesce(sum(n), 0) FROM tick_chunks").fetchone()[0]
            db.close()
            return n

        def snapshot(p, control, name):
            masters = pids_with(control)
            return time.time(), cpu_seconds(p.pid, False), cpu_seconds(p.pid) + live_children_cpu(p.pid), sum(cpu_seconds(m, False) for m in masters), len(masters), ticks_recorded(name)
        first = {name: snapshot(p, controls[name], name) for name, p in procs.items()}
        time.sleep(WINDOW)
        last = {name: snapshot(p, controls[name], name) for name, p in procs.items()}
        measured = {}
        for name, p in procs.items():
            stop(p, signal.SIGINT)
            for m in pids_with(controls[name]):
                os.kill(m, signal.SIGTERM)
            (t0, self0, all0, m0, _, n0), (t1, self1, all1, m1, masters, n1) = first[name], last[name]
            db = sqlite3.connect(f"file:{dirs[name]}/history.db?mode=ro", uri=True)
            failed = db.execute("SELECT count(*) FROM tick_errors WHERE ts >= ? AND ts < ?", (int(t0 * 1000), int(t1 * 1000))).fetchone()[0]
            ticks = n1 - n0 - failed
            series = db.execute("SELECT count(*) FROM series").fetchone()[0]
            db.close()
            measured[name] = {"cpu_s": round(all1 + m1 - all0 - m0, 3), "seconds": round(t1 - t0, 1), "host_ticks": ticks, "failed_ticks": failed,
                              "series": series, "masters": masters,
                              "cpu_s_bastion_process": round(self1 - self0, 3), "cpu_s_ssh_clients": round(all1 - self1 - (all0 - self0), 3), "cpu_s_ssh_masters": round(m1 - m0, 3),
                              "processes_on_machine": processes0}
        bastion = measured["bastion"]

        peer = None
    finally:
        if not PEER:
            fleet("stop", fleet_dir)
    if PEER:
        peer = collector_peer(fleet_dir)
    result = {"fleet_hosts": FLEET, "interval_s": INTERVAL, "warmup_s": WARMUP, "window_s": WINDOW, **measured}
    if peer:
        result["prometheus"] = peer
    for side in result.values():
        if isinstance(side, dict):
            side["cpu_ms_per_host_tick"] = round(1000 * side["cpu_s"] / max(1, side["host_ticks"]), 2)
            side["percent_core_200_hosts_60s"] = round(100 * side["cpu_s"] / max(1, side["host_ticks"]) * 200 / 60, 2)
    return result


def collector_peer(fleet_dir):
    try:
        # Prometheus + node_exporter.
        log(f"collector: prometheus scraping {FLEET} node_exporters every {INTERVAL} s, {WINDOW} s measured")
        exporters = [start(["prometheus-node-exporter", f"--web.listen-address={address(i)}:9100"]) for i in range(1, FLEET + 1)]
        prom_dir = os.path.join(WORK, "prom-live")
        subprocess.run(["rm", "-rf", prom_dir], check=True)
        os.makedirs(prom_dir)
        targets = ", ".join(f"'{address(i)}:9100'" for i in range(1, FLEET + 1))
        with open(os.path.join(prom_dir, "prometheus.yml"), "w") as f:
            f.write(f"global:\n  scrape_interval: {INTERVAL}s\nscrape_configs:\n- job_name: node\n  static_configs:\n  - targets: [{targets}]\n")
        prom = start(["prometheus", f"--config.file={prom_dir}/prometheus.yml", f"--storage.tsdb.path={prom_dir}/data", "--web.listen-address=127.0.0.1:9191"])
        wait_http("127.0.0.1", 9191, "/-/ready")
        time.sleep(WARMUP)
        t0, c0 = time.time(), cpu_seconds(prom.pid)
        time.sleep(WINDOW)
        t1, c1 = time.time(), cpu_seconds(prom.pid)
        answer = prom_get(9191, "/api/v1/query", {"query": f"sum(sum_over_time(up[{int(t1 - t0)}s]))", "time": f"{t1}"})
        scrapes = int(float(answer["data"]["result"][0]["value"][1])) if answer["data"]["result"] else 0
        samples = prom_get(9191, "/api/v1/query", {"query": "scrape_samples_scraped", "time": f"{t1}"})
        per_scrape = statistics.mean(float(r["value"][1]) for r in samples["data"]["result"]) if samples["data"]["result"] else 0
        stop(prom)
        for e in exporters:
            stop(e)
        return {"cpu_s": round(c1 - c0, 3), "seconds": round(t1 - t0, 1), "host_ticks": scrapes, "samples_per_scrape": round(per_scrape)}
    finally:
        fleet("stop", fleet_dir)


def prom_get(port, path, params):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    c.request("GET", path + "?" + urllib.parse.urlencode(params))
    return json.loads(c.getresponse().read())


class Mcp:
    """A client of the 2025-11-25 revision: initialize opens a session, whose id every later request carries."""

    def __init__(self, port):
        self.c = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        self.session = None
        self.id = 0
        self.post({"jsonrpc": "2.0", "id": 0, "method": "initialize", "params": {"protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "history-bench", "version": "1"}}})
        self.post({"jsonrpc": "2.0", "method": "notifications/initialized"})

    def post(self, message, extra=None):
        headers = {"Content-Type": "application/json", "Accept": "application/json, text/event-stream"}
        if self.session:
            headers.update({"Mcp-Session-Id": self.session, "MCP-Protocol-Version": "2025-11-25"})
        headers.update(extra or {})
        self.c.request("POST", "/mcp", json.dumps(message), headers)
        r = self.c.getresponse()
        body = r.read().decode()
        self.session = self.session or r.getheader("Mcp-Session-Id")
        if not body.strip():
            return None
        if r.getheader("Content-Type", "").startswith("text/event-stream"):
            body = [l[5:].strip() for l in body.split("\n") if l.startswith("data:")][-1]
        return json.loads(body)

    def params(self, tool, arguments):
        return {"name": tool, "arguments": arguments}

    def headers(self, tool):
        return {}

    def call(self, tool, arguments):
        self.id += 1
        answer = self.post({"jsonrpc": "2.0", "id": self.id, "method": "tools/call", "params": self.params(tool, arguments)}, self.headers(tool))
        if "error" in answer:
            raise RuntimeError(f"{tool}: {answer['error']['message']}")
        result = answer["result"]
        if result.get("isError"):
            raise RuntimeError(f"{tool}: {result['content'][0]['text']}")
        return result["structuredContent"]


class Mcp2026(Mcp):
    """A client of the 2026-07-28 revision: no initialize and no session; each tools/call stands alone, with its
    protocol version and capabilities in _meta and the Mcp-Method and Mcp-Name headers the revision asks for."""

    def __init__(self, port):
        self.c = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        self.session = None
        self.id = 0

    def params(self, tool, arguments):
        meta = {"io.modelcontextprotocol/protocolVersion": "2026-07-28", "io.modelcontextprotocol/clientCapabilities": {},
                "io.modelcontextprotocol/clientInfo": {"name": "history-bench", "version": "1"}}
        return {"name": tool, "arguments": arguments, "_meta": meta}

    def headers(self, tool):
        return {"MCP-Protocol-Version": "2026-07-28", "Mcp-Method": "tools/call", "Mcp-Name": tool}


def server_seconds(port, histogram, label):
    """(seconds, requests) a server's own request-duration histogram has summed so far over the requests labelled
    LABEL (its /metrics: Bastion's bastion_http_request_duration_seconds, timed by its outermost middleware from the
    request's arrival until its handling ends, the answer's stream closed and the SDK's bookkeeping after it;
    Prometheus's prometheus_http_request_duration_seconds, timed around its API handler). The /metrics requests are
    labelled apart (GET; handler="/metrics")."""
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    c.request("GET", "/metrics")
    text = c.getresponse().read().decode()
    c.close()
    found = {}
    for line in text.splitlines():
        for part in ("sum", "count"):
            if (line.startswith(f"{histogram}_{part}{{") and label in line.split("}")[0]) or (line.startswith(f"{histogram}_{part} ") and not label):
                found[part] = found.get(part, 0) + float(line.rsplit(" ", 1)[1])
    return found.get("sum", 0.0), found.get("count", 0.0)


def timed(fn):
    t = time.perf_counter()
    value = fn()
    return (time.perf_counter() - t) * 1000, value


def summary(ms):
    ms = sorted(ms)
    return {"median_ms": round(statistics.median(ms), 2), "p95_ms": round(ms[max(0, int(len(ms) * 0.95) - 1)], 2), "min_ms": round(ms[0], 2), "n": len(ms)}


def range_queries():
    synth = os.path.join(WORK, "synth")
    if not os.path.exists(os.path.join(synth, "metrics.om")) or os.environ.get("HISTORY_RESYNTH") == "1":
        log(f"synthetic store: 200 hosts x 10 series x {DAYS} days at 60 s (about 2 minutes for 7 days)")
        subprocess.run(["rm", "-rf", synth], check=True)
        subprocess.run([sys.executable, os.path.join(HERE, "synth.py"), synth, "200", DAYS, "60"], check=True)
    data = os.path.join(synth, "bastion")
    os.chmod(data, 0o700)
    prom_data = os.path.join(synth, "prom")
    if PEER and not os.path.isdir(prom_data):
        # promfill.py: the OpenMetrics file split at the 2-hour block boundaries, promtool run on the parts side by side
        # (promtool alone reads its whole input once per block: 7 days did not finish in a session on this machine).
        log(f"backfilling Prometheus ({PROM_HOURS or 'all'} hours) with promtool tsdb create-blocks-from openmetrics, in parts")
        t = time.time()
        subprocess.run([sys.executable, os.path.join(HERE, "promfill.py"), os.path.join(synth, "metrics.om"), prom_data,
                        os.environ.get("HISTORY_PROM_JOBS", "2"), PROM_HOURS or ""], check=True)
        log(f"backfill took {time.time() - t:.0f} s")
    with open(os.path.join(synth, "prometheus.yml"), "w") as f:
        f.write("global:\n  scrape_interval: 60s\nscrape_configs: []\n")

    # synth.py writes schema version 2; a build that migrates it must start from that file on every run (the before
    # build cannot open a newer schema), so the first run keeps a pristine copy and each run starts from it.
    pristine = os.path.join(synth, "pristine-history.db")
    if not os.path.exists(pristine):
        db = sqlite3.connect(os.path.join(data, "history.db"))
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.close()
        subprocess.run(["cp", os.path.join(data, "history.db"), pristine], check=True)
    for f in os.listdir(data):
        if f.startswith("history.db") or f.startswith("audit"):
            subprocess.run(["rm", "-rf", os.path.join(data, f)], check=True)
    subprocess.run(["cp", pristine, os.path.join(data, "history.db")], check=True)
    db = sqlite3.connect(f"file:{data}/history.db?mode=ro", uri=True)
    end = db.execute("SELECT max(ts) FROM ticks").fetchone()[0] / 1000 + 1
    db.close()
    before_data = data + "-before"
    if BEFORE:
        # Its own copy of the store (a data directory has one audit-log writer), kept out of collecting the same way.
        subprocess.run(["rm", "-rf", before_data], check=True)
        os.makedirs(before_data, mode=0o700)
        for f in ("inventory.yaml",):
            subprocess.run(["cp", os.path.join(data, f), before_data], check=True)
        subprocess.run(["cp", pristine, os.path.join(before_data, "history.db")], check=True)
    # The store alone, in process (no MCP, no HTTP): the fair match for Prometheus's HTTP API is between this and the
    # full call. This build's first open also migrates the synthetic store (timed).
    store_alone = {}
    for name, dll, path in (("before", STOREBENCH_BEFORE, before_data), ("bastion", STOREBENCH, data)):
        if dll and (name == "bastion" or BEFORE):
            if name == "bastion":
                t = time.time()
                subprocess.run(["dotnet", dll, os.path.join(path, "history.db"), str(int(end)), "1"], check=True, capture_output=True)
                store_alone["migration_s"] = round(time.time() - t, 1)
            out = subprocess.run(["dotnet", dll, os.path.join(path, "history.db"), str(int(end)), str(REPS * 5)], check=True, capture_output=True, text=True).stdout
            store_alone[name] = json.loads(out.strip().splitlines()[-1])
            log(f"store alone ({name}): {store_alone[name]}")
    lock = open(os.path.join(data, "history.lock"), "a")
    fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)  # the one-writer rule keeps the server's collector out of the synthetic store
    prom_process = None if not PEER else start(["prometheus", f"--config.file={synth}/prometheus.yml", f"--storage.tsdb.path={prom_data}", "--storage.tsdb.retention.time=3650d", "--web.listen-address=127.0.0.1:9192"])
    server = start([BASTION, "serve", "--http", "http://127.0.0.1:9193", "--rate-limit", "off", "--tenant-rate-limit", "off", "--data-dir", data, "--log-level", "Warning"])
    before_server = None
    if BEFORE:
        before_lock = open(os.path.join(before_data, "history.lock"), "a")
        fcntl.flock(before_lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        before_server = start([BEFORE, "serve", "--http", "http://127.0.0.1:9194", "--rate-limit", "off", "--tenant-rate-limit", "off", "--data-dir", before_data, "--log-level", "Warning"])
    try:
        if PEER:
            wait_http("127.0.0.1", 9192, "/-/ready", 600)
        wait_http("127.0.0.1", 9193, "/healthz")
        if before_server:
            wait_http("127.0.0.1", 9194, "/healthz")
        # Let Prometheus compact the backfilled 2-hour blocks before measuring.
        blocks = -1
        for _ in range(30 if PEER else 0):
            now = len([d for d in os.listdir(prom_data) if d.startswith("01")])
            if now == blocks:
                break
            blocks = now
            time.sleep(10)
        mcp = Mcp(9193)
        mcp2026 = Mcp2026(9193)
        # The questions end where the synthetic store ends (it may have been written a while ago): "now" would leave the
        # window's last minutes uncovered, and both sides would then look elsewhere (Bastion asks sysstat on each host).
        until = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(end))
        history_args = {"target": "h042", "metrics": "cpu", "since": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(end - 86400)), "until": until}
        top_args = {"target": "all", "metric": "cpu", "aggregate": "avg", "window": "1h", "limit": 5, "until": until}
        # Six averaged series; PromQL drops the metric name in avg_over_time, so each keeps a label of its own.
        cpu_query = " or ".join(f'label_replace(avg_over_time(bastion_cpu_{n}_percent{{host="h042"}}[900s]), "series", "{n}", "", "")'
                                for n in ("busy", "user", "system", "iowait", "steal", "idle"))
        prom_history = {"query": cpu_query, "start": f"{end - 86400}", "end": f"{end}", "step": "900"}
        prom_top = {"query": "topk(5, avg_over_time(bastion_cpu_busy_percent[1h]))", "time": f"{end}"}
        pc = http.client.HTTPConnection("127.0.0.1", 9192, timeout=60)

        def prom(path, params):
            pc.request("GET", path + "?" + urllib.parse.urlencode(params))
            return json.loads(pc.getresponse().read())

        cases = {
            "bastion_access_status": lambda: mcp.call("access_status", {}),
            "bastion_history_24h": lambda: mcp.call("metrics_history", history_args),
            "prometheus_history_24h": lambda: prom("/api/v1/query_range", prom_history),
            "bastion_top5_of_200_1h": lambda: mcp.call("metrics_top", top_args),
            "bastion_history_24h_2026": lambda: mcp2026.call("metrics_history", history_args),
            "bastion_top5_of_200_1h_2026": lambda: mcp2026.call("metrics_top", top_args),
            "prometheus_top5_of_200_1h": lambda: prom("/api/v1/query", prom_top),
        }
        if not PEER:
            cases = {k: v for k, v in cases.items() if k.startswith("bastion")}
        if before_server:
            old = Mcp(9194)
            cases |= {"before_history_24h": lambda: old.call("metrics_history", history_args),
                      "before_top5_of_200_1h": lambda: old.call("metrics_top", top_args)}
        for _ in range(3):
            for fn in cases.values():
                fn()
        answers = {}

        def measure():
            times = {name: [] for name in cases}
            cpu = {name: 0 for name in cases}
            for _ in range(REPS):
                for name, fn in cases.items():
                    pid = server.pid if name.startswith("bastion") else before_server.pid if name.startswith("before") else prom_process.pid
                    before = cpu_seconds(pid, False)
                    ms, answers[name] = timed(fn)
                    cpu[name] += (cpu_seconds(pid, False) - before) * 1e9
                    times[name].append(ms)
            return {name: dict(summary(ms), server_cpu_ms=round(cpu[name] / 1e6 / len(ms), 2)) for name, ms in times.items()}

        first = measure()
        log(f"first calls: {first}")
        for _ in range(WARM_CALLS):
            for fn in cases.values():
                fn()
        warm = measure()
        log(f"warm calls: {warm}")
        # Server CPU per call over RUN_CALLS calls of each question, their wall median, and the server time per call as
        # each server times its own requests (only this question's requests run meanwhile), in RUN_BLOCKS rounds: each
        # question's calls come in blocks in turn with the others', so a machine whose speed drifts over the minutes the
        # phase takes weighs on every question alike, not on whichever ran during a slow minute.
        histograms = {"bastion": (9193, "bastion_http_request_duration_seconds", 'method="POST"'),
                      "before": (9194, "bastion_http_request_duration_seconds", 'method="POST"'),
                      "prometheus_history_24h": (9192, "prometheus_http_request_duration_seconds", 'handler="/api/v1/query_range"'),
                      "prometheus_top5_of_200_1h": (9192, "prometheus_http_request_duration_seconds", 'handler="/api/v1/query"')}
        # Bastion's server time in parts: the tool pipeline up to its outcome, and the audit commit each answer waits for.
        parts = {"run_pipeline_ms": "bastion_tool_duration_seconds", "run_audit_ms": "bastion_audit_commit_duration_seconds"}
        totals = {name: {"cpu": 0.0, "server": 0.0, "count": 0, "walls": [], "parts": dict.fromkeys(parts, 0.0), "has_parts": False} for name in cases}
        block = max(1, RUN_CALLS // max(1, RUN_BLOCKS))
        for _ in range(RUN_BLOCKS if RUN_CALLS else 0):
            for name, fn in cases.items():
                pid = server.pid if name.startswith("bastion") else before_server.pid if name.startswith("before") else prom_process.pid
                histogram = histograms.get(name) or histograms[name.split("_")[0]]
                mine = histogram[1].startswith("bastion")
                parts_before = {key: server_seconds(histogram[0], part, "") for key, part in parts.items()} if mine else {}
                (sum0, count0), before = server_seconds(*histogram), cpu_seconds(pid, False)
                t = totals[name]
                for _ in range(block):
                    t["walls"].append(timed(fn)[0])
                t["cpu"] += cpu_seconds(pid, False) - before
                sum1, count1 = server_seconds(*histogram)
                t["server"] += sum1 - sum0
                t["count"] += count1 - count0
                for key, part in parts.items() if mine else ():
                    seconds, count = server_seconds(histogram[0], part, "")
                    if count > 0:  # a build that has the histogram
                        t["parts"][key] += seconds - parts_before[key][0]
                        t["has_parts"] = True
        for name, t in totals.items() if RUN_CALLS else ():
            calls = len(t["walls"])
            warm[name]["run_cpu_ms"] = round(t["cpu"] * 1e3 / calls, 3)
            warm[name]["run_median_ms"] = round(statistics.median(t["walls"]), 2)
            warm[name]["run_server_ms"] = round(t["server"] * 1e3 / max(1, t["count"]), 3)
            for key in parts if t["has_parts"] else ():
                warm[name][key] = round(t["parts"][key] * 1e3 / calls, 3)
        log(f"runs: {warm}")
        bastion_top = [h["host"] for h in answers["bastion_top5_of_200_1h"]["hosts"]]
        prom_top5 = [r["metric"]["host"] for r in sorted(answers["prometheus_top5_of_200_1h"]["data"]["result"], key=lambda r: -float(r["value"][1]))] if PEER else []
        history = answers["bastion_history_24h"]["hosts"][0]
        db = sqlite3.connect(f"file:{data}/history.db?mode=ro", uri=True)
        chunked = db.execute("SELECT count(*) FROM sqlite_master WHERE name = 'sample_chunks'").fetchone()[0]
        samples = db.execute("SELECT coalesce(sum(n), 0) FROM sample_chunks" if chunked else "SELECT count(*) FROM samples").fetchone()[0]
        db.close()
        size = sum(os.path.getsize(os.path.join(data, f)) for f in os.listdir(data) if f.startswith("history.db"))
        prom_size = int(subprocess.run(["du", "-sb", os.path.realpath(prom_data)], capture_output=True, text=True).stdout.split()[0]) if PEER else 0
        return {
            "days": DAYS,
            "store_alone": store_alone,
            "store": {"samples": samples, "bastion_bytes": size, "bastion_bytes_per_sample": round(size / samples, 2),
                      "prometheus_bytes": prom_size, "prometheus_bytes_per_sample": round(prom_size / samples, 2), "prometheus_blocks": blocks},
            "queries": warm, "first_calls": first, "warm_after_calls": 3 + REPS + WARM_CALLS,
            "check": {"bastion_top5": bastion_top, "prometheus_top5": prom_top5, "same_top5": bastion_top == prom_top5,
                      "history_series": len(history["series"]), "history_points": len(history["series"][0]["points"]) if history["series"] else 0,
                      "prometheus_series": len(answers["prometheus_history_24h"]["data"]["result"]) if PEER else 0, "prometheus_hours": PROM_HOURS or "all"},
        }
    finally:
        stop(server)
        if before_server:
            stop(before_server)
        if prom_process:
            stop(prom_process)
        lock.close()


def write(results):
    os.makedirs(os.path.join(BENCH, "results"), exist_ok=True)
    path = os.path.join(BENCH, "results", "history.json")
    if os.path.exists(path):  # a part run alone keeps the other part's last figures
        with open(path) as f:
            previous = json.load(f)
        for part in ("collector", "ranges"):
            if part not in results and part in previous:
                results[part] = previous[part]
        if "collector" in results and "prometheus" not in results["collector"] and "prometheus" in previous.get("collector", {}):
            # HISTORY_PEER=0: the peer's figures of the last run that measured it, marked as such.
            results["collector"]["prometheus"] = dict(previous["collector"]["prometheus"], from_previous_run=True)
        if "ranges" in results and "ranges" in previous:
            for name, figures in previous["ranges"]["queries"].items():
                if name.startswith("prometheus") and name not in results["ranges"]["queries"]:
                    results["ranges"]["queries"][name] = dict(figures, from_previous_run=True)
    with open(path, "w") as f:
        json.dump(results, f, indent=2)
    lines = ["# History benchmark (bench/history)", "", f"Machine: {results.get('ranges_machine', results['machine'])}", ""]
    if "collector" in results:
        c = results["collector"]
        lines += [f"## Collector CPU ({c['fleet_hosts']} loopback hosts, every {c['interval_s']} s, {c.get('window_s', WINDOW)} s measured after {c.get('warmup_s', 17)} s of warm-up)", "",
                  "| | CPU s in window | host-ticks | CPU ms per host-tick | extrapolated: 200 hosts at 60 s, % of one core |", "|---|---|---|---|---|"]
        for name in [n for n in ("before", "bastion", "prometheus") if n in c]:
            s = c[name]
            lines.append(f"| {name} | {s['cpu_s']} | {s['host_ticks']} | {s['cpu_ms_per_host_tick']} | {s['percent_core_200_hosts_60s']} % |")
        lines += ["", f"Goal: Bastion < 5 % of one core for 200 hosts at 60 s. Bastion records {c['bastion']['series']} series for {c['fleet_hosts']} hosts per tick "
                  f"(Prometheus: about {c.get('prometheus', {}).get('samples_per_scrape', '?')} samples per scrape"
                  f"{'; its row is from an earlier run' if c.get('prometheus', {}).get('from_previous_run') else ''}).",
                  f"Bastion's CPU: {c['bastion']['cpu_s_bastion_process']} s in its own process, {c['bastion']['cpu_s_ssh_clients']} s in the ssh clients it ran (one long-lived session per host; a process per host-tick before), "
                  f"{c['bastion']['cpu_s_ssh_masters']} s in the ssh masters. The fleet's hosts share this machine's /proc: "
                  f"each tick reads a process table of {c['bastion']['processes_on_machine']} processes.", ""]
    if "ranges" in results:
        r = results["ranges"]
        s = r["store"]
        lines += [f"## Range queries on a synthetic {r.get('days', 7)}-day store (200 hosts x 10 series, 60 s)", "",
                  f"Store: {s['samples']:,} samples; Bastion history.db {s['bastion_bytes']:,} B ({s['bastion_bytes_per_sample']} B/sample, all tables); "
                  + (f"Prometheus TSDB {s['prometheus_bytes']:,} B ({s['prometheus_bytes_per_sample']} B/sample, {s['prometheus_blocks']} blocks)." if s['prometheus_bytes'] else "Prometheus not run."), "",
                  "| question | Bastion median / p95 ms | Prometheus median / p95 ms | goal |", "|---|---|---|---|"]
        q = r["queries"]

        def cell(name):
            split = f" = pipeline {q[name]['run_pipeline_ms']} + audit commit {q[name]['run_audit_ms']} + MCP/HTTP" if "run_audit_ms" in q[name] and "run_pipeline_ms" in q[name] else ""
            server_time = f", server {q[name]['run_server_ms']} ms{split}" if "run_server_ms" in q[name] else ""
            run = f"; {q[name]['run_median_ms']} ms{server_time}, CPU {q[name]['run_cpu_ms']} ms over {RUN_CALLS} in {RUN_BLOCKS} blocks" if "run_cpu_ms" in q[name] else ""
            return (f"{q[name]['median_ms']} / {q[name]['p95_ms']} (CPU {q[name].get('server_cpu_ms', '?')}{run})"
                    f"{' (earlier run)' if q[name].get('from_previous_run') else ''}") if name in q else "not run"
        lines.append(f"| one host's CPU over 24 h | {cell('bastion_history_24h')} | {cell('prometheus_history_24h')} | ≤ 50 ms |")
        lines.append(f"| top 5 of 200 hosts by CPU over 1 h | {cell('bastion_top5_of_200_1h')} | {cell('prometheus_top5_of_200_1h')} | ≤ 200 ms |")
        if "bastion_history_24h_2026" in q:
            lines.append(f"| the same, a 2026-07-28 client (no session, no resumable stream): one host's CPU over 24 h | {cell('bastion_history_24h_2026')} | | |")
            lines.append(f"| a 2026-07-28 client: top 5 of 200 hosts by CPU over 1 h | {cell('bastion_top5_of_200_1h_2026')} | | |")
        if "before_history_24h" in q:
            lines.append(f"| before (HISTORY_BEFORE build, same store, interleaved): one host's CPU over 24 h | {cell('before_history_24h')} | | |")
            lines.append(f"| before: top 5 of 200 hosts by CPU over 1 h | {cell('before_top5_of_200_1h')} | | |")
        lines.append(f"| baseline: access_status (the call pipeline, no store) | {cell('bastion_access_status')} | | |")
        if "first_calls" in r:
            warm_q = q
            q = r["first_calls"]
            lines.append(f"| first calls after start (calls 4 to {3 + REPS} of each question): one host's CPU over 24 h | {cell('bastion_history_24h')} | {cell('prometheus_history_24h')} | |")
            lines.append(f"| first calls: top 5 of 200 hosts by CPU over 1 h | {cell('bastion_top5_of_200_1h')} | {cell('prometheus_top5_of_200_1h')} | |")
            if "before_history_24h" in q:
                lines.append(f"| first calls, before: one host's CPU over 24 h / top 5 of 200 over 1 h | {cell('before_history_24h')}; {cell('before_top5_of_200_1h')} | | |")
            lines.append(f"| first calls: access_status | {cell('bastion_access_status')} | | |")
            q = warm_q
        alone = r.get("store_alone", {})
        for name, label in (("bastion", "store alone, in process (no MCP, no HTTP)"), ("before", "before: store alone, in process")):
            if name in alone:
                a = alone[name]
                lines.append(f"| {label}: one host's CPU over 24 h / top 5 of 200 over 1 h | {a['history']['median_ms']} / {a['history']['p95_ms']} (CPU {a['history']['cpu_ms']}); "
                             f"{a['top']['median_ms']} / {a['top']['p95_ms']} (CPU {a['top']['cpu_ms']}) | | |")
        check = r["check"]
        lines += ["", (f"Check: same top 5 in both: {check['same_top5']} ({', '.join(check['bastion_top5'])}); "
                       f"Bastion history: {check['history_series']} series x {check['history_points']} points; Prometheus: {check['prometheus_series']} series "
                       f"(Prometheus backfilled with {check['prometheus_hours']} hours of the {r.get('days', 7)} days by promfill.py; the two questions read only the last 24 h).")
                  if check["prometheus_series"] else
                  (f"Prometheus was not run this time (HISTORY_PEER=0): its figures are from an earlier run. Bastion's top 5: {', '.join(check['bastion_top5'])}; "
                   f"Bastion history: {check['history_series']} series x {check['history_points']} points. The questions end where the synthetic store ends."),
                  (f"Rows without 'first calls' are warm: measured after {r['warm_after_calls']} calls of each question, as a long-running server answers; "
                   "the first calls after start run much of the code unoptimised (tiered JIT) and cost several times more CPU. " if "first_calls" in r else "") +
                  "Times are client wall times over one keep-alive loopback HTTP connection per client (MCP tools/call for Bastion, in a 2025-11-25 session unless the row says 2026-07-28; the HTTP API for Prometheus); "
                  "CPU is the server process's CPU time per call (user + system of the whole process from /proc/PID/stat, which keeps the time of "
                  "threads that have ended, unlike a sum over the live threads; clock ticks of 10 ms, averaged over the calls), which a loaded machine inflates far less than wall time; "
                  f"where given, the second figures are the wall median, the server time (each server's own request-duration histogram: Bastion's from the request's arrival at its outermost middleware "
                  "until the request's handling ends, MCP session, audit and all; Prometheus's around its API handler; sum over count; Bastion's split into the tool "
                  "pipeline up to the outcome (bastion_tool_duration_seconds), the audit commit the answer waits for (bastion_audit_commit_duration_seconds: write, fsync, head) "
                  "and the rest: the MCP SDK's message handling and SSE stream, Kestrel, authentication and admission) and the server CPU per call "
                  f"of {RUN_CALLS} calls of that question, in {RUN_BLOCKS} blocks taking turns with the other questions' (one question's calls at a time; CPU to 0.03 ms)."]
    with open(os.path.join(BENCH, "results", "history.md"), "w") as f:
        f.write("\n".join(lines) + "\n")
    print("\n".join(lines))


def main():
    os.makedirs(WORK, exist_ok=True)
    parts = os.environ.get("HISTORY_PARTS", "collector,ranges").split(",")
    results = {"machine": f"{os.cpu_count()} CPUs, {platform.platform()}, load {os.getloadavg()[0]:.2f} at start",
               "versions": {"prometheus": subprocess.run(["prometheus", "--version"], capture_output=True, text=True).stdout.split("\n")[0]},
               "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    try:
        if "collector" in parts:
            results["collector"] = collector_cpu()
        if "ranges" in parts:
            results["ranges"] = range_queries()
    finally:
        for p in started:
            if p.poll() is None:
                stop(p)
    results["machine"] += f", load {os.getloadavg()[0]:.2f} at end"
    write(results)


if __name__ == "__main__":
    main()
