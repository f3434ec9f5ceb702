#!/usr/bin/env bash
# The audit benchmark: entries/s of AuditLog.AppendAsync for 1, 16 and 64 concurrent appenders, with the data
# directory on disk (bench/.build, the repository's file system) and on tmpfs (/dev/shm). Started by bench/run when
# ONLY names "audit" (it is not part of a plain bench/run); writes bench/results/audit.json and audit.md.
# Knobs: AUDIT_APPENDERS (1,16,64), AUDIT_SECONDS (5 per run), AUDIT_REPS (3), AUDIT_BASE (a git revision: the same
# program is also built against that revision's Bastion.Core and run interleaved with this one, so the table shows
# before/after ratios taken under the same machine load), AUDIT_TMPFS (/dev/shm).
set -euo pipefail
cd "$(dirname "$0")"
root=$(cd ../.. && pwd)
build="$root/bench/.build/audit"
appenders=${AUDIT_APPENDERS:-1,16,64}
seconds=${AUDIT_SECONDS:-5}
reps=${AUDIT_REPS:-3}
tmpfs=${AUDIT_TMPFS:-/dev/shm}
mkdir -p "$build"

dotnet build AuditBench.csproj -c Release -o "$build/after" -nologo -v quiet >/dev/null
variants=(after)
if [ -n "${AUDIT_BASE:-}" ]; then
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
  for medium in disk tmpfs; do
    for n in ${appenders//,/ }; do
      for variant in "${variants[@]}"; do
        if [ "$medium" = disk ]; then dir=$(mktemp -d "$build/data.XXXXXX"); else dir=$(mktemp -d "$tmpfs/bastion-audit-bench.XXXXXX"); fi
        result=$(dotnet "$build/$variant/AuditBench.dll" "$dir" "$n" "$seconds")
        rm -rf "$dir"
        echo "{\"variant\":\"$variant\",\"medium\":\"$medium\",\"rep\":$rep,\"load\":\"$(cut -d' ' -f1 /proc/loadavg)\",\"result\":$result}" | tee -a "$out"
      done
    done
  done
done
load_end=$(cut -d' ' -f1-3 /proc/loadavg)
python3 report.py "$out" "$root/bench/results/audit" "$load_start" "$load_end" "$(nproc)" "${AUDIT_BASE:-}"
rm -f "$out"
