#!/usr/bin/env bash
# Builds the images that stand in for the official ones docker-compose.yml names, for a machine that
# reaches no image registry (only Debian's packages and Maven Central): the same versions, made from a
# debootstrap base. Afterwards: docker compose --env-file docker/stand-ins/stand-ins.env up --build
# An image is rebuilt only when the files it is made from change. Needs root (debootstrap) and an engine.
set -euo pipefail

readonly HERE="$(cd "$(dirname "$0")" && pwd)"
readonly ROOT="$(cd "$HERE/../.." && pwd)"
readonly WORK="$ROOT/target/stand-ins"
readonly MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
# The image names docker compose is pointed at.
set -a
# shellcheck source=stand-ins.env
. "$HERE/stand-ins.env"
set +a

say() { printf 'stand-ins: %s\n' "$*"; }
die() { printf 'stand-ins: %s\n' "$*" >&2; exit 1; }

docker info >/dev/null 2>&1 || die "no Docker engine answers (docker/engine.sh start starts one)"
if ! command -v debootstrap >/dev/null; then
    command -v apt-get >/dev/null || die "no debootstrap, and no apt-get to install it"
    say "installing debootstrap"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
fi

# A digest of everything an image is made from; an image carrying the same one is up to date.
digest_of() {
    (cd "$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum; printf '%s\n' "${@:2}") | sha256sum | cut -c1-16
}

up_to_date() { # image, digest
    [[ "$(docker image inspect --format '{{ index .Config.Labels "orderflow.stand-in.digest" }}' "$1" 2>/dev/null)" == "$2" ]]
}

# Debian's minimal root file system, imported as an image.
build_base() { # suite, image
    local suite="$1" image="$2" digest
    digest="$(printf '%s %s\n' "$suite" "$MIRROR" | sha256sum | cut -c1-16)"
    if up_to_date "$image" "$digest"; then return 0; fi
    local rootfs="$WORK/rootfs-$suite"
    rm -rf "$rootfs"
    mkdir -p "$WORK"
    say "debootstrap $suite into $rootfs"
    debootstrap --variant=minbase "$suite" "$rootfs" "$MIRROR" >"$WORK/debootstrap-$suite.log" 2>&1 \
        || die "debootstrap $suite failed; see $WORK/debootstrap-$suite.log"
    rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/*.bin
    tar -C "$rootfs" -c . | docker import --change "LABEL orderflow.stand-in.digest=$digest" \
        --change 'CMD ["/bin/bash"]' - "$image" >/dev/null
    rm -rf "$rootfs"
    say "built $image"
}

build_image() { # image, context folder, base image, extra digest input...
    local image="$1" context="$2" base="$3" digest
    digest="$(digest_of "$context" "$base" "$(docker image inspect --format '{{.Id}}' "$base")" "${@:4}")"
    if up_to_date "$image" "$digest"; then
        say "$image is up to date"
        return 0
    fi
    say "building $image"
    docker build --quiet --build-arg "BASE_IMAGE=$base" \
        --label "orderflow.stand-in.digest=$digest" --tag "$image" "$context" >/dev/null
    say "built $image"
}

# The JDK with the certificate authorities this machine added to its own trust store (a TLS-inspecting
# proxy's, say), so that Maven inside a build reaches Maven Central as it does here.
readonly JDK_CONTEXT="$WORK/jdk"
prepare_jdk_context() {
    rm -rf "$JDK_CONTEXT"
    mkdir -p "$JDK_CONTEXT/extra-ca-certificates"
    cp -r "$HERE/jdk/." "$JDK_CONTEXT/"
    if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
        cp /usr/local/share/ca-certificates/*.crt "$JDK_CONTEXT/extra-ca-certificates/"
    fi
}

# The broker's classpath as the kafka-broker module resolves it, with its log configuration, in $KAFKA_CONTEXT.
readonly KAFKA_CONTEXT="$WORK/kafka"
prepare_kafka_context() {
    local lib="$ROOT/kafka-broker/target/lib"
    if ! compgen -G "$lib/kafka_2.13-*.jar" >/dev/null; then
        say "building the kafka-broker module for its classpath"
        (cd "$ROOT" && ./mvnw -q -B -pl kafka-broker package)
    fi
    local version="${KAFKA_IMAGE##*:}"
    [[ -f "$lib/kafka_2.13-$version.jar" ]] \
        || die "kafka-broker resolves $(basename "$lib"/kafka_2.13-*.jar), but stand-ins.env names $KAFKA_IMAGE"
    rm -rf "$KAFKA_CONTEXT"
    mkdir -p "$KAFKA_CONTEXT"
    cp -r "$HERE/kafka/." "$KAFKA_CONTEXT/"
    cp -r "$lib" "$KAFKA_CONTEXT/libs"
    cp "$ROOT/kafka-broker/config/log4j2.properties" "$KAFKA_CONTEXT/"
}

readonly TRIXIE=orderflow-stand-in/debian:trixie
readonly BOOKWORM=orderflow-stand-in/debian:bookworm

started=$SECONDS
# OpenJDK 21 is Debian 13's; PostgreSQL 15 and Redis 7.0 are Debian 12's.
build_base trixie "$TRIXIE" &
trixie_build=$!
build_base bookworm "$BOOKWORM" &
bookworm_build=$!
wait "$trixie_build" || die "the trixie base failed"
wait "$bookworm_build" || die "the bookworm base failed"

prepare_jdk_context
build_image "$JDK_IMAGE" "$JDK_CONTEXT" "$TRIXIE"
build_image "$JRE_IMAGE" "$HERE/jre" "$TRIXIE"
build_image "$POSTGRES_IMAGE" "$HERE/postgres" "$BOOKWORM"
build_image "$REDIS_IMAGE" "$HERE/redis" "$BOOKWORM"
prepare_kafka_context
build_image "$KAFKA_IMAGE" "$KAFKA_CONTEXT" "$JRE_IMAGE"
say "ready in $((SECONDS - started)) s: docker compose --env-file docker/stand-ins/stand-ins.env up --build"
