#!/usr/bin/env bash
# Durable write latency: putLayer of one small layer, acknowledged only once it is synced to disk.
#
#   bench/run-write.sh [--writes 2000] [--writers "1 4 16"] [--batch 100] [--inline]
#
# Starts the server from its built jar (embedded store) on a free port with a temporary data dir and
# runs io.cascade.bench.WriteLoad against it: for each --writers count, that many closed-loop writers
# of one putLayer per request (p50/p90/p99 per acknowledged commit, commits/s), then one writer of
# --batch aliased putLayers per request (the seed's "100 aliased per request" case). Layers travel
# as GraphQL variables, as the CLI sends them; --inline writes them into each document as literals.
# A warm-up of 3 000 writes comes first. Stops the server and deletes the data dir.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
writes=2000
counts="1 4 16"
batch=100
inline=""
while [ $# -gt 0 ]; do
  case "$1" in
    --writes) writes="$2"; shift 2 ;;
    --writers) counts="$2"; shift 2 ;;
    --batch) batch="$2"; shift 2 ;;
    --inline) inline="--inline"; shift ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

jar="$root/api-server/target/cascade-api-server-exec.jar"
bench_jar="$root/bench/target/benchmarks.jar"
[ -f "$jar" ] || (cd "$root" && mvn -q -B -pl api-server -am package -DskipTests) >&2
[ -f "$bench_jar" ] || (cd "$root" && mvn -q -B -pl bench -am package -DskipTests) >&2
work="$(mktemp -d -t cascade-write.XXXXXX)"
cp "$jar" "$work/server.jar"
cp "$bench_jar" "$work/benchmarks.jar"
key="bench-$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')"
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
mkdir -p "$work/data"
SERVER_PORT="$port" CASCADE_DATA_DIR="$work/data" CASCADE_BOOTSTRAP_ADMIN_KEY="$key" \
  java ${CASCADE_JAVA_OPTS:-} -jar "$work/server.jar" >"$work/server.log" 2>&1 &
pid=$!
until curl -sf -o /dev/null --max-time 1 "http://127.0.0.1:$port/actuator/health"; do
  kill -0 "$pid" 2>/dev/null || { echo "the server exited; its log:" >&2; tail -30 "$work/server.log" >&2; exit 1; }
  sleep 0.1
done
echo "machine: $(nproc) cores; $(java -version 2>&1 | head -1); data dir on $(df -T "$work" | awk 'NR==2 {print $2}')"
load() { cut -d' ' -f1-3 /proc/loadavg; }
run() {
  echo "== $* (load average $(load))"
  CASCADE_API_KEY="$key" java -cp "$work/benchmarks.jar" io.cascade.bench.WriteLoad --url "http://127.0.0.1:$port" $inline "$@" | sed 's/^/  /'
}
run --writers 1 --writes 3000 >/dev/null # warm-up: the JIT, and a store that is not empty
for n in $counts; do
  run --writers "$n" --writes "$writes" --namespaces "$n"
done
run --writers 1 --writes "$(( writes * 5 ))" --batch "$batch"
echo "load average after: $(load)"
