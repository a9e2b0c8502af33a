#!/usr/bin/env bash
# Runs the whole of orderflow on this machine without Docker: a real Apache Kafka broker (KRaft) and the
# four services as plain processes, against the PostgreSQL already running here. See --help.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly ROOT
readonly SERVICES=(order-service inventory-service notification-service gateway)
readonly VERSION=0.1.0-SNAPSHOT

usage() {
    cat <<EOF
Usage: ./run-local.sh [--build | --no-build] [--help]

Starts orderflow without Docker: a Kafka broker (KRaft, from kafka-broker/target/lib) and the four
services (java -jar), against the PostgreSQL on PGHOST. Waits until everything is healthy, prints the
URLs, then follows every log. Ctrl-C (or SIGTERM) stops all of it: services first, then the broker.

Needs: a JDK 17+, curl, psql, and a running PostgreSQL.

Options:
  --build      rebuild the services and the broker classpath first (./mvnw -q -DskipTests package)
  --no-build   never build; fail when a jar or the broker classpath is missing
               (by default only what is missing is built)
  -h, --help   this text

Environment (default in brackets):
  GATEWAY_PORT                [8080]  the public API
  ORDER_SERVICE_PORT          [8081]
  INVENTORY_SERVICE_PORT      [8082]
  NOTIFICATION_SERVICE_PORT   [8083]
  KAFKA_PORT                  [9092]  the broker's client listener
  KAFKA_CONTROLLER_PORT       [9093]  the KRaft controller listener
  PGHOST / PGPORT / PGUSER    [127.0.0.1 / 5432 / postgres]  (PGPASSWORD is passed on when set)
  ORDERFLOW_DB_PREFIX         []      databases are \${prefix}orders, \${prefix}inventory,
                                      \${prefix}notifications; created when absent, never dropped
  ORDERFLOW_LOCAL_RUN_DIR     [target/local-run]  Kafka's data (kept between runs: delete the folder
                                      for an empty broker) and logs/<process>.log (rewritten each run)
  ORDERFLOW_STARTUP_TIMEOUT   [180]   seconds to wait for each process to become healthy
  ORDERFLOW_JAVA_OPTS         []      JVM options for the services, e.g. -Xmx512m
  KAFKA_HEAP_OPTS             [-Xmx1g] JVM options for the broker
  NO_COLOR                            set to anything for uncoloured log prefixes

Two runs side by side need distinct ports, ORDERFLOW_DB_PREFIX and ORDERFLOW_LOCAL_RUN_DIR.
EOF
}

# ---------------------------------------------------------------------------------------------------
# Settings

build_mode=when-missing
while (($# > 0)); do
    case "$1" in
        --build) build_mode=always ;;
        --no-build) build_mode=never ;;
        -h | --help) usage; exit 0 ;;
        *) echo "run-local: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
    shift
done

readonly GATEWAY_PORT="${GATEWAY_PORT:-8080}"
readonly ORDER_SERVICE_PORT="${ORDER_SERVICE_PORT:-8081}"
readonly INVENTORY_SERVICE_PORT="${INVENTORY_SERVICE_PORT:-8082}"
readonly NOTIFICATION_SERVICE_PORT="${NOTIFICATION_SERVICE_PORT:-8083}"
readonly KAFKA_PORT="${KAFKA_PORT:-9092}"
readonly KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
readonly PGHOST="${PGHOST:-127.0.0.1}"
readonly PGPORT="${PGPORT:-5432}"
readonly PGUSER="${PGUSER:-postgres}"
readonly DB_PREFIX="${ORDERFLOW_DB_PREFIX:-}"
readonly STARTUP_TIMEOUT="${ORDERFLOW_STARTUP_TIMEOUT:-180}"
run_dir="${ORDERFLOW_LOCAL_RUN_DIR:-target/local-run}"
[[ "$run_dir" == /* ]] || run_dir="$ROOT/$run_dir"
readonly RUN_DIR="$run_dir"
readonly LOG_DIR="$RUN_DIR/logs"
readonly KAFKA_DIR="$RUN_DIR/kafka"
readonly BROKER_LIB="$ROOT/kafka-broker/target/lib"
readonly BROKER_LOG_CONFIG="$ROOT/kafka-broker/config/log4j2.properties"
readonly BOOTSTRAP_SERVERS="127.0.0.1:$KAFKA_PORT"

java_cmd=java
[[ -n "${JAVA_HOME:-}" ]] && java_cmd="$JAVA_HOME/bin/java"
readonly JAVA="$java_cmd"
service_java_opts=()
read -r -a service_java_opts <<<"${ORDERFLOW_JAVA_OPTS:-}"
kafka_java_opts=()
read -r -a kafka_java_opts <<<"${KAFKA_HEAP_OPTS:--Xmx1g}"

port_of() {
    case "$1" in
        gateway) echo "$GATEWAY_PORT" ;;
        order-service) echo "$ORDER_SERVICE_PORT" ;;
        inventory-service) echo "$INVENTORY_SERVICE_PORT" ;;
        notification-service) echo "$NOTIFICATION_SERVICE_PORT" ;;
    esac
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
# terminal reaches only this script, which then stops them in order instead of all at once.

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
    "$@" </dev/null >"$LOG_DIR/$name.log" 2>&1 &
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
        stop_processes order-service inventory-service notification-service
        stop_processes kafka
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
# continuation lines) reach the terminal; its log file keeps everything.
follow_log() { # name, colour
    local name="$1" colour="$2" start='' end=''
    if [[ -t 1 && -z "${NO_COLOR:-}" ]]; then
        start=$'\033['"${colour}m"
        end=$'\033[0m'
    fi
    local prefix
    prefix="$(printf '%s%-20s |%s ' "$start" "$name" "$end")"
    local min_level_filter=0
    [[ "$name" == kafka ]] && min_level_filter=1
    set -m
    {
        tail -n 0 -F "$LOG_DIR/$name.log" 2>/dev/null | awk -v prefix="$prefix" -v filter="$min_level_filter" '
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
    command -v psql >/dev/null || die "no 'psql' found: install the PostgreSQL client"
    local prefix_pattern='^[a-z_][a-z0-9_]*$'
    [[ -z "$DB_PREFIX" || "$DB_PREFIX" =~ $prefix_pattern ]] \
        || die "ORDERFLOW_DB_PREFIX='$DB_PREFIX': use lowercase letters, digits and '_' (starting with a letter or '_')"
}

check_ports_free() {
    local taken=() entry name port
    for entry in "gateway=$GATEWAY_PORT" "order-service=$ORDER_SERVICE_PORT" \
        "inventory-service=$INVENTORY_SERVICE_PORT" "notification-service=$NOTIFICATION_SERVICE_PORT" \
        "kafka=$KAFKA_PORT" "kafka-controller=$KAFKA_CONTROLLER_PORT"; do
        name="${entry%%=*}"
        port="${entry#*=}"
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
    if [[ "$build_mode" == never ]]; then
        ((${#missing[@]} == 0)) || die "not built: ${missing[*]} (run without --no-build, or ./mvnw -DskipTests package)"
        return 0
    fi
    if [[ "$build_mode" == always || ${#missing[@]} -gt 0 ]]; then
        local started=$SECONDS
        say "building${missing[*]:+ (missing: ${missing[*]})} ..."
        local modules
        modules="$(IFS=,; echo "${SERVICES[*]},kafka-broker")"
        (cd "$ROOT" && ./mvnw -q -B -DskipTests -pl "$modules" -am package) || die "the build failed"
        say "built in $(seconds_since "$started")s"
    fi
}

# ---------------------------------------------------------------------------------------------------
# PostgreSQL

psql_admin() {
    psql -X -q -v ON_ERROR_STOP=1 -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d postgres -tA "$@"
}

create_databases() {
    psql_admin -c 'SELECT 1' >/dev/null 2>&1 \
        || die "cannot reach PostgreSQL as $PGUSER at $PGHOST:$PGPORT (is it running? set PGHOST/PGPORT/PGUSER/PGPASSWORD)"
    local service database created=()
    for service in order-service inventory-service notification-service; do
        database="$(database_of "$service")"
        if [[ -z "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$database'")" ]]; then
            psql_admin -c "CREATE DATABASE \"$database\"" >/dev/null
            created+=("$database")
        fi
    done
    if ((${#created[@]} > 0)); then
        say "created databases ${created[*]}"
    fi
}

# ---------------------------------------------------------------------------------------------------
# Kafka (KRaft). A broker is node 1, combined broker and controller; the per-node layout (data and
# properties under kafka/node-<id>/) leaves room for a multi-broker cluster on one machine.

write_broker_properties() { # node id, data dir, properties file
    cat >"$3" <<EOF
# Written by run-local.sh at each start; edits are overwritten.
process.roles=broker,controller
node.id=$1
controller.quorum.voters=$1@127.0.0.1:$KAFKA_CONTROLLER_PORT
controller.listener.names=CONTROLLER
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$2
# One node: Kafka's internal topics cannot have more than one replica.
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
# The services declare their topics; a misspelt topic name must fail, not create a 1-partition topic.
auto.create.topics.enable=false
# Consumers of a restarted service start at once instead of after Kafka's default 3 s.
group.initial.rebalance.delay.ms=0
EOF
}

kafka_tool() {
    "$JAVA" -Dlog4j2.configurationFile="$BROKER_LOG_CONFIG" -cp "$BROKER_LIB/*" "$@"
}

start_kafka() {
    local node_id=1
    local node_dir="$KAFKA_DIR/node-$node_id"
    local properties="$node_dir/server.properties"
    mkdir -p "$node_dir"
    write_broker_properties "$node_id" "$node_dir/data" "$properties"
    if [[ ! -f "$node_dir/data/meta.properties" ]]; then
        local cluster_id
        cluster_id="$(kafka_tool kafka.tools.StorageTool random-uuid 2>>"$LOG_DIR/kafka-storage.log")"
        kafka_tool kafka.tools.StorageTool format -t "$cluster_id" -c "$properties" >>"$LOG_DIR/kafka-storage.log" 2>&1 \
            || die "formatting Kafka's storage failed; see $LOG_DIR/kafka-storage.log"
        say "formatted Kafka's storage in $node_dir/data (cluster id $cluster_id)"
    fi
    start_process kafka "$JAVA" ${kafka_java_opts[@]+"${kafka_java_opts[@]}"} \
        -Dlog4j2.configurationFile="$BROKER_LOG_CONFIG" -cp "$BROKER_LIB/*" kafka.Kafka "$properties"
}

kafka_ready() {
    grep -q 'Kafka Server started' "$LOG_DIR/kafka.log" && port_in_use "$KAFKA_PORT"
}

# ---------------------------------------------------------------------------------------------------
# Services

start_service() { # name
    local name="$1" port environment=()
    port="$(port_of "$name")"
    environment+=("SERVER_PORT=$port" "SPRING_KAFKA_BOOTSTRAP_SERVERS=$BOOTSTRAP_SERVERS")
    if [[ "$name" == gateway ]]; then
        environment+=(
            "ORDER_SERVICE_URL=http://127.0.0.1:$ORDER_SERVICE_PORT"
            "INVENTORY_SERVICE_URL=http://127.0.0.1:$INVENTORY_SERVICE_PORT"
            "NOTIFICATION_SERVICE_URL=http://127.0.0.1:$NOTIFICATION_SERVICE_PORT")
    else
        environment+=(
            "SPRING_DATASOURCE_URL=jdbc:postgresql://$PGHOST:$PGPORT/$(database_of "$name")"
            "SPRING_DATASOURCE_USERNAME=$PGUSER"
            "SPRING_DATASOURCE_PASSWORD=${PGPASSWORD:-}")
    fi
    start_process "$name" env "${environment[@]}" \
        "$JAVA" ${service_java_opts[@]+"${service_java_opts[@]}"} -jar "$(jar_of "$name")"
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

kafka_ready_check() { # name (unused: there is one broker)
    kafka_ready
}

print_banner() {
    local gateway="http://127.0.0.1:$GATEWAY_PORT"
    cat <<EOF

${BOLD}orderflow is ready${RESET} (in $(seconds_since "$1")s)

  gateway               $gateway   (the public API)
  order-service         http://127.0.0.1:$ORDER_SERVICE_PORT
  inventory-service     http://127.0.0.1:$INVENTORY_SERVICE_PORT
  notification-service  http://127.0.0.1:$NOTIFICATION_SERVICE_PORT
  kafka                 $BOOTSTRAP_SERVERS
  postgresql            $PGHOST:$PGPORT  databases $(database_of order-service), $(database_of inventory-service), $(database_of notification-service)
  logs                  $LOG_DIR/

Try it:
  curl -s -X PUT $gateway/api/inventory/SKU-001 -H 'Content-Type: application/json' -d '{"available": 10}'
  order=\$(curl -s -X POST $gateway/api/orders -H 'Content-Type: application/json' \\
      -d '{"customerId": "c-42", "items": [{"sku": "SKU-001", "quantity": 2}]}' | sed -E 's/.*"orderId" *: *"([^"]+)".*/\1/')
  curl -s $gateway/api/orders/\$order
  curl -s "$gateway/api/notifications?orderId=\$order"

Following the logs (Kafka's at WARN and above). Ctrl-C stops everything.

EOF
}

# ---------------------------------------------------------------------------------------------------

main() {
    local started=$SECONDS
    check_prerequisites
    check_ports_free
    build_if_needed
    create_databases

    mkdir -p "$LOG_DIR"
    : >"$RUN_DIR/pids"

    start_kafka
    await_ready kafka_ready_check kafka

    local service
    for service in order-service inventory-service notification-service; do
        start_service "$service"
    done
    await_ready service_ready order-service inventory-service notification-service
    start_service gateway
    await_ready service_ready gateway

    print_banner "$started"
    follow_log kafka 2
    follow_log order-service 36
    follow_log inventory-service 33
    follow_log notification-service 35
    follow_log gateway 32

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
