#!/usr/bin/env bash
# The history benchmark (collector CPU and range-query latency beside Prometheus + node_exporter); see bench/README.md.
# Started by bench/run when ONLY names "history" (it is not part of a plain bench/run). Needs root, the loopback
# fleet (tests/fleet/fleet.sh, address base 150: 127.0.0.152 ...; HISTORY_FLEET_BASE), python3, and Debian's prometheus and
# prometheus-node-exporter (installed when missing). Knobs: HISTORY_FLEET (8 hosts), HISTORY_INTERVAL (5 s),
# HISTORY_WINDOW (60 s), HISTORY_REPS (20), HISTORY_RUN_CALLS (400), HISTORY_PARTS (collector,ranges),
# HISTORY_WORK (/tmp/bastion-history-bench).
set -euo pipefail
cd "$(dirname "$0")"
need=()
command -v prometheus >/dev/null || need+=(prometheus)
command -v prometheus-node-exporter >/dev/null || need+=(prometheus-node-exporter)
command -v ssh-keyscan >/dev/null || need+=(openssh-client)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
python3 bench.py
