#!/usr/bin/env bash
# Benchmarks orderflow on this machine: starts the whole system with empty databases and an empty broker
# (run-local.sh), runs the bench module against it, stops the system again and leaves target/bench/report.md.
# See --help.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly ROOT
readonly VERSION=0.1.0-SNAPSHOT
readonly JAR="$ROOT/bench/target/bench-$VERSION.jar"
readonly OUT_DIR="$ROOT/target/bench"
# Databases and a run directory of its own: a benchmark never touches the data of ./run-local.sh.
readonly DB_PREFIX=bench_
readonly RUN_DIR="$OUT_DIR/local-run"
readonly STARTUP_TIMEOUT="${ORDERFLOW_STARTUP_TIMEOUT:-300}"
readonly PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
readonly GATEWAY_PORT="${GATEWAY_PORT:-8080}" KAFKA_PORT="${KAFKA_PORT:-9092}" AUTH_SERVER_PORT="${AUTH_SERVER_PORT:-9000}"

usage() {
    cat <<EOF_USAGE
Usage: ./bench.sh [--quick] [benchmark options...] [--help]

Starts orderflow from scratch (./run-local.sh --no-build --no-follow, databases ${DB_PREFIX}orders, ${DB_PREFIX}inventory and
${DB_PREFIX}notifications dropped first, Kafka's data in target/bench/local-run deleted), waits until it is up,
benchmarks it through the gateway, and stops it again, also on Ctrl-C or failure. Builds what is missing first.

It offers a warm-up, fixed rates (open loop) and a search for the maximum (closed loop), then twice that maximum
for a while; measures accepted/s and the latency from the intended send time to the stock decision and to the
notification (from the events and the notifications table, not by polling); measures Kafka, PostgreSQL and the
gateway alone on the same machine; and checks the contract's invariants at the end.

Writes target/bench/report.md, latency-vs-rate.png and throughput-over-time.png; the services' logs are in
target/bench/local-run/logs/. Exit status: 0 every invariant holds, 1 one failed or the run could not finish.

Try it first with --quick (about 5 minutes, most of it starting the system); the full run takes about 12.
Needs a JDK 17+, curl, psql, pgbench and a running PostgreSQL (run-local.sh's embedded one does not do:
the benchmark drops its databases and runs pgbench against the server first).

Environment: PGHOST, PGPORT, PGUSER, PGPASSWORD, GATEWAY_PORT, KAFKA_PORT, ORDERFLOW_JAVA_OPTS and the other
variables of ./run-local.sh --help are passed on to it.
EOF_USAGE
    if [[ -f "$JAR" ]]; then
        echo
        echo "Benchmark options (the same for java -jar bench/target/bench-$VERSION.jar against a system you started):"
        "$(java_command)" -jar "$JAR" --help | sed -n '/^  *--quick/,$p'
    else
        echo
        echo "(Build first to list every benchmark option: ./mvnw -q -DskipTests package)"
    fi
}

say() {
    printf '[bench.sh] %s\n' "$*"
}

die() {
    printf '[bench.sh] %s\n' "$*" >&2
    exit 1
}

java_command() {
    if [[ -n "${JAVA_HOME:-}" ]]; then echo "$JAVA_HOME/bin/java"; else echo java; fi
}

for argument in "$@"; do
    case "$argument" in
        -h | --help) usage; exit 0 ;;
    esac
done

check_prerequisites() {
    local tool
    for tool in "$(java_command)" curl psql pgbench; do
        command -v "$tool" >/dev/null || die "no '$tool' found (see --help)"
    done
}

build_if_needed() {
    local missing=() service
    for service in order-service inventory-service notification-service gateway bench local-postgres; do
        [[ -f "$ROOT/$service/target/$service-$VERSION.jar" ]] || missing+=("$service")
    done
    compgen -G "$ROOT/kafka-broker/target/lib/kafka_2.13-*.jar" >/dev/null || missing+=(kafka-broker)
    ((${#missing[@]} == 0)) && return 0
    say "building (missing: ${missing[*]}) ..."
    (cd "$ROOT" && ./mvnw -q -B -DskipTests package) || die "the build failed"
}

psql_admin() {
    PGOPTIONS="-c client_min_messages=warning" psql -X -q -v ON_ERROR_STOP=1 -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d postgres -tA "$@"
}

start_empty() {
    local database
    for database in "${DB_PREFIX}orders" "${DB_PREFIX}inventory" "${DB_PREFIX}notifications"; do
        psql_admin -c "DROP DATABASE IF EXISTS \"$database\" WITH (FORCE)" >/dev/null \
            || die "cannot drop $database at $PGHOST:$PGPORT (is PostgreSQL running?)"
    done
    rm -rf "$OUT_DIR"
    mkdir -p "$OUT_DIR"
}

system_pid=

stop_system() {
    [[ -n "$system_pid" ]] || return 0
    if kill -0 "$system_pid" 2>/dev/null; then
        say "stopping the system"
        kill -TERM "$system_pid" 2>/dev/null || true
    fi
    wait "$system_pid" 2>/dev/null || true
    system_pid=
}

start_system() {
    say "starting the system (log: target/bench/run-local.log)"
    ORDERFLOW_DB_PREFIX="$DB_PREFIX" ORDERFLOW_LOCAL_RUN_DIR="$RUN_DIR" NO_COLOR=1 \
        "$ROOT/run-local.sh" --no-build --no-follow >"$OUT_DIR/run-local.log" 2>&1 &
    system_pid=$!
    local started=$SECONDS
    # run-local.sh prints this banner once every process is healthy.
    until grep -q 'orderflow is ready' "$OUT_DIR/run-local.log"; do
        if ! kill -0 "$system_pid" 2>/dev/null; then
            tail -n 30 "$OUT_DIR/run-local.log" >&2
            die "the system did not start; see target/bench/run-local.log"
        fi
        ((SECONDS - started < STARTUP_TIMEOUT)) || die "the system was not up after ${STARTUP_TIMEOUT}s; see target/bench/run-local.log"
        sleep 1
    done
    say "the system is up ($((SECONDS - started))s)"
}

main() {
    check_prerequisites
    build_if_needed
    start_empty
    trap stop_system EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    start_system
    local status=0
    "$(java_command)" -Djava.awt.headless=true -jar "$JAR" \
        --gateway-url "http://127.0.0.1:$GATEWAY_PORT" --auth-server-url "http://localhost:$AUTH_SERVER_PORT" \
        --bootstrap-servers "127.0.0.1:$KAFKA_PORT" \
        --db-host "$PGHOST" --db-port "$PGPORT" --db-user "$PGUSER" --db-prefix "$DB_PREFIX" \
        --project-dir "$ROOT" --report-dir "$OUT_DIR" "$@" || status=$?
    stop_system
    return "$status"
}

main "$@"
