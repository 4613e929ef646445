#!/usr/bin/env bash
# Start-to-ready time and resident memory of the embedded server at a given history length.
#
#   bench/run-start.sh [--namespaces 100] [--revisions 500] [--runs 3] [--data-dir DIR] [--plain-jar]
#
# Starts the server as bin/cascade-server does (its jar extracted, with a class-data-sharing archive;
# --plain-jar: `java -jar` on the packed jar instead) on a free port with a temporary data dir, writes
# --namespaces namespaces of --revisions revisions each through the API (WriteLoad, 50 putLayer
# per request), stops it, then starts it --runs times on that data dir and reports for each run:
# process start until GET /actuator/health answers, the server's own "Loaded ..." line, its
# resident set size (VmRSS) right after ready, and the heap used after a full GC. With --data-dir,
# the history is written into DIR and kept there; a DIR that already holds one is started as it is
# (so the history can be written once and the starts measured later, on a quiet machine).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
namespaces=100
revisions=500
runs=3
data_dir=""
plain=""
while [ $# -gt 0 ]; do
  case "$1" in
    --namespaces) namespaces="$2"; shift 2 ;;
    --revisions) revisions="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --data-dir) data_dir="$2"; shift 2 ;;
    --plain-jar) plain=1; shift ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

jar="$root/api-server/target/cascade-api-server-exec.jar"
bench_jar="$root/bench/target/benchmarks.jar"
[ -f "$jar" ] || (cd "$root" && mvn -q -B -pl api-server -am package -DskipTests) >&2
[ -f "$bench_jar" ] || (cd "$root" && mvn -q -B -pl bench -am package -DskipTests) >&2
work="$(mktemp -d -t cascade-start.XXXXXX)"
data="${data_dir:-$work/data}"
cp "$jar" "$work/server.jar"
cp "$bench_jar" "$work/benchmarks.jar"
key="bench-$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')"
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

start() { # start LOG: sets pid, port, ready_ms
  port="$(free_port)"
  local t0; t0="$(now_ms)"
  if [ -n "$plain" ]; then
    SERVER_PORT="$port" CASCADE_DATA_DIR="$data" CASCADE_BOOTSTRAP_ADMIN_KEY="$key" java ${CASCADE_JAVA_OPTS:-} -jar "$work/server.jar" >"$1" 2>&1 &
  else
    SERVER_PORT="$port" CASCADE_DATA_DIR="$data" CASCADE_BOOTSTRAP_ADMIN_KEY="$key" "$root/bin/cascade-server" >"$1" 2>&1 &
  fi
  pid=$!
  until curl -sf -o /dev/null --max-time 1 "http://127.0.0.1:$port/actuator/health"; do
    kill -0 "$pid" 2>/dev/null || { echo "the server exited; its log:" >&2; tail -30 "$1" >&2; exit 1; }
    sleep 0.05
  done
  ready_ms=$(( $(now_ms) - t0 ))
}
stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""; }

if [ -z "$plain" ]; then # the launcher's one-off preparation (extraction, archive) is not what is timed
  CASCADE_DATA_DIR="$work/prepare" SERVER_PORT=0 CASCADE_BOOTSTRAP_ADMIN_KEY="$key" \
    CASCADE_JAVA_OPTS="-Dspring.context.exit=onRefresh" "$root/bin/cascade-server" >"$work/prepare.log" 2>&1 || true
fi
echo "machine: $(nproc) cores; $(java -version 2>&1 | head -1); ${plain:+plain jar; }load average $(cut -d' ' -f1-3 /proc/loadavg)"
if [ -f "$data/cascade-store.mv" ]; then
  echo "starting on the history already in $data"
  key="$(cat "$data/bench-admin.key")"
else
  mkdir -p "$data"
  echo "$key" >"$data/bench-admin.key"
  start "$work/setup.log"
  total=$(( namespaces * revisions ))
  echo "writing $namespaces namespaces x $revisions revisions = $total revisions..."
  CASCADE_API_KEY="$key" java -cp "$work/benchmarks.jar" io.cascade.bench.WriteLoad --url "http://127.0.0.1:$port" \
    --namespaces "$namespaces" --writes "$total" --batch 50 --writers 2 | sed 's/^/  /'
  stop
fi
echo "store file: $(du -h "$data/cascade-store.mv" | cut -f1)"
for i in $(seq 1 "$runs"); do
  start "$work/start-$i.log"
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  jcmd "$pid" GC.run >/dev/null 2>&1 || true
  heap=$(jcmd "$pid" GC.heap_info 2>/dev/null | grep -o 'used [0-9]*K' | head -1 | tr -dc '0-9')
  echo "run $i: ready in ${ready_ms} ms; RSS $(( rss / 1024 )) MiB; heap used after GC $(( ${heap:-0} / 1024 )) MiB; $(grep -o 'Loaded [0-9]* namespace(s) in [0-9]* ms[^$]*' "$work/start-$i.log" | head -1)"
  stop
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
