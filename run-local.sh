#!/usr/bin/env bash
# Runs the whole of orderflow on this machine without Docker: a real Apache Kafka broker (KRaft), the auth
# server, the four services and the console as plain processes, against the PostgreSQL on PGHOST, or an embedded
# one when none answers there. See --help.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly ROOT
readonly SERVICES=(order-service inventory-service notification-service gateway auth-server console)
# One process each, beside the service instances: the auth server and the console.
readonly APPS=(auth-server console)
readonly VERSION=0.1.0-SNAPSHOT

usage() {
    cat <<EOF
Usage: ./run-local.sh [--build | --no-build] [--no-follow] [--embedded-postgres] [--brokers 1|3]
                     [--scale <service>=<n>]... [--help]

Starts orderflow without Docker: a Kafka broker (KRaft, from kafka-broker/target/lib), the auth server,
the four services and the console (java -jar), against the PostgreSQL on PGHOST:PGPORT. When nothing answers there, it starts a
real PostgreSQL 15 of its own (from Maven artifacts, local-postgres/target/lib) on 127.0.0.1, its data
kept in postgres/ under the run folder. Waits until everything is healthy, prints the URLs, then
follows every log. Ctrl-C (or SIGTERM) stops all of it: services first, then the broker and PostgreSQL.
The services listen on 127.0.0.1 only; the gateway is the one public entry (the API, and the console at
/console/). Every /api/** call but reading the stock needs a token from the auth server (the banner shows how).
The gateway's rate limits use the Redis on REDIS_HOST:REDIS_PORT; without one they are not enforced.

Needs: a JDK 17+ and curl (the first build downloads the rest from Maven Central).

Options:
  --build      rebuild the services, the broker classpath and local-postgres first
               (./mvnw -q -DskipTests package)
  --no-build   never build; fail when a jar or the broker classpath is missing
               (by default only what is missing is built)
  --no-follow  do not echo the logs here once everything is up; they are still written to
               logs/<process>.log (./bench.sh uses this: echoing every line costs CPU it measures)
  --embedded-postgres
               the embedded PostgreSQL even when one answers on PGHOST:PGPORT
               (the same as ORDERFLOW_EMBEDDED_POSTGRES=always)
  --brokers N  1 (the default, the lightest start) or 3: a KRaft cluster of three combined
               broker+controller nodes with a 3-voter quorum. Topics then get replication factor 3 and
               min.insync.replicas=2 (Kafka's internal topics too), unclean leader election stays off:
               any one broker can stop and nothing acknowledged is lost. Node i listens for clients on
               KAFKA_PORT+i-1 and for the quorum on KAFKA_CONTROLLER_PORT+i-1. Its data is kept in
               kafka-3/ beside the one broker's kafka/, so switching between the two never mixes them.
  --scale S=N  run N instances (1-9) of order-service, inventory-service or notification-service,
               like docker compose's --scale. Instance k>1 is named S-k (its log prefix and log file)
               and listens on S's port + 10*(k-1): inventory-service-2 on 8092 by default. The
               instances of a service share its database and its consumer group, so Kafka shares the
               partitions out among them; their "partitions assigned" lines show who owns which.
               order-service's outbox relay takes a database lock, so one instance publishes at a time.
               The gateway sends HTTP to the first instance of each service (no load-balancing).
  -h, --help   this text

Environment (default in brackets):
  GATEWAY_PORT                [8080]  the public API
  ORDER_SERVICE_PORT          [8081]
  INVENTORY_SERVICE_PORT      [8082]
  NOTIFICATION_SERVICE_PORT   [8083]
  AUTH_SERVER_PORT            [9000]  the auth server (tokens, and the console's sign-in)
  CONSOLE_PORT                [8084]  the console, which the gateway serves at /console/
  REDIS_HOST / REDIS_PORT     [127.0.0.1 / 6379]  the gateway's rate limits
  KAFKA_PORT                  [9092]  the broker's client listener (with --brokers 3: the first of 3)
  KAFKA_CONTROLLER_PORT       [9093]  the KRaft controller listener (with --brokers 3: the first of 3,
                                      by default KAFKA_PORT+3, i.e. 9095-9097 beside clients on 9092-9094)
  PGHOST / PGPORT / PGUSER    [127.0.0.1 / 5432 / postgres]  your PostgreSQL, used when it answers
                                      (PGPASSWORD is passed on when set)
  ORDERFLOW_EMBEDDED_POSTGRES [auto]  auto: the embedded PostgreSQL when none answers on PGHOST:PGPORT;
                                      always: the embedded one; never: yours or an error
  ORDERFLOW_EMBEDDED_PGPORT   []      the embedded PostgreSQL's port; by default PGPORT, or the next
                                      free port after it when PGPORT is taken
  ORDERFLOW_DB_PREFIX         []      databases are \${prefix}orders, \${prefix}inventory,
                                      \${prefix}notifications; created when absent, never dropped
  ORDERFLOW_LOCAL_RUN_DIR     [target/local-run]  Kafka's data in kafka/ (kafka-3/ for --brokers 3;
                                      kept between runs: delete it for an empty broker), the embedded
                                      PostgreSQL's in postgres/ (kept too), the logs in
                                      logs/<process>.log (rewritten each run), and pids ("<pid> <name>"
                                      per line, e.g. to stop one instance: kill <pid>)
  ORDERFLOW_STARTUP_TIMEOUT   [180]   seconds to wait for each process to become healthy
  ORDERFLOW_JAVA_OPTS         []      JVM options for the services, e.g. -Xmx512m
  KAFKA_HEAP_OPTS             [-Xmx1g] JVM options for the broker (for each one)
  NO_COLOR                            set to anything for uncoloured log prefixes

Two runs side by side need distinct ports, ORDERFLOW_DB_PREFIX and ORDERFLOW_LOCAL_RUN_DIR.
EOF
}

# ---------------------------------------------------------------------------------------------------
# Settings

usage_error() {
    echo "run-local: $* (see --help)" >&2
    exit 2
}

build_mode=when-missing
follow_logs=true
embedded_postgres="${ORDERFLOW_EMBEDDED_POSTGRES:-auto}"
brokers=1
order_service_scale=1
inventory_service_scale=1
notification_service_scale=1
while (($# > 0)); do
    case "$1" in
        --build) build_mode=always ;;
        --no-build) build_mode=never ;;
        --no-follow) follow_logs=false ;;
        --embedded-postgres) embedded_postgres=always ;;
        --brokers | --brokers=*)
            if [[ "$1" == *=* ]]; then brokers="${1#*=}"; else (($# > 1)) || usage_error "--brokers needs 1 or 3"; brokers="$2"; shift; fi
            [[ "$brokers" == 1 || "$brokers" == 3 ]] || usage_error "--brokers $brokers: use 1 or 3 (a quorum of three survives losing one)"
            ;;
        --scale | --scale=*)
            scale="${1#--scale}"
            scale="${scale#=}"
            if [[ -z "$scale" ]]; then (($# > 1)) || usage_error "--scale needs <service>=<n>"; scale="$2"; shift; fi
            [[ "$scale" =~ ^[a-z-]+=[1-9]$ ]] || usage_error "--scale $scale: write <service>=<n>, n from 1 to 9"
            case "${scale%=*}" in
                order-service) order_service_scale="${scale#*=}" ;;
                inventory-service) inventory_service_scale="${scale#*=}" ;;
                notification-service) notification_service_scale="${scale#*=}" ;;
                gateway) usage_error "--scale gateway: the gateway is the one public entry and is not scaled here" ;;
                *) usage_error "--scale ${scale%=*}: scale order-service, inventory-service or notification-service" ;;
            esac
            ;;
        -h | --help) usage; exit 0 ;;
        *) usage_error "unknown argument '$1'" ;;
    esac
    shift
done
readonly BROKERS="$brokers"
[[ "$embedded_postgres" =~ ^(auto|always|never)$ ]] \
    || usage_error "ORDERFLOW_EMBEDDED_POSTGRES=$embedded_postgres: use auto, always or never"
readonly EMBEDDED_POSTGRES="$embedded_postgres"

readonly GATEWAY_PORT="${GATEWAY_PORT:-8080}"
readonly ORDER_SERVICE_PORT="${ORDER_SERVICE_PORT:-8081}"
readonly INVENTORY_SERVICE_PORT="${INVENTORY_SERVICE_PORT:-8082}"
readonly NOTIFICATION_SERVICE_PORT="${NOTIFICATION_SERVICE_PORT:-8083}"
readonly AUTH_SERVER_PORT="${AUTH_SERVER_PORT:-9000}"
readonly CONSOLE_PORT="${CONSOLE_PORT:-8084}"
readonly REDIS_HOST="${REDIS_HOST:-127.0.0.1}"
readonly REDIS_PORT="${REDIS_PORT:-6379}"
# What tokens name as their issuer, and the page the console's sign-in returns to.
readonly AUTH_ISSUER="http://localhost:$AUTH_SERVER_PORT"
readonly CONSOLE_PAGE="http://localhost:$GATEWAY_PORT/console/"
readonly KAFKA_PORT="${KAFKA_PORT:-9092}"
# With several brokers the clients take KAFKA_PORT, +1, +2: the controllers move past them by default.
if ((BROKERS == 1)); then
    readonly KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
else
    readonly KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-$((KAFKA_PORT + BROKERS))}"
fi
readonly PGHOST="${PGHOST:-127.0.0.1}"
readonly PGPORT="${PGPORT:-5432}"
readonly PGUSER="${PGUSER:-postgres}"
readonly DB_PREFIX="${ORDERFLOW_DB_PREFIX:-}"
readonly STARTUP_TIMEOUT="${ORDERFLOW_STARTUP_TIMEOUT:-180}"
run_dir="${ORDERFLOW_LOCAL_RUN_DIR:-target/local-run}"
[[ "$run_dir" == /* ]] || run_dir="$ROOT/$run_dir"
readonly RUN_DIR="$run_dir"
readonly LOG_DIR="$RUN_DIR/logs"
# A cluster of another size gets a folder of its own: its nodes' data never meets the other's.
if ((BROKERS == 1)); then
    readonly KAFKA_DIR="$RUN_DIR/kafka"
else
    readonly KAFKA_DIR="$RUN_DIR/kafka-$BROKERS"
fi
readonly BROKER_LIB="$ROOT/kafka-broker/target/lib"
readonly POSTGRES_DATA_DIR="$RUN_DIR/postgres"
readonly LOCAL_POSTGRES_CLASSPATH="$ROOT/local-postgres/target/lib/*:$ROOT/local-postgres/target/local-postgres-$VERSION.jar"
readonly BROKER_LOG_CONFIG="$ROOT/kafka-broker/config/log4j2.properties"

# Kafka's nodes: "kafka" when it is one broker, kafka-1, kafka-2, kafka-3 in a cluster; node i has id i.
kafka_nodes=()
bootstrap_servers=()
for ((node = 1; node <= BROKERS; node++)); do
    if ((BROKERS == 1)); then kafka_nodes+=(kafka); else kafka_nodes+=("kafka-$node"); fi
    bootstrap_servers+=("127.0.0.1:$((KAFKA_PORT + node - 1))")
done
readonly KAFKA_NODES=("${kafka_nodes[@]}")
BOOTSTRAP_SERVERS="$(IFS=,; echo "${bootstrap_servers[*]}")"
readonly BOOTSTRAP_SERVERS

# Every service process: the first instance has the service's name, the next ones <service>-2, -3, ...
scale_of() { # service
    case "$1" in
        order-service) echo "$order_service_scale" ;;
        inventory-service) echo "$inventory_service_scale" ;;
        notification-service) echo "$notification_service_scale" ;;
    esac
}

instances=()
for service in order-service inventory-service notification-service; do
    for ((instance = 1; instance <= $(scale_of "$service"); instance++)); do
        if ((instance == 1)); then instances+=("$service"); else instances+=("$service-$instance"); fi
    done
done
readonly INSTANCES=("${instances[@]}")
# Log prefixes and the banner line up on the longest process name (at least 20 characters wide).
name_width=20
for name in "${INSTANCES[@]}" "${APPS[@]}" "${KAFKA_NODES[@]}"; do
    ((${#name} <= name_width)) || name_width=${#name}
done
readonly NAME_WIDTH="$name_width"

java_cmd=java
[[ -n "${JAVA_HOME:-}" ]] && java_cmd="$JAVA_HOME/bin/java"
readonly JAVA="$java_cmd"
service_java_opts=()
read -r -a service_java_opts <<<"${ORDERFLOW_JAVA_OPTS:-}"
kafka_java_opts=()
read -r -a kafka_java_opts <<<"${KAFKA_HEAP_OPTS:--Xmx1g}"

# order-service for order-service-2; the name itself for anything else.
service_of() {
    local pattern='^(order-service|inventory-service|notification-service)-[0-9]+$'
    if [[ "$1" =~ $pattern ]]; then echo "${BASH_REMATCH[1]}"; else echo "$1"; fi
}

instance_number_of() {
    if [[ "$1" == "$(service_of "$1")" ]]; then echo 1; else echo "${1##*-}"; fi
}

# A service's port, or an instance's: the service's port + 10 per instance after the first.
port_of() {
    local base
    case "$(service_of "$1")" in
        gateway) base="$GATEWAY_PORT" ;;
        auth-server) base="$AUTH_SERVER_PORT" ;;
        console) base="$CONSOLE_PORT" ;;
        order-service) base="$ORDER_SERVICE_PORT" ;;
        inventory-service) base="$INVENTORY_SERVICE_PORT" ;;
        notification-service) base="$NOTIFICATION_SERVICE_PORT" ;;
    esac
    echo $((base + 10 * ($(instance_number_of "$1") - 1)))
}

kafka_port_of() { # node name
    echo $((KAFKA_PORT + $(kafka_node_number_of "$1") - 1))
}

kafka_controller_port_of() { # node name
    echo $((KAFKA_CONTROLLER_PORT + $(kafka_node_number_of "$1") - 1))
}

kafka_node_number_of() {
    if [[ "$1" == kafka ]]; then echo 1; else echo "${1#kafka-}"; fi
}

database_of() {
    case "$1" in
        order-service) echo "${DB_PREFIX}orders" ;;
        inventory-service) echo "${DB_PREFIX}inventory" ;;
        notification-service) echo "${DB_PREFIX}notifications" ;;
    esac
}

jar_of() {
    echo "$ROOT/$1/target/$1-$VERSION.jar"
}

# ---------------------------------------------------------------------------------------------------
# Output

if [[ -t 1 && -z "${NO_COLOR:-}" ]]; then
    readonly BOLD=$'\033[1m' RED=$'\033[31m' RESET=$'\033[0m'
else
    readonly BOLD='' RED='' RESET=''
fi

say() {
    printf '%s[run-local]%s %s\n' "$BOLD" "$RESET" "$*"
}

die() {
    printf '%s[run-local] %s%s\n' "$RED" "$*" "$RESET" >&2
    exit 1
}

seconds_since() {
    echo $((SECONDS - $1))
}

# ---------------------------------------------------------------------------------------------------
# Processes. Each one runs in its own process group (set -m around the launch), so a Ctrl-C in the
# terminal reaches only this script, which then stops them in order instead of all at once. Where
# setpriv can (Linux), each also gets SIGTERM when this script dies, even by SIGKILL, and the log
# followers end with it (tail --pid): a killed script leaves nothing running.

die_with_script=()
if setpriv --help 2>/dev/null | grep -q -- --pdeathsig; then die_with_script=(setpriv --pdeathsig=TERM); fi
readonly DIE_WITH_SCRIPT=(${die_with_script[@]+"${die_with_script[@]}"})
tail_follow=(tail -n +1 -F)
if tail --pid=$$ -n 0 /dev/null >/dev/null 2>&1; then tail_follow+=("--pid=$$"); fi
readonly TAIL_FOLLOW=("${tail_follow[@]}")

names=()
pids=()
followers=()
sleeper=
stopping=0
force_stop=0

start_process() { # name, command...
    local name="$1"
    shift
    set -m
    ${DIE_WITH_SCRIPT[@]+"${DIE_WITH_SCRIPT[@]}"} "$@" </dev/null >"$LOG_DIR/$name.log" 2>&1 &
    set +m
    names+=("$name")
    pids+=("$!")
    printf '%s %s\n' "$!" "$name" >>"$RUN_DIR/pids"
}

pid_of() {
    local i
    for i in "${!names[@]}"; do
        if [[ "${names[$i]}" == "$1" ]]; then
            echo "${pids[$i]}"
            return 0
        fi
    done
    return 0
}

is_running() {
    kill -0 "$1" 2>/dev/null
}

# Sends SIGTERM to the named processes, then waits for all of them; SIGKILL after 30 s, or at once when
# a second Ctrl-C asks for it.
stop_processes() {
    local name pid waiting=() started=$SECONDS
    for name in "$@"; do
        pid="$(pid_of "$name")"
        if [[ -n "$pid" ]] && is_running "$pid"; then
            kill -TERM "$pid" 2>/dev/null || true
            waiting+=("$pid")
        fi
    done
    ((${#waiting[@]} > 0)) || return 0
    while :; do
        local alive=()
        for pid in "${waiting[@]}"; do
            if is_running "$pid"; then alive+=("$pid"); else wait "$pid" 2>/dev/null || true; fi
        done
        ((${#alive[@]} > 0)) || return 0
        waiting=("${alive[@]}")
        if ((force_stop == 1 || $(seconds_since "$started") >= 30)); then
            kill -KILL "${waiting[@]}" 2>/dev/null || true
        fi
        sleep 0.2
    done
}

stop_everything() {
    local status=$?
    ((stopping == 0)) || return 0
    stopping=1
    # Stopping must reach the end whatever fails on the way.
    set +e
    trap 'force_stop=1' INT TERM
    if ((${#pids[@]} > 0)); then
        echo
        say "stopping (Ctrl-C again to kill at once)"
        stop_processes gateway
        stop_processes "${INSTANCES[@]}" "${APPS[@]}"
        stop_processes "${KAFKA_NODES[@]}" postgres
        rm -f "$RUN_DIR/pids"
        say "stopped"
    fi
    [[ -z "$sleeper" ]] || kill -TERM "$sleeper" 2>/dev/null
    local follower
    for follower in ${followers[@]+"${followers[@]}"}; do
        kill -TERM -- "-$follower" 2>/dev/null
        wait "$follower" 2>/dev/null
        # The subshell goes first; its tail and awk are gone only once their whole group is.
        while kill -0 -- "-$follower" 2>/dev/null; do sleep 0.1; done
    done
    exit "$status"
}

trap stop_everything EXIT
trap 'exit 0' INT TERM

# Prints a process's log lines as they come, behind a coloured, aligned "name | " like
# `docker compose logs`. The broker is noisy at INFO: only its WARN and ERROR entries (with their
# continuation lines) reach the terminal; its log file keeps everything. Of what a service logged
# before, only spring-kafka's "partitions assigned" lines are repeated: the terminal shows from the
# start which instance reads which partitions.
follow_log() { # name, colour
    local name="$1" colour="$2" start='' end=''
    if [[ -t 1 && -z "${NO_COLOR:-}" ]]; then
        start=$'\033['"${colour}m"
        end=$'\033[0m'
    fi
    local prefix
    prefix="$(printf '%s%-*s |%s ' "$start" "$NAME_WIDTH" "$name" "$end")"
    local min_level_filter=0
    [[ "$name" == kafka || "$name" == kafka-[0-9] ]] && min_level_filter=1
    local logged_before
    logged_before="$(wc -l <"$LOG_DIR/$name.log")"
    set -m
    {
        "${TAIL_FOLLOW[@]}" "$LOG_DIR/$name.log" 2>/dev/null | awk -v prefix="$prefix" -v filter="$min_level_filter" \
            -v before="$logged_before" '
            NR <= before && !filter && / partitions assigned: / { print prefix $0; fflush() }
            NR <= before { next }
            filter && /^\[[0-9][0-9-]* [0-9:,]*\] [A-Z]+ / { shown = ($0 ~ /^\[[^]]*\] (WARN|ERROR|FATAL) /) }
            filter && !shown { next }
            { print prefix $0; fflush() }'
    } &
    set +m
    followers+=("$!")
}

# ---------------------------------------------------------------------------------------------------
# Checks before anything starts

port_in_use() {
    (: <"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

check_prerequisites() {
    command -v "$JAVA" >/dev/null || die "no 'java' found: install a JDK 17+ or set JAVA_HOME"
    command -v curl >/dev/null || die "no 'curl' found: it is needed to check the services' health"
    local prefix_pattern='^[a-z_][a-z0-9_]*$'
    [[ -z "$DB_PREFIX" || "$DB_PREFIX" =~ $prefix_pattern ]] \
        || die "ORDERFLOW_DB_PREFIX='$DB_PREFIX': use lowercase letters, digits and '_' (starting with a letter or '_')"
}

check_ports_free() {
    local entries=("gateway=$GATEWAY_PORT") name node
    for name in "${INSTANCES[@]}" "${APPS[@]}"; do
        entries+=("$name=$(port_of "$name")")
    done
    for node in "${KAFKA_NODES[@]}"; do
        entries+=("$node=$(kafka_port_of "$node")" "$node-controller=$(kafka_controller_port_of "$node")")
    done
    local taken=() entry port other
    for entry in "${entries[@]}"; do
        name="${entry%%=*}"
        port="${entry#*=}"
        for other in "${entries[@]}"; do
            [[ "$other" == "$entry" || "${other#*=}" != "$port" ]] \
                || die "$name and ${other%%=*} would both listen on port $port: choose ports further apart (see --help)"
        done
        if port_in_use "$port"; then
            taken+=("$port (for $name)")
        fi
    done
    ((${#taken[@]} == 0)) && return 0
    local message="port already in use: ${taken[*]}." survivors=() pid
    if [[ -f "$RUN_DIR/pids" ]]; then
        while read -r pid name; do
            if is_running "$pid"; then survivors+=("$name (pid $pid)"); fi
        done <"$RUN_DIR/pids"
    fi
    if ((${#survivors[@]} > 0)); then
        message+=" Processes of an earlier run in $RUN_DIR are still alive: ${survivors[*]}."
    fi
    die "$message Stop what uses it, or choose other ports (see --help)."
}

build_if_needed() {
    local missing=() service
    for service in "${SERVICES[@]}"; do
        [[ -f "$(jar_of "$service")" ]] || missing+=("$service")
    done
    compgen -G "$BROKER_LIB/kafka_2.13-*.jar" >/dev/null || missing+=(kafka-broker)
    [[ -f "$ROOT/local-postgres/target/local-postgres-$VERSION.jar" ]] \
        && compgen -G "$ROOT/local-postgres/target/lib/postgresql-*.jar" >/dev/null || missing+=(local-postgres)
    if [[ "$build_mode" == never ]]; then
        ((${#missing[@]} == 0)) || die "not built: ${missing[*]} (run without --no-build, or ./mvnw -DskipTests package)"
        return 0
    fi
    if [[ "$build_mode" == always || ${#missing[@]} -gt 0 ]]; then
        local started=$SECONDS
        say "building${missing[*]:+ (missing: ${missing[*]})}; the first build also fetches Maven and the dependencies ..."
        local modules
        modules="$(IFS=,; echo "${SERVICES[*]},kafka-broker,local-postgres")"
        # One line per module as the build reaches it; the whole output goes to build.log.
        mkdir -p "$LOG_DIR"
        if ! (cd "$ROOT" && ./mvnw -B -ntp -DskipTests -pl "$modules" -am package) 2>&1 | tee "$LOG_DIR/build.log" \
            | awk '/^\[INFO\] Building .*\[[0-9]+\/[0-9]+\]$/ { sub(/^\[INFO\] Building /, ""); gsub(/ +/, " "); print "[run-local]   building " $0; fflush() }'
        then
            tail -n 30 "$LOG_DIR/build.log" >&2
            die "the build failed (whole output: $LOG_DIR/build.log)"
        fi
        say "built in $(seconds_since "$started")s"
    fi
}

# ---------------------------------------------------------------------------------------------------
# PostgreSQL: yours when it answers on PGHOST:PGPORT, an embedded one otherwise (local-postgres: a real
# PostgreSQL 15 from Maven artifacts, run as nobody when this script runs as root). Databases are created
# over JDBC, so no psql is needed.

db_host="$PGHOST"
db_port="$PGPORT"
db_user="$PGUSER"
db_password="${PGPASSWORD:-}"
embedded_port=

local_postgres() {
    "$JAVA" -cp "$LOCAL_POSTGRES_CLASSPATH" dev.orderflow.localpostgres.LocalPostgres "$@"
}

# The embedded server takes PGPORT when nothing listens there (your PostgreSQL's usual place), else the next free port.
choose_embedded_port() {
    if [[ -n "${ORDERFLOW_EMBEDDED_PGPORT:-}" ]]; then
        port_in_use "$ORDERFLOW_EMBEDDED_PGPORT" && die "ORDERFLOW_EMBEDDED_PGPORT=$ORDERFLOW_EMBEDDED_PGPORT is in use"
        echo "$ORDERFLOW_EMBEDDED_PGPORT"
        return 0
    fi
    local port
    for ((port = PGPORT; port < PGPORT + 10; port++)); do
        if ! port_in_use "$port"; then
            echo "$port"
            return 0
        fi
    done
    die "no free port for the embedded PostgreSQL in $PGPORT-$((PGPORT + 9)): set ORDERFLOW_EMBEDDED_PGPORT"
}

prepare_postgres() {
    local reason=''
    if [[ "$EMBEDDED_POSTGRES" == always ]]; then
        reason="--embedded-postgres"
    elif ! local_postgres answers "$PGHOST" "$PGPORT"; then
        [[ "$EMBEDDED_POSTGRES" == auto ]] \
            || die "no PostgreSQL answers at $PGHOST:$PGPORT (ORDERFLOW_EMBEDDED_POSTGRES=never; set PGHOST/PGPORT)"
        reason="no PostgreSQL answers at $PGHOST:$PGPORT"
    fi
    local databases=() service
    for service in order-service inventory-service notification-service; do
        databases+=("$(database_of "$service")")
    done
    if [[ -z "$reason" ]]; then
        local output
        output="$(PGPASSWORD="$db_password" local_postgres create-databases "$PGHOST" "$PGPORT" "$PGUSER" "${databases[@]}" 2>&1)" \
            || die "cannot create the databases as $PGUSER at $PGHOST:$PGPORT (set PGUSER/PGPASSWORD): ${output#local-postgres: }"
        [[ -z "$output" ]] || say "$output"
        return 0
    fi
    embedded_port="$(choose_embedded_port)"
    say "$reason; starting an embedded PostgreSQL on 127.0.0.1:$embedded_port, data in $POSTGRES_DATA_DIR"
    db_host=127.0.0.1
    db_port="$embedded_port"
    db_user=postgres
    db_password=
    start_process postgres "$JAVA" -cp "$LOCAL_POSTGRES_CLASSPATH" dev.orderflow.localpostgres.LocalPostgres \
        run-embedded "$POSTGRES_DATA_DIR" "$embedded_port" "${databases[@]}"
    await_ready postgres_ready postgres
    grep -h '^created databases ' "$LOG_DIR/postgres.log" | while read -r line; do say "$line"; done
}

postgres_ready() { # name
    grep -qs '^embedded PostgreSQL .* is ready$' "$LOG_DIR/$1.log"
}

# ---------------------------------------------------------------------------------------------------
# Kafka (KRaft). Every node is a combined broker and controller: one node, or three forming a 3-voter
# quorum. Node i keeps its data and properties under kafka/node-<i>/ (kafka-3/node-<i>/ in a cluster).

write_broker_properties() { # node name, data dir, properties file
    local node_id voters='' client_port controller_port node
    node_id="$(kafka_node_number_of "$1")"
    client_port="$(kafka_port_of "$1")"
    controller_port="$(kafka_controller_port_of "$1")"
    for node in "${KAFKA_NODES[@]}"; do
        voters+="${voters:+,}$(kafka_node_number_of "$node")@127.0.0.1:$(kafka_controller_port_of "$node")"
    done
    {
        cat <<EOF
# Written by run-local.sh at each start; edits are overwritten.
process.roles=broker,controller
node.id=$node_id
controller.quorum.voters=$voters
controller.listener.names=CONTROLLER
listeners=PLAINTEXT://127.0.0.1:$client_port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=PLAINTEXT://127.0.0.1:$client_port
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$2
EOF
        if ((BROKERS == 1)); then
            cat <<EOF
# One node: Kafka's internal topics cannot have more than one replica.
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
EOF
        else
            cat <<EOF
# Three replicas of everything, two of which must have a write before it is acknowledged (acks=all):
# any one broker can stop without losing an acknowledged record or refusing writes.
default.replication.factor=3
min.insync.replicas=2
offsets.topic.replication.factor=3
transaction.state.log.replication.factor=3
transaction.state.log.min.isr=2
share.coordinator.state.topic.replication.factor=3
share.coordinator.state.topic.min.isr=2
# Only an in-sync replica may become leader: a partition waits rather than drop acknowledged records.
unclean.leader.election.enable=false
EOF
        fi
        cat <<EOF
# The services declare their topics; a misspelt topic name must fail, not create a 1-partition topic.
auto.create.topics.enable=false
# Consumers of a restarted service start at once instead of after Kafka's default 3 s.
group.initial.rebalance.delay.ms=0
EOF
    } >"$3"
}

kafka_tool() {
    "$JAVA" -Dlog4j2.configurationFile="$BROKER_LOG_CONFIG" -cp "$BROKER_LIB/*" "$@"
}

cluster_id_in() { # data dir
    sed -n 's/^cluster\.id=//p' "$1/meta.properties" 2>/dev/null
}

# Formats every node's storage with one cluster id when none is formatted yet. A cluster whose nodes do
# not all belong together (one node's data deleted, data copied from elsewhere) is refused as it is:
# formatting a node again beside the others could lose what only it held.
format_kafka_storage() {
    local node formatted=() unformatted=() cluster_ids=() id
    for node in "${KAFKA_NODES[@]}"; do
        if [[ -f "$KAFKA_DIR/node-$(kafka_node_number_of "$node")/data/meta.properties" ]]; then
            formatted+=("node-$(kafka_node_number_of "$node")")
            id="$(cluster_id_in "$KAFKA_DIR/node-$(kafka_node_number_of "$node")/data")"
            [[ " ${cluster_ids[*]-} " == *" $id "* ]] || cluster_ids+=("$id")
        else
            unformatted+=("node-$(kafka_node_number_of "$node")")
        fi
    done
    if ((${#formatted[@]} > 0 && ${#unformatted[@]} > 0)); then
        die "Kafka's data in $KAFKA_DIR is incomplete: ${unformatted[*]} has none, ${formatted[*]} has some. Delete $KAFKA_DIR for an empty cluster."
    fi
    if ((${#cluster_ids[@]} > 1)); then
        die "the nodes in $KAFKA_DIR belong to different clusters (${cluster_ids[*]}). Delete $KAFKA_DIR for an empty cluster."
    fi
    ((${#unformatted[@]} > 0)) || return 0
    local cluster_id node_dir
    cluster_id="$(kafka_tool kafka.tools.StorageTool random-uuid 2>>"$LOG_DIR/kafka-storage.log")"
    for node in "${KAFKA_NODES[@]}"; do
        node_dir="$KAFKA_DIR/node-$(kafka_node_number_of "$node")"
        kafka_tool kafka.tools.StorageTool format -t "$cluster_id" -c "$node_dir/server.properties" \
            >>"$LOG_DIR/kafka-storage.log" 2>&1 || die "formatting Kafka's storage failed; see $LOG_DIR/kafka-storage.log"
        say "formatted Kafka's storage in $node_dir/data (cluster id $cluster_id)"
    done
}

start_kafka() {
    local node node_dir
    for node in "${KAFKA_NODES[@]}"; do
        node_dir="$KAFKA_DIR/node-$(kafka_node_number_of "$node")"
        mkdir -p "$node_dir"
        write_broker_properties "$node" "$node_dir/data" "$node_dir/server.properties"
    done
    format_kafka_storage
    for node in "${KAFKA_NODES[@]}"; do
        node_dir="$KAFKA_DIR/node-$(kafka_node_number_of "$node")"
        start_process "$node" "$JAVA" ${kafka_java_opts[@]+"${kafka_java_opts[@]}"} \
            -Dlog4j2.configurationFile="$BROKER_LOG_CONFIG" -cp "$BROKER_LIB/*" kafka.Kafka "$node_dir/server.properties"
    done
}

# A broker starts serving only once it has registered with the quorum and caught up with its metadata,
# so when every node is ready, topics with three replicas can be created.
kafka_ready() { # node name
    grep -qs 'Kafka Server started' "$LOG_DIR/$1.log" && port_in_use "$(kafka_port_of "$1")"
}

# ---------------------------------------------------------------------------------------------------
# Services

start_service() { # name of the gateway or of a service instance
    local name="$1" service port environment=()
    service="$(service_of "$name")"
    port="$(port_of "$name")"
    environment+=("SERVER_PORT=$port" "SPRING_KAFKA_BOOTSTRAP_SERVERS=$BOOTSTRAP_SERVERS")
    # Behind the gateway, the services are reachable from this machine only.
    [[ "$service" == gateway ]] || environment+=("SERVER_ADDRESS=127.0.0.1")
    if ((BROKERS > 1)); then
        environment+=("ORDERFLOW_TOPICS_REPLICATION_FACTOR=3" "ORDERFLOW_TOPICS_MIN_INSYNC_REPLICAS=2")
    fi
    if [[ "$service" == gateway ]]; then
        # The first instance of each service: spreading HTTP over instances is not the gateway's job here.
        environment+=(
            "ORDER_SERVICE_URL=http://127.0.0.1:$ORDER_SERVICE_PORT"
            "INVENTORY_SERVICE_URL=http://127.0.0.1:$INVENTORY_SERVICE_PORT"
            "NOTIFICATION_SERVICE_URL=http://127.0.0.1:$NOTIFICATION_SERVICE_PORT"
            "CONSOLE_URL=http://127.0.0.1:$CONSOLE_PORT"
            "ORDERFLOW_AUTH_ISSUER=$AUTH_ISSUER"
            "ORDERFLOW_AUTH_JWKS_URI=http://127.0.0.1:$AUTH_SERVER_PORT/oauth2/jwks"
            "SPRING_DATA_REDIS_HOST=$REDIS_HOST" "SPRING_DATA_REDIS_PORT=$REDIS_PORT")
    elif [[ "$service" == auth-server ]]; then
        environment+=("ORDERFLOW_AUTH_ISSUER=$AUTH_ISSUER" "CONSOLE_REDIRECT_URI=$CONSOLE_PAGE"
            "ORDERFLOW_AUTH_CORS_ALLOWED_ORIGINS=http://localhost:$GATEWAY_PORT")
    elif [[ "$service" == console ]]; then
        # Every instance's metrics, so that the console's counts add up across them.
        environment+=(
            "ORDER_SERVICE_URL=$(instance_urls order-service)"
            "INVENTORY_SERVICE_URL=$(instance_urls inventory-service)"
            "NOTIFICATION_SERVICE_URL=$(instance_urls notification-service)"
            "ORDERFLOW_AUTH_ISSUER=$AUTH_ISSUER" "ORDERFLOW_CONSOLE_AUTH_REDIRECT_URI=$CONSOLE_PAGE")
    else
        environment+=(
            "SPRING_DATASOURCE_URL=jdbc:postgresql://$db_host:$db_port/$(database_of "$service")"
            "SPRING_DATASOURCE_USERNAME=$db_user"
            "SPRING_DATASOURCE_PASSWORD=$db_password")
    fi
    start_process "$name" env "${environment[@]}" \
        "$JAVA" ${service_java_opts[@]+"${service_java_opts[@]}"} -jar "$(jar_of "$service")"
}

# http://127.0.0.1:<port> of every instance of a service, comma-separated.
instance_urls() { # service
    local instance urls=()
    for instance in "${INSTANCES[@]}"; do
        [[ "$(service_of "$instance")" == "$1" ]] && urls+=("http://127.0.0.1:$(port_of "$instance")")
    done
    (IFS=,; echo "${urls[*]}")
}

service_ready() { # name
    curl -fsS --max-time 2 "http://127.0.0.1:$(port_of "$1")/actuator/health" 2>/dev/null | grep -q '"status":"UP"'
}

# Waits until every named process passes its readiness check; stops everything when one exits first or
# takes longer than ORDERFLOW_STARTUP_TIMEOUT.
await_ready() { # readiness function, names...
    local check="$1" started=$SECONDS name pid
    shift
    local pending=("$@")
    while ((${#pending[@]} > 0)); do
        local still_pending=()
        for name in "${pending[@]}"; do
            pid="$(pid_of "$name")"
            if "$check" "$name"; then
                say "$name is up ($(seconds_since "$started")s)"
            elif ! is_running "$pid"; then
                local status=0
                wait "$pid" || status=$?
                echo "---- last lines of $LOG_DIR/$name.log ----" >&2
                tail -n 40 "$LOG_DIR/$name.log" >&2
                die "$name exited with status $status while starting; its log is $LOG_DIR/$name.log"
            elif (($(seconds_since "$started") >= STARTUP_TIMEOUT)); then
                die "$name is not up after ${STARTUP_TIMEOUT}s; its log is $LOG_DIR/$name.log"
            else
                still_pending+=("$name")
            fi
        done
        pending=(${still_pending[@]+"${still_pending[@]}"})
        ((${#pending[@]} == 0)) || sleep 1
    done
}

print_banner() {
    local gateway="http://127.0.0.1:$GATEWAY_PORT" instance gateway_note='(the public API)' kafka_note=''
    ((${#INSTANCES[@]} == 3)) || gateway_note='(the public API; it calls the first instance of each service)'
    ((BROKERS == 1)) || kafka_note="  ($BROKERS brokers; topics: replication factor 3, min.insync.replicas 2)"
    printf '\n%sorderflow is ready%s (in %ss)\n\n' "$BOLD" "$RESET" "$(seconds_since "$1")"
    printf '  %-*s %s   %s\n' $((NAME_WIDTH + 1)) gateway "$gateway" "$gateway_note"
    printf '  %-*s %s   %s\n' $((NAME_WIDTH + 1)) console "http://localhost:$GATEWAY_PORT/console/" '(the live console, through the gateway)'
    printf '  %-*s %s   %s\n' $((NAME_WIDTH + 1)) auth-server "http://localhost:$AUTH_SERVER_PORT" '(tokens; the console signs in as demo / demo-password)' 
    for instance in "${INSTANCES[@]}"; do
        printf '  %-*s %s\n' $((NAME_WIDTH + 1)) "$instance" "http://127.0.0.1:$(port_of "$instance")"
    done
    printf '  %-*s %s\n' $((NAME_WIDTH + 1)) kafka "$BOOTSTRAP_SERVERS$kafka_note"
    local postgres_note=''
    [[ -z "$embedded_port" ]] || postgres_note="  (embedded PostgreSQL $(sed -n 's/^embedded PostgreSQL \([^ ]*\) .*/\1/p' "$LOG_DIR/postgres.log"), data in $POSTGRES_DATA_DIR)"
    printf '  %-*s %s\n' $((NAME_WIDTH + 1)) postgresql \
        "$db_host:$db_port  databases $(database_of order-service), $(database_of inventory-service), $(database_of notification-service)$postgres_note"
    printf '  %-*s %s\n' $((NAME_WIDTH + 1)) logs "$LOG_DIR/"
    cat <<EOF

Try it:
  token=\$(curl -s -u back-office:back-office-secret -d grant_type=client_credentials $AUTH_ISSUER/oauth2/token \\
      | sed -E 's/.*"access_token" *: *"([^"]+)".*/\1/')
  curl -s -X PUT $gateway/api/inventory/SKU-001 -H "Authorization: Bearer \$token" \\
      -H 'Content-Type: application/json' -d '{"available": 10}'
  order=\$(curl -s -X POST $gateway/api/orders -H "Authorization: Bearer \$token" -H 'Content-Type: application/json' \\
      -d '{"customerId": "c-42", "items": [{"sku": "SKU-001", "quantity": 2}]}' | sed -E 's/.*"orderId" *: *"([^"]+)".*/\1/')
  curl -s $gateway/api/orders/\$order -H "Authorization: Bearer \$token"
  curl -s "$gateway/api/notifications?orderId=\$order" -H "Authorization: Bearer \$token"

EOF
    if [[ "$follow_logs" == true ]]; then
        printf '%s\n\n' "Following the logs (Kafka's at WARN and above). Ctrl-C stops everything."
    else
        printf '%s\n\n' "The logs go to $LOG_DIR/ only. Ctrl-C stops everything."
    fi
}

# ---------------------------------------------------------------------------------------------------

main() {
    local started=$SECONDS
    check_prerequisites
    check_ports_free
    build_if_needed

    mkdir -p "$LOG_DIR"
    : >"$RUN_DIR/pids"

    prepare_postgres
    start_kafka
    await_ready kafka_ready "${KAFKA_NODES[@]}"

    local instance node
    for instance in "${INSTANCES[@]}" "${APPS[@]}"; do
        start_service "$instance"
    done
    await_ready service_ready "${INSTANCES[@]}" "${APPS[@]}"
    start_service gateway
    await_ready service_ready gateway

    print_banner "$started"
    if [[ "$follow_logs" == true ]]; then
        for node in "${KAFKA_NODES[@]}"; do
            follow_log "$node" 2
        done
        for instance in "${INSTANCES[@]}"; do
            case "$(service_of "$instance")" in
                order-service) follow_log "$instance" 36 ;;
                inventory-service) follow_log "$instance" 33 ;;
                notification-service) follow_log "$instance" 35 ;;
            esac
        done
        follow_log auth-server 34
        follow_log console 34
        follow_log gateway 32
    fi

    local reported=() i
    while :; do
        for i in "${!pids[@]}"; do
            if ! is_running "${pids[$i]}" && [[ " ${reported[*]-} " != *" ${names[$i]} "* ]]; then
                local status=0
                wait "${pids[$i]}" || status=$?
                reported+=("${names[$i]}")
                printf '%s[run-local] %s exited with status %s; the others keep running (log: %s)%s\n' \
                    "$RED" "${names[$i]}" "$status" "$LOG_DIR/${names[$i]}.log" "$RESET" >&2
            fi
        done
        # A background sleep keeps the script responsive: bash runs the trap as soon as `wait` is interrupted.
        sleep 1 &
        sleeper=$!
        wait "$sleeper" || true
        sleeper=
    done
}

main
