#!/usr/bin/env bash
# Propagation from commit to subscribers, through Redis on loopback.
#
#   bench/run-propagation.sh [--subscribers "1000 10000"] [--changes 20] [--pause-ms 500] [--warmup 200]
#                            [--logs DIR]
#
# Starts a real redis-server on a free port, a server (embedded store) and a standalone gateway, both
# announcing through that Redis, from their built jars; then, for each subscriber count, runs
# io.cascade.bench.PropagationLoad: that many WebSocket subscribers to the gateway (configChanged of
# one scope, one host id each), --changes commits through the server, and the time from each commit
# to each subscriber's message (p50, p90, p99, max), with the gateway's resident memory per
# subscriber. First --warmup changes go through untimed, one every 20 ms, so that what is timed is
# processes that have compiled their code. The subscribers run on Netty, all on one thread, so that
# the tool takes as little as it can of the cores it shares with the gateway (PropagationLoad
# --client jdk runs them on the JDK's WebSocket client). Stops everything it started.
# CASCADE_JAVA_OPTS go to the server and the gateway, CASCADE_GATEWAY_JAVA_OPTS to the gateway alone
# (a profiler, say). --logs DIR keeps the processes' logs there.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
counts="1000 10000"
changes=20
pause=500
warmup=200
logs=""
while [ $# -gt 0 ]; do
  case "$1" in
    --subscribers) counts="$2"; shift 2 ;;
    --changes) changes="$2"; shift 2 ;;
    --pause-ms) pause="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --logs) logs="$2"; shift 2 ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

server_jar="$root/api-server/target/cascade-api-server-exec.jar"
gateway_jar="$root/subscription-gateway/target/cascade-subscription-gateway-exec.jar"
bench_jar="$root/bench/target/benchmarks.jar"
if [ ! -f "$server_jar" ] || [ ! -f "$gateway_jar" ] || [ ! -f "$bench_jar" ]; then
  (cd "$root" && mvn -q -B -pl api-server,subscription-gateway,bench -am package -DskipTests) >&2
fi
command -v redis-server >/dev/null || { echo "redis-server is missing: apt-get install -y redis-server" >&2; exit 1; }

work="$(mktemp -d -t cascade-propagation.XXXXXX)"
cp "$server_jar" "$work/server.jar"; cp "$gateway_jar" "$work/gateway.jar"; cp "$bench_jar" "$work/benchmarks.jar"
key="bench-$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')"
pids=()
cleanup() { [ -z "$logs" ] || { mkdir -p "$logs" && cp "$work"/*.log "$work"/*.err "$logs"/ 2>/dev/null || true; }; for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
await_health() {
  until curl -sf -o /dev/null --max-time 1 "http://127.0.0.1:$1/actuator/health"; do
    kill -0 "$2" 2>/dev/null || { echo "process $2 exited; log:" >&2; tail -30 "$3" >&2; exit 1; }
    sleep 0.1
  done
}

redis_port="$(free_port)"
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no >"$work/redis.log" 2>&1 &
pids+=($!)
server_port="$(free_port)"; gateway_port="$(free_port)"
SERVER_PORT="$server_port" CASCADE_DATA_DIR="$work/data" CASCADE_BOOTSTRAP_ADMIN_KEY="$key" \
  CASCADE_REDIS_URI="redis://127.0.0.1:$redis_port" java ${CASCADE_JAVA_OPTS:-} -jar "$work/server.jar" >"$work/server.log" 2>&1 &
server_pid=$!; pids+=($server_pid)
await_health "$server_port" "$server_pid" "$work/server.log"
SERVER_PORT="$gateway_port" CASCADE_SERVER_URL="http://127.0.0.1:$server_port" CASCADE_GATEWAY_KEY="$key" \
  CASCADE_REDIS_URI="redis://127.0.0.1:$redis_port" java ${CASCADE_JAVA_OPTS:-} ${CASCADE_GATEWAY_JAVA_OPTS:-} -jar "$work/gateway.jar" >"$work/gateway.log" 2>&1 &
gateway_pid=$!; pids+=($gateway_pid)
await_health "$gateway_port" "$gateway_pid" "$work/gateway.log"

echo "machine: $(nproc) cores; $(java -version 2>&1 | head -1)"
for n in $counts; do
  echo
  echo "== $n subscribers, $changes changes, one every $pause ms (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  CASCADE_API_KEY="$key" java -Xmx3g -cp "$work/benchmarks.jar" io.cascade.bench.PropagationLoad \
    --server "http://127.0.0.1:$server_port" --gateway "http://127.0.0.1:$gateway_port" \
    --subscribers "$n" --changes "$changes" --pause-ms "$pause" --warmup "$warmup" --gateway-pid "$gateway_pid" 2>"$work/load-$n.err" \
    || { echo "(PropagationLoad exited with $?)"; tail -3 "$work/load-$n.err";
         echo "subscribers the gateway closed, by reason:"; grep -o 'closed: .*' "$work/load-$n.err" | sort | uniq -c || true;
         echo "subscribers that could not connect: $(grep -c 'could not connect' "$work/load-$n.err" || true)"; }
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
done
