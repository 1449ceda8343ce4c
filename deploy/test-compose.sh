#!/usr/bin/env bash
# The Compose cluster, run for real: builds the images (deploy/images/build.sh), starts Redis with a
# password, three silos, Prometheus and the explorer, runs a sweep from the console container through
# the gateways, `docker kill`s a silo mid-sweep, and checks that every trial finished once with its
# exact epoch count, that Prometheus lists every live silo as up with HyperSearch's metrics, and
# that the explorer wants its token. Then the TLS variant: a sweep with the console's certificate,
# and a console without one refused. Tears everything down; nothing is left running.
#   deploy/test-compose.sh            (as root: installs docker.io, docker-compose, debootstrap when
#                                      missing, and starts dockerd for the run when none is running)
# Ends with PASS or FAIL and its time; exits non-zero on failure.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
began=$SECONDS
# One run at a time on a machine: runs from other checkouts share the engine, the image names and a
# dockerd this script may start and stop. A second run waits here for the first.
exec 9>/run/lock/hypersearch-test-compose.lock
if ! flock -n 9; then
  echo "test-compose: waiting for another run of this test on this machine"
  flock 9
fi
project="hypersearch-test-$$"
work="$(mktemp -d)"
dockerd_pid=""
compose_files=()

say() { echo "test-compose [$((SECONDS - began)) s]: $*"; }
fail() { say "$*"; exit 1; }

compose() { docker-compose -p "$project" "${compose_files[@]}" "$@"; }

cleanup() {
  local status=$?
  set +e
  if [ ${#compose_files[@]} -gt 0 ]; then
    # On failure, what the services said last, for whoever reads a CI log.
    [ "$status" -eq 0 ] || compose logs --no-color --tail 15 2>&1 | tail -90
    compose --profile console down -v --remove-orphans >/dev/null 2>&1
    left="$(docker ps -aq --filter "label=com.docker.compose.project=$project")"
    [ -z "$left" ] || { say "containers left running: $left"; status=1; }
  fi
  if [ -n "$dockerd_pid" ]; then
    kill "$dockerd_pid" && while kill -0 "$dockerd_pid" 2>/dev/null; do sleep 0.5; done
  fi
  rm -rf "$work"
  if [ "$status" -eq 0 ]; then echo "PASS deploy/test-compose.sh ($((SECONDS - began)) s)"
  else echo "FAIL deploy/test-compose.sh ($((SECONDS - began)) s)"; fi
  exit "$status"
}
trap cleanup EXIT

# --- the tools: Debian's docker.io and docker-compose, and an engine ---------------------------------
missing=()
for p in docker.io docker-compose debootstrap openssl curl python3 tini dataset-fashion-mnist; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" -eq 0 ] || fail "needs root to install ${missing[*]}"
  say "installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null \
    || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null; } \
    || fail "could not install ${missing[*]}"
fi
if ! docker info >/dev/null 2>&1; then
  say "starting dockerd for this run"
  /usr/sbin/dockerd -p "$work/dockerd.pid" >"$work/dockerd.log" 2>&1 &
  dockerd_pid=$!
  for _ in $(seq 60); do docker info >/dev/null 2>&1 && break; sleep 0.5; done
  docker info >/dev/null 2>&1 || { tail -5 "$work/dockerd.log"; fail "dockerd did not start"; }
fi

say "building the images (deploy/images/build.sh)"
"$root/deploy/images/build.sh"
# The official images where they can be had, else the Debian stand-ins build.sh made.
if ! docker image inspect redis:7 >/dev/null 2>&1 && ! docker pull -q redis:7 >/dev/null 2>&1; then
  export REDIS_IMAGE=hypersearch-redis:debian PROMETHEUS_IMAGE=hypersearch-prometheus:debian
fi

# --- a copy of the deployment files, with this run's secrets ----------------------------------------
mkdir -p "$work/deploy" "$work/specs"
cp -r "$root/deploy/compose" "$root/deploy/prometheus" "$work/deploy/"
rm -rf "$work/deploy/compose/secrets" && mkdir -p "$work/deploy/compose/secrets"
head -c 32 /dev/urandom | base64 | tr -d '/+=' > "$work/deploy/compose/secrets/redis-password"
export HYPERSEARCH_EXPLORER_TOKEN="$(head -c 16 /dev/urandom | base64 | tr -d '/+=')"
export HYPERSEARCH_LEASE=00:00:08   # a killed silo's trial is re-queued soon
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
export HYPERSEARCH_GATEWAY_PORT_1=$(free_port) HYPERSEARCH_GATEWAY_PORT_2=$(free_port) HYPERSEARCH_GATEWAY_PORT_3=$(free_port)
export HYPERSEARCH_EXPLORER_PORT=$(free_port) HYPERSEARCH_PROMETHEUS_PORT=$(free_port)
compose_files=(-f "$work/deploy/compose/docker-compose.yml")
# What a crashed earlier run left (its containers, networks and volumes carry its project's label).
for stale in $(docker ps -aq --filter label=com.docker.compose.project | xargs -r docker inspect \
    -f '{{index .Config.Labels "com.docker.compose.project"}}' | grep '^hypersearch-test-' | sort -u); do
  say "removing what an earlier run ($stale) left"
  docker-compose -p "$stale" "${compose_files[@]}" --profile console down -v --remove-orphans >/dev/null 2>&1 || true
done

ip_of() { docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' "$(compose ps -q "$1")"; }
gateways=silo1:30000,silo2:30000,silo3:30000
console() { compose run --rm -T -v "$work/specs:/work" console "$@"; }

# Wait until all three silos answer through the gateways with their slots.
wait_for_silos() {
  for _ in $(seq 90); do
    if console slots --gateway "$gateways" --json 2>/dev/null | tail -1 > "$work/slots.json" &&
       python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if len({s["silo"] for s in d}) >= 3 else 1)' "$work/slots.json" 2>/dev/null; then
      return 0
    fi
    sleep 2
  done
  fail "the silos did not all join: $(compose logs --tail 20 2>&1)"
}

# A sweep whose every trial runs all its epochs (no scheduler), long enough to be caught mid-trial.
trials=6 epochs=3
cat > "$work/specs/cluster.yaml" <<SPEC
name: compose-test
data: { dataset: fashion-mnist, train_subset: 3000, validation: 1000 }
objective: { metric: val_accuracy, mode: max }
budget: { trials: $trials, max_epochs: $epochs, parallelism: 3 }
search: { strategy: random, seed: 7 }
scheduler: { type: none }
space:
  lr: { loguniform: [1.0e-3, 1.0e-2] }
  optimizer: { value: adam }
  batch_size: { value: 64 }
  model: { value: cnn }
SPEC

# --- the plain cluster: a sweep with a silo killed mid-trial ----------------------------------------
say "starting Redis, three silos and Prometheus ($REDIS_IMAGE, $PROMETHEUS_IMAGE)"
compose up -d >/dev/null 2>&1 || fail "compose up failed: $(compose up -d 2>&1 | tail -5)"
wait_for_silos
say "three silos joined; running $trials trials x $epochs epochs"
console run cluster.yaml --gateway "$gateways" --json > "$work/run.json" 2> "$work/run.err" &
run_pid=$!

# Kill silo2 or silo3, whichever is first seen training a trial (silo1 serves the explorer checked
# below): a silo's own metrics endpoint says when its slot is busy, read straight from the container
# so the kill follows within a fraction of a second.
busy() {
  curl -sf "http://$1:9464/metrics" | python3 -c '
import sys
for line in sys.stdin:
    if line.startswith("hypersearch_slots_busy{"):
        if float(line.rsplit("}", 1)[-1].split()[0]) > 0: sys.exit(0)
sys.exit(1)'
}
declare -A silo_ip=([silo2]="$(ip_of silo2)" [silo3]="$(ip_of silo3)")
killed=""
for _ in $(seq 600); do
  kill -0 "$run_pid" 2>/dev/null || break
  for silo in silo2 silo3; do
    if busy "${silo_ip[$silo]}"; then
      docker kill "$(compose ps -q "$silo")" >/dev/null; killed=$silo
      say "killed $silo mid-trial"
      break 2
    fi
  done
  sleep 0.2
done
[ -n "$killed" ] || fail "neither silo2 nor silo3 was seen training: $(compose logs --tail 15 silo2 silo3 2>&1 | tail -30)"
live=(); for silo in silo1 silo2 silo3; do [ "$silo" = "$killed" ] || live+=("$silo"); done
wait "$run_pid" || fail "the sweep failed: $(tail -5 "$work/run.err")"

python3 - "$work/run.json" "$trials" "$epochs" <<'PY' || fail "the sweep's summary is wrong: $(tail -1 "$work/run.json")"
import json, sys
summary = json.loads(open(sys.argv[1]).read().strip().splitlines()[-1])
trials, epochs = int(sys.argv[2]), int(sys.argv[3])
t, faults = summary["trials"], summary.get("faults") or {}
print(f"test-compose: sweep {summary['status']}: {t['completed']}/{t['total']} completed, "
      f"{summary['epochsTrained']} epochs trained, faults {faults}")
assert summary["status"] == "completed", summary["status"]
assert t["total"] == trials and t["completed"] == trials, t          # every trial finished, once
assert faults.get("requeuedAttempts", 0) >= 1, "the kill re-queued no trial"
assert faults["epochsInCurves"] == trials * epochs, faults           # each curve exactly max_epochs long
assert summary["epochsTrained"] == faults["epochsInCurves"] + faults["epochsRetrained"], summary
PY

# --- Prometheus: the live silos up, with HyperSearch's metrics; the killed one down -------------------
prometheus="http://$(ip_of prometheus):9090"
query() { curl -sf --get "$prometheus/api/v1/query" --data-urlencode "query=$1"; }
sleep 6   # one scrape interval after the kill
for silo in "${live[@]}"; do
  query "up{job=\"hypersearch-silo\",instance=\"$silo:9464\"} == 1" | grep -q "\"$silo:9464\"" || fail "Prometheus does not list $silo as up"
  query "hypersearch_slots_total{instance=\"$silo:9464\"}" | grep -q "\"$silo:9464\"" || fail "Prometheus has no HyperSearch metrics from $silo"
done
query "up{job=\"hypersearch-silo\",instance=\"$killed:9464\"} == 0" | grep -q "\"$killed:9464\"" || fail "Prometheus does not list the killed $killed as down"
say "Prometheus: ${live[*]} up with hypersearch_slots_total, $killed down"

# --- the explorer on silo1: refused without its token, served with it --------------------------------
explorer="http://$(ip_of silo1):8080/"
code=$(curl -s -o /dev/null -w '%{http_code}' "$explorer")
[ "$code" = 401 ] || fail "the explorer answered $code without its token"
curl -sf -H "Authorization: Bearer $HYPERSEARCH_EXPLORER_TOKEN" "$explorer" >/dev/null || fail "the explorer refused its token"
say "explorer: 401 without the token, 200 with it"
compose --profile console down -v --remove-orphans >/dev/null 2>&1

# --- the TLS variant: mutual TLS everywhere, Redis over TLS; a console without the CA's certificate is refused
say "TLS: certificates for silo1-3, Redis over TLS with its password"
"$root/deploy/tls/make-dev-certs.sh" "$work/deploy/compose/secrets" silo1 silo2 silo3 >/dev/null
compose_files+=(-f "$work/deploy/compose/docker-compose.tls.yml")
compose up -d >/dev/null 2>&1 || fail "compose up (TLS) failed: $(compose up -d 2>&1 | tail -5)"
cp "$work/deploy/compose/secrets/"{ca.crt,console.crt,console.key} "$work/specs/"
tls_console() {
  compose run --rm -T -v "$work/specs:/work" -e HYPERSEARCH_TlsCertificate=/work/console.crt \
    -e HYPERSEARCH_TlsKey=/work/console.key -e HYPERSEARCH_TlsCa=/work/ca.crt console "$@"
}
cat > "$work/specs/tls.yaml" <<SPEC
name: compose-tls
data: { dataset: fashion-mnist, train_subset: 1000, validation: 500 }
objective: { metric: val_accuracy, mode: max }
budget: { trials: 2, max_epochs: 1, parallelism: 2 }
search: { strategy: random, seed: 7 }
space:
  lr: { loguniform: [1.0e-3, 1.0e-2] }
  model: { value: mlp }
SPEC
ok=""
for _ in $(seq 45); do
  if tls_console run tls.yaml --gateway "$gateways" --json > "$work/tls.json" 2> "$work/tls.err"; then ok=1; break; fi
  sleep 2   # the silos are still joining
done
[ -n "$ok" ] || fail "no sweep over TLS: $(tail -3 "$work/tls.err")"
grep -q '"completed":2' "$work/tls.json" || fail "the TLS sweep did not complete both trials: $(tail -1 "$work/tls.json")"
say "TLS: a sweep with the console's certificate completed"
set +e
console list --gateway "$gateways" > "$work/refused.out" 2>&1
code=$?
set -e
[ "$code" -ne 0 ] && grep -q "cannot reach a HyperSearch silo" "$work/refused.out" \
  || fail "a console without a certificate was not refused (exit $code): $(tail -2 "$work/refused.out")"
say "TLS: a console without a certificate was refused (exit $code)"
