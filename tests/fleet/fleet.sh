#!/usr/bin/env bash
# A fleet of real SSH hosts on this machine, for tests and benchmarks: one sshd per loopback address
# 127.0.0.(B+2) … 127.0.0.(B+N+1), all on port 22, each in its own UTS namespace so that `hostname` answers hostNN.
# B is $FLEET_BASE (default 0), so that several fleets (test suites running at once) never share an address.
# Needs root and openssh-server. Network traffic stays on loopback.
#
#   fleet.sh start DIR N     start N hosts; DIR gets the client key (DIR/id_ed25519) and one folder per host
#   fleet.sh stop DIR        stop every sshd started in DIR
#   fleet.sh restart DIR I   restart host I (1-based), e.g. after its host key was replaced
#   fleet.sh rekey DIR I     give host I a new host key and restart it (a "changed host key")
#   fleet.sh halt DIR I      stop host I only (an unreachable host)
set -euo pipefail

user=fleet1
base=${FLEET_BASE:-0}
cmd=${1:?usage: fleet.sh start|stop|restart|rekey|halt DIR [N|I]}
dir=${2:?fleet directory}

host_dir() { printf '%s/host%02d' "$dir" "$1"; }

start_host() {
  local i=$1 h
  h=$(host_dir "$i")
  unshare --uts sh -c "hostname $(printf 'host%02d' "$i") && exec /usr/sbin/sshd -f '$h/sshd_config' -E '$h/sshd.log'"
}

# Running, and not a zombie waiting for a parent (pid 1 here) that may be slow to reap it.
alive() { [ -r "/proc/$1/stat" ] && [ "$(sed 's/.*) //' "/proc/$1/stat" | cut -c1)" != Z ]; }

stop_host() {
  local h pid
  h=$(host_dir "$1")
  if [ -f "$h/sshd.pid" ]; then
    pid=$(cat "$h/sshd.pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 50); do alive "$pid" || break; sleep 0.05; done
    rm -f "$h/sshd.pid"
  fi
}

case "$cmd" in
  start)
    n=${3:?number of hosts}
    mkdir -p "$dir" /run/sshd
    # Fleets started at once (test suites run in parallel) create the one user under a lock: two useradd at once fail.
    (
      flock 9
      id "$user" >/dev/null 2>&1 || useradd -m -s /bin/bash "$user"
      usermod -p '*' "$user"   # sshd with UsePAM no refuses the locked '!' password useradd sets
    ) 9>/run/bastion-fleet-user.lock
    [ -f "$dir/id_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -C "bastion-fleet" -f "$dir/id_ed25519"
    home=$(getent passwd "$user" | cut -d: -f6)
    chown "$user:$user" "$home"   # sshd's StrictModes refuses the key when the home belongs to anyone else
    install -d -m 700 -o "$user" -g "$user" "$home/.ssh"
    touch "$home/.ssh/authorized_keys"
    grep -qxF "$(cat "$dir/id_ed25519.pub")" "$home/.ssh/authorized_keys" || cat "$dir/id_ed25519.pub" >> "$home/.ssh/authorized_keys"
    chown "$user:$user" "$home/.ssh/authorized_keys"; chmod 600 "$home/.ssh/authorized_keys"
    for i in $(seq 1 "$n"); do
      h=$(host_dir "$i")
      mkdir -p "$h"
      [ -f "$h/ssh_host_ed25519_key" ] || ssh-keygen -q -t ed25519 -N '' -f "$h/ssh_host_ed25519_key"
      cat > "$h/sshd_config" <<CONF
ListenAddress 127.0.0.$((base + i + 1)):22
HostKey $h/ssh_host_ed25519_key
PidFile $h/sshd.pid
UsePAM no
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
AllowUsers $user
MaxStartups 100:30:200
Subsystem sftp internal-sftp
LogLevel ERROR
CONF
      stop_host "$i"
      start_host "$i"
    done
    for i in $(seq 1 "$n"); do
      h=$(host_dir "$i")
      for _ in $(seq 100); do [ -s "$h/sshd.pid" ] && break; sleep 0.02; done
      printf 'host%02d 127.0.0.%d\n' "$i" $((base + i + 1))
    done
    ;;
  stop)
    for h in "$dir"/host*/; do
      [ -d "$h" ] || continue
      i=$((10#$(basename "$h" | sed 's/host//')))
      stop_host "$i"
    done
    ;;
  restart)
    i=${3:?host number}; stop_host "$i"; start_host "$i"
    ;;
  rekey)
    i=${3:?host number}; h=$(host_dir "$i")
    rm -f "$h/ssh_host_ed25519_key" "$h/ssh_host_ed25519_key.pub"
    ssh-keygen -q -t ed25519 -N '' -f "$h/ssh_host_ed25519_key"
    stop_host "$i"; start_host "$i"
    ;;
  halt)
    stop_host "${3:?host number}"
    ;;
  *)
    echo "unknown command '$cmd'; use start, stop, restart, rekey or halt" >&2; exit 2
    ;;
esac
