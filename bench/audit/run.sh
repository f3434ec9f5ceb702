#!/usr/bin/env bash
# The audit benchmark: entries/s of AuditLog.AppendAsync for 1, 16 and 64 concurrent appenders, with the data
# directory on disk (bench/.build, the repository's file system) and on tmpfs (/dev/shm). Started by bench/run when
# ONLY names "audit" (it is not part of a plain bench/run); writes bench/results/audit.json and audit.md.
# Knobs: AUDIT_APPENDERS (1,16,64), AUDIT_SECONDS (5 per run), AUDIT_REPS (3), AUDIT_BASE (a git revision: the same
# program is also built against that revision's Bastion.Core and run interleaved with this one, so the table shows
# before/after ratios taken under the same machine load), AUDIT_TMPFS (/dev/shm), AUDIT_MEDIA ("disk tmpfs").
# AUDIT_SHIP=1 measures the cost of shipping instead: counting receivers on 127.0.0.1 (sinks.mjs: a syslog TCP listener
# and an OTLP/HTTP receiver), and for each cell a run with shipping off and one with both receivers set
# (BASTION_AUDIT_SYSLOG, BASTION_AUDIT_OTLP), interleaved; appenders default to 16,64. Writes
# bench/results/audit-shipping.json and .md (entries/s on and off and their ratio; bytes per entry in the file and on
# each wire; drops).
set -euo pipefail
cd "$(dirname "$0")"
root=$(cd ../.. && pwd)
build="$root/bench/.build/audit"
ship=${AUDIT_SHIP:-}
appenders=${AUDIT_APPENDERS:-$([ -n "$ship" ] && echo 16,64 || echo 1,16,64)}
seconds=${AUDIT_SECONDS:-5}
reps=${AUDIT_REPS:-3}
tmpfs=${AUDIT_TMPFS:-/dev/shm}
mkdir -p "$build"

dotnet build AuditBench.csproj -c Release -o "$build/after" -nologo -v quiet >/dev/null
variants=(after)
sinks_pid=
if [ -n "$ship" ]; then
  exec 3< <(exec node sinks.mjs)
  sinks_pid=$!
  trap 'kill "$sinks_pid" 2>/dev/null || true' EXIT
  read -r ports <&3
  syslog_port=$(echo "$ports" | python3 -c 'import json,sys; print(json.load(sys.stdin)["syslog"])')
  otlp_port=$(echo "$ports" | python3 -c 'import json,sys; print(json.load(sys.stdin)["otlp"])')
  variants=(ship-off ship-on)
elif [ -n "${AUDIT_BASE:-}" ]; then
  base_tree="$build/base-src"
  rm -rf "$base_tree"
  git -C "$root" worktree prune
  git -C "$root" worktree add -q --detach "$base_tree" "$AUDIT_BASE"
  mkdir -p "$base_tree/bench/audit"
  cp AuditBench.csproj Program.cs "$base_tree/bench/audit/"
  dotnet build "$base_tree/bench/audit/AuditBench.csproj" -c Release -o "$build/before" -nologo -v quiet >/dev/null
  git -C "$root" worktree remove --force "$base_tree"
  variants=(before after)
fi

out="$root/bench/results/audit.json.tmp"
: >"$out"
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
for rep in $(seq "$reps"); do
  for medium in ${AUDIT_MEDIA:-disk tmpfs}; do
    for n in ${appenders//,/ }; do
      for variant in "${variants[@]}"; do
        if [ "$medium" = disk ]; then dir=$(mktemp -d "$build/data.XXXXXX"); else dir=$(mktemp -d "$tmpfs/bastion-audit-bench.XXXXXX"); fi
        sink=
        if [ "$variant" = ship-on ]; then
          sink_before=$(curl -s "http://127.0.0.1:$otlp_port/counts")
          result=$(BASTION_AUDIT_SYSLOG="tcp://127.0.0.1:$syslog_port" BASTION_AUDIT_OTLP="http://127.0.0.1:$otlp_port/v1/logs" \
            dotnet "$build/after/AuditBench.dll" "$dir" "$n" "$seconds")
          sink=",\"sink_before\":$sink_before,\"sink_after\":$(curl -s "http://127.0.0.1:$otlp_port/counts")"
        elif [ "$variant" = ship-off ]; then
          result=$(dotnet "$build/after/AuditBench.dll" "$dir" "$n" "$seconds")
        else
          result=$(dotnet "$build/$variant/AuditBench.dll" "$dir" "$n" "$seconds")
        fi
        rm -rf "$dir"
        echo "{\"variant\":\"$variant\",\"medium\":\"$medium\",\"rep\":$rep,\"load\":\"$(cut -d' ' -f1 /proc/loadavg)\",\"result\":$result$sink}" | tee -a "$out"
      done
    done
  done
done
load_end=$(cut -d' ' -f1-3 /proc/loadavg)
if [ -n "$ship" ]; then
  python3 report-shipping.py "$out" "$root/bench/results/audit-shipping" "$load_start" "$load_end" "$(nproc)"
else
  python3 report.py "$out" "$root/bench/results/audit" "$load_start" "$load_end" "$(nproc)" "${AUDIT_BASE:-}"
fi
rm -f "$out"
