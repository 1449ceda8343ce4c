#!/usr/bin/env bash
# What a silo death costs a sweep, with and without resumable checkpoints (README "Measured figures", "Epochs a silo death costs").
#   bench/resume.sh [--runs N] [--kill-after K]
# For each run and each setting (checkpoints.resume false, then true): a Redis (Debian's
# redis-server) and two silo processes with one slot each, sharing an artifact directory; the
# sweep in bench/specs/resume.yaml (2 trials x 8 epochs); once the trial on silo b has reported
# epoch K (default 5; `hypersearch status`), silo b is SIGKILLed and its trial re-runs on silo a after
# its lease (5 s) expires. Prints, per run, the epochs trained in all, the epochs in the final
# curves, the epochs trained again (the summary's faults.epochsRetrained) and the sweep's wall time.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# glibc malloc settings that make CPU convolutions several times faster (sdk-torchsharp/Native/NativeAllocator.cs).
export GLIBC_TUNABLES="${GLIBC_TUNABLES:+$GLIBC_TUNABLES:}glibc.malloc.arena_max=1:glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=17179869184"
cd "$root"
runs=1
kill_after=5
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --kill-after) kill_after="$2"; shift 2 ;;
    *) echo "usage: bench/resume.sh [--runs N] [--kill-after K]" >&2; exit 2 ;;
  esac
done

dotnet build silo -c Release -nologo -v quiet >/dev/null
./hypersearch --help >/dev/null 2>&1 || true   # builds the console when stale
silo="$root/silo/bin/Release/net10.0/hypersearch-silo.dll"
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 1 300); do (echo >"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.2; done; return 1; }

pids=()
cleanup() { for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

one_run() {  # $1 = true|false: checkpoints.resume
  local resume="$1" work redis_port ga gb sweep victim pid_b
  work="$(mktemp -d /tmp/hypersearch-resume-bench.XXXXXX)"
  sed "s/resume: RESUME/resume: $resume/" bench/specs/resume.yaml > "$work/spec.yaml"
  redis_port="$(port)"
  # Started outside this shell's job table, so their SIGKILLs are not reported as job deaths.
  (redis-server --port "$redis_port" --bind 127.0.0.1 --dir "$work" --save "" --appendonly no >/dev/null & echo $! > "$work/redis.pid")
  pids+=("$(cat "$work/redis.pid")")
  wait_port "$redis_port"
  ga="$(port)"; gb="$(port)"
  for s in a b; do
    local gp; gp=$([ $s = a ] && echo "$ga" || echo "$gb")
    (cd "$work" && exec dotnet "$silo" --name "$s" --redis "127.0.0.1:$redis_port" --advertised-host 127.0.0.1 \
      --silo-port "$(port)" --gateway-port "$gp" --slots 1 --lease 00:00:05 --artifacts "$work/artifacts" \
      --state-dir "$work/state-$s" --data-root "$work" > "$work/silo-$s.log" 2>&1 & echo $! > "$work/silo-$s.pid")
    pids+=("$(cat "$work/silo-$s.pid")")
    [ $s = b ] && pid_b="$(cat "$work/silo-b.pid")"
    wait_port "$gp"
  done
  ./hypersearch run "$work/spec.yaml" --gateway "127.0.0.1:$ga" --json > "$work/summary.json" 2> "$work/console.log" &
  local console=$!
  # The trial silo b trains: its sweep logs "Leased <sweep>/tNNN#1 to b/0" (on whichever silo hosts it).
  victim=""
  for _ in $(seq 1 600); do
    victim="$(grep -ho 'Leased [^ ]*/t[0-9]*#1 to b/' "$work"/silo-*.log 2>/dev/null | head -1 | sed -E 's/.*\/(t[0-9]+)#1.*/\1/')" || true
    [ -n "$victim" ] && break
    sleep 0.2
  done
  [ -n "$victim" ] || { echo "silo b never leased a trial" >&2; exit 1; }
  # Then until the trial table shows it running with K epochs reported (the same trigger whether or
  # not it saves checkpoints).
  local sweep epochs
  sweep="$(grep -ho 'Leased [^ ]*/t[0-9]*#1 to b/' "$work"/silo-*.log | head -1 | sed -E 's/Leased (.*)\/t[0-9]+#1.*/\1/')"
  for _ in $(seq 1 600); do
    epochs="$(./hypersearch status "$sweep" --gateway "127.0.0.1:$ga" 2>/dev/null | grep -E "\b$victim\b" | grep -oE 'running[^0-9]*[0-9]+' | grep -oE '[0-9]+$' || true)"
    [ -n "$epochs" ] && [ "$epochs" -ge "$kill_after" ] && break
    sleep 0.2
  done
  kill -9 "$pid_b"
  wait "$console" || true
  python3 - "$work/summary.json" "$resume" "$victim" <<'PY'
import json, sys
summary = json.loads(open(sys.argv[1]).read().strip().splitlines()[-1])
faults = summary.get("faults", {})
print("resume=%-5s killed %s: status %s (trials %s), epochs trained %d, in final curves %d, trained again %d, requeued %d, resumed %d, sweep %.1f s"
      % (sys.argv[2], sys.argv[3], summary["status"], json.dumps(summary["trials"], separators=(",", ":")), summary["epochsTrained"], faults.get("epochsInCurves", -1),
         faults.get("epochsRetrained", -1), faults.get("requeuedAttempts", 0), faults.get("resumedAttempts", 0), summary["elapsedSeconds"]))
PY
  cleanup
  pids=()
  rm -rf "$work"
}

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for _ in $(seq 1 "$runs"); do
  one_run false
  one_run true
done
