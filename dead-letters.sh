#!/usr/bin/env bash
# Lists the records of a dead-letter topic and re-drives chosen ones to the topic they failed in: see --help.
# Runs the dead-letters module's jar, building it first when it is missing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly ROOT
readonly JAR="$ROOT/dead-letters/target/dead-letters-0.1.0-SNAPSHOT.jar"

if [[ ! -f "$JAR" ]]; then
    echo "[dead-letters] building $JAR ..." >&2
    # The build's output goes to stderr so that stdout carries only the tool's own.
    (cd "$ROOT" && ./mvnw -q -B -DskipTests -pl dead-letters -am package) >&2 \
        || { echo "[dead-letters] the build failed" >&2; exit 1; }
fi

java_cmd=java
[[ -n "${JAVA_HOME:-}" ]] && java_cmd="$JAVA_HOME/bin/java"
exec "$java_cmd" -jar "$JAR" "$@"
