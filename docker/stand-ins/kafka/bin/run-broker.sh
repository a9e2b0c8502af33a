#!/usr/bin/env bash
# Writes server.properties from the KAFKA_* variables the way the official image does (KAFKA_LOG_DIRS ->
# log.dirs; "__" -> "_", "___" -> "-"), formats the log directories for CLUSTER_ID once, and runs the broker.
set -euo pipefail

config=/opt/kafka/config/server.properties
: >"$config"
while IFS='=' read -r name value; do
    case "$name" in
        KAFKA_HEAP_OPTS | KAFKA_OPTS | KAFKA_VERSION) continue ;;
    esac
    key="${name#KAFKA_}"
    key="${key,,}"
    key="${key//___/-}"
    key="${key//__/@}"
    key="${key//_/.}"
    key="${key//@/_}"
    printf '%s=%s\n' "$key" "$value" >>"$config"
done < <(env | grep '^KAFKA_' | sort)
grep -q '^log.dirs=' "$config" || echo 'log.dirs=/var/lib/kafka/data' >>"$config"

java_options=(${KAFKA_HEAP_OPTS:--Xmx1G -Xms1G} ${KAFKA_OPTS:-}
    -Dlog4j2.configurationFile=/opt/kafka/config/log4j2.properties -cp '/opt/kafka/libs/*')
java "${java_options[@]}" kafka.tools.StorageTool format --ignore-formatted \
    --cluster-id "${CLUSTER_ID:?CLUSTER_ID must be set}" --config "$config" >&2
exec java "${java_options[@]}" kafka.Kafka "$config"
