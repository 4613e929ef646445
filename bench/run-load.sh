#!/usr/bin/env bash
# Load benchmark of the GraphQL API, and the server's start-to-ready time. Loopback only.
#
#   bench/run-load.sh [--operation resolve|evaluate] [--threads "2 4 8"] [--duration 20] [--warmup 15]
#                     [--tenants 1000] [--explain] [--start-runs 5] [--no-load] [--no-start]
#
# Starts the server from its built jar (building it if missing) on a free port with a temporary
# data dir, waits for GET /actuator/health, runs io.cascade.bench.GraphQlLoad once per thread
# count (each run sets up its own namespace: for resolve, ~1 000 tenant layers queried with
# resolveConfig; for evaluate, a 1 000-key segment and 10 flags queried with evaluateFlags in
# environment prod with an SDK key), prints the results and stops the server. Then measures
# start-to-ready (process start until /actuator/health answers) over --start-runs fresh starts on
# empty data dirs, and as many on the data dir the load left.
#
# The client and the server share the machine's cores: on 2 cores the numbers are for both.
# CASCADE_JAVA_OPTS is passed to the server JVM (e.g. -XX:TieredStopAtLevel=1).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
operation=resolve
threads="2 4 8"
duration=20
warmup=15
tenants=1000
explain=""
start_runs=5
do_load=1
do_start=1

while [ $# -gt 0 ]; do
  case "$1" in
    --operation) operation="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --tenants) tenants="$2"; shift 2 ;;
    --explain) explain="--explain"; shift ;;
    --start-runs) start_runs="$2"; shift 2 ;;
    --no-load) do_load=0; shift ;;
    --no-start) do_start=0; shift ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

case "$operation" in
  resolve|evaluate) ;;
  *) echo "--operation must be resolve or evaluate, was '$operation'" >&2; exit 2 ;;
esac

# ---- build what is missing ------------------------------------------------------------------

server_jar() {
  # The runnable (Spring Boot) jar: cascade-api-server-exec.jar, or cascade-api-server.jar before
  # the plain jar got its own name. The one whose manifest names a Start-Class.
  for candidate in "$root/api-server/target/cascade-api-server-exec.jar" "$root/api-server/target/cascade-api-server.jar"; do
    if [ -f "$candidate" ] && unzip -p "$candidate" META-INF/MANIFEST.MF 2>/dev/null | grep -q '^Start-Class:'; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

if ! server_jar >/dev/null; then
  echo "Building the server..." >&2
  (cd "$root" && mvn -q -B -pl api-server -am install -DskipTests) >&2
fi
bench_jar="$root/bench/target/benchmarks.jar"
if [ ! -f "$bench_jar" ]; then
  echo "Building the benchmarks..." >&2
  (cd "$root" && mvn -q -B -pl bench -am package -DskipTests) >&2
fi

# Run from copies, so a rebuild during the run cannot change the code under test.
work="$(mktemp -d -t cascade-bench.XXXXXX)"
cp "$(server_jar)" "$work/server.jar"
cp "$bench_jar" "$work/benchmarks.jar"
server_pid=""
# A throwaway platform admin key for this run only: the server takes it as its bootstrap key,
# GraphQlLoad reads it from the environment and makes a VIEWER key for its queries.
admin_key="bench-$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')"

cleanup() {
  stop_server
  rm -rf "$work"
}
trap cleanup EXIT

# ---- server lifecycle -------------------------------------------------------------------------

free_port() {
  local port
  for _ in $(seq 1 100); do
    port=$(( 20000 + RANDOM % 40000 ))
    if ! (: </dev/tcp/127.0.0.1/"$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  echo "no free port found" >&2
  return 1
}

now_ms() {
  echo $(( $(date +%s%N) / 1000000 ))
}

# start_server DATA_DIR LOG: sets server_pid, port and ready_ms (process start to first healthy answer).
start_server() {
  local data="$1" log="$2" started deadline
  port="$(free_port)"
  started="$(now_ms)"
  SERVER_PORT="$port" CASCADE_DATA_DIR="$data" CASCADE_BOOTSTRAP_ADMIN_KEY="$admin_key" java ${CASCADE_JAVA_OPTS:-} -jar "$work/server.jar" >"$log" 2>&1 &
  server_pid=$!
  deadline=$(( started + 120000 ))
  until curl -sf -o /dev/null --max-time 1 "http://127.0.0.1:$port/actuator/health"; do
    if ! kill -0 "$server_pid" 2>/dev/null; then
      echo "the server exited during start; its log:" >&2
      tail -40 "$log" >&2
      server_pid=""
      return 1
    fi
    if [ "$(now_ms)" -gt "$deadline" ]; then
      echo "the server was not ready after 120 s; its log:" >&2
      tail -40 "$log" >&2
      return 1
    fi
    sleep 0.05
  done
  ready_ms=$(( $(now_ms) - started ))
}

stop_server() {
  [ -n "$server_pid" ] || return 0
  kill "$server_pid" 2>/dev/null || true
  for _ in $(seq 1 200); do
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -9 "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
}

echo "machine: $(nproc) cores, $(uname -sr); $(java -version 2>&1 | head -1)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

# ---- load ------------------------------------------------------------------------------------

if [ "$do_load" = 1 ]; then
  mkdir -p "$work/data-load"
  start_server "$work/data-load" "$work/server-load.log"
  echo "server ready on 127.0.0.1:$port in ${ready_ms} ms (pid $server_pid)"
  echo "client and server share the same $(nproc) cores: every figure below is for both together"
  for t in $threads; do
    echo
    echo "== GraphQlLoad --operation $operation --threads $t --duration $duration --warmup $warmup --tenants $tenants $explain"
    CASCADE_API_KEY="$admin_key" java -cp "$work/benchmarks.jar" io.cascade.bench.GraphQlLoad --url "http://127.0.0.1:$port" \
      --operation "$operation" --threads "$t" --duration "$duration" --warmup "$warmup" --tenants "$tenants" --server-pid "$server_pid" $explain \
      || echo "(GraphQlLoad exited with $?)"
    echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  done
  stop_server
fi

# ---- start to ready --------------------------------------------------------------------------

report_starts() {
  local label="$1"; shift
  local sorted
  sorted="$(printf '%s\n' "$@" | sort -n | tr '\n' ' ')"
  echo "START $label runs_ms=[${sorted% }] median_ms=$(printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')"
}

if [ "$do_start" = 1 ] && [ "$start_runs" -gt 0 ]; then
  echo
  echo "== start to ready, $start_runs runs each (process start until /actuator/health answers; polled every 50 ms)"
  empty=()
  for i in $(seq 1 "$start_runs"); do
    mkdir -p "$work/data-empty-$i"
    start_server "$work/data-empty-$i" "$work/server-start-$i.log"
    empty+=("$ready_ms")
    echo "empty data dir, run $i: ${ready_ms} ms ($(grep -o 'Started CascadeServer in [0-9.]* seconds' "$work/server-start-$i.log" || true))"
    stop_server
  done
  report_starts empty "${empty[@]}"
  if [ -d "$work/data-load" ]; then
    loaded=()
    for i in $(seq 1 "$start_runs"); do
      start_server "$work/data-load" "$work/server-restart-$i.log"
      loaded+=("$ready_ms")
      echo "data dir after the load runs, run $i: ${ready_ms} ms ($(grep -o 'Loaded [0-9]* namespace(s) from [0-9]* revision(s)' "$work/server-restart-$i.log" || true))"
      stop_server
    done
    report_starts after-load "${loaded[@]}"
  fi
fi
