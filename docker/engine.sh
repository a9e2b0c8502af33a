#!/usr/bin/env bash
# A Docker engine for the compose end-to-end suite on a machine that has none running (a CI host, a bare
# Linux box): installs Debian's docker.io and Compose v2 when missing, starts dockerd, and on `stop` ends
# only what `start` started and puts the host's network state back as it was. Needs root for that.
set -euo pipefail

readonly STATE_DIR="${ORDERFLOW_DOCKER_STATE_DIR:-/run/orderflow-docker-engine}"
readonly LOG_FILE="${ORDERFLOW_DOCKERD_LOG:-/var/log/orderflow-dockerd.log}"
readonly PLUGIN_DIR=/usr/local/lib/docker/cli-plugins

usage() {
    cat <<'EOF'
Usage: docker/engine.sh start|stop|status

  start   nothing to do when `docker info` answers; otherwise (as root, Debian/Ubuntu) installs
          docker.io when dockerd is missing and Compose v2 when `docker compose` is missing, starts
          dockerd and waits until it answers. Remembers what it started and the network state before.
  stop    stops the dockerd that `start` started (its containers with it) and restores the iptables
          rules, net.ipv4.ip_forward and the network links as they were before `start`.
          Does nothing when `start` found an engine already running.
  status  says whether an engine answers, and whether this script started it.
EOF
}

say() { printf 'docker-engine: %s\n' "$*"; }
die() { printf 'docker-engine: %s\n' "$*" >&2; exit 1; }

engine_answers() { docker info >/dev/null 2>&1; }

# Compose v2 is packaged only from Debian 13 on; older releases get its .deb through a throwaway apt
# configuration, unpacked into the client's plugin folder (nothing else of the newer release is installed).
install_compose_v2() {
    local work
    work="$(mktemp -d)"
    mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$work/preferences.d"
    echo 'deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian trixie main' \
        >"$work/sources.list"
    touch "$work/status"
    local options=(-o "Dir::Etc::SourceList=$work/sources.list" -o Dir::Etc::SourceParts=/dev/null
        -o "Dir::State::Lists=$work/lists" -o "Dir::State::Status=$work/status" -o "Dir::Cache=$work/cache"
        -o Dir::Etc::Preferences=/dev/null -o "Dir::Etc::PreferencesParts=$work/preferences.d"
        -o APT::Sandbox::User=root -qq)
    apt-get "${options[@]}" update
    (cd "$work" && apt-get "${options[@]}" download docker-compose docker-buildx)
    mkdir -p "$PLUGIN_DIR"
    local package
    for package in "$work"/docker-compose_*.deb "$work"/docker-buildx_*.deb; do
        dpkg-deb -x "$package" "$work/unpacked"
    done
    install -m 0755 "$work/unpacked/usr/libexec/docker/cli-plugins/docker-compose" \
        "$work/unpacked/usr/libexec/docker/cli-plugins/docker-buildx" "$PLUGIN_DIR/"
    rm -rf "$work"
}

install_if_missing() {
    if ! command -v dockerd >/dev/null; then
        command -v apt-get >/dev/null || die "no dockerd and no apt-get: install a Docker engine yourself"
        say "installing Debian's docker.io"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker.io iptables >/dev/null
    fi
    if ! docker compose version >/dev/null 2>&1; then
        say "installing Compose v2 into $PLUGIN_DIR"
        install_compose_v2
    fi
}

start() {
    if engine_answers; then
        say "an engine already answers ($(docker version --format '{{.Server.Version}}' 2>/dev/null)); leaving it alone"
        docker compose version >/dev/null 2>&1 || { ((EUID == 0)) && install_compose_v2; }
        return 0
    fi
    ((EUID == 0)) || die "no Docker engine answers, and starting one needs root"
    install_if_missing
    mkdir -p "$STATE_DIR"
    # What to put back at `stop`: dockerd rewrites iptables, turns on forwarding and adds bridges.
    iptables-save >"$STATE_DIR/iptables.rules"
    sysctl -n net.ipv4.ip_forward >"$STATE_DIR/ip_forward"
    ip -o link show | awk -F': ' '{print $2}' | sed 's/@.*//' >"$STATE_DIR/links"
    # The bridge's MTU must not exceed the host's, or large downloads inside a build stall.
    local mtu
    mtu="$(ip -o route get 1.1.1.1 2>/dev/null | sed -n 's/.* dev \([^ ]*\).*/\1/p' | xargs -r -I{} cat /sys/class/net/{}/mtu)"
    say "starting dockerd${mtu:+ (mtu $mtu)}, log in $LOG_FILE"
    nohup dockerd ${mtu:+--mtu "$mtu"} >>"$LOG_FILE" 2>&1 &
    echo $! >"$STATE_DIR/dockerd.pid"
    local waited=0
    until engine_answers; do
        kill -0 "$(cat "$STATE_DIR/dockerd.pid")" 2>/dev/null || die "dockerd exited; see $LOG_FILE"
        ((waited++ < 60)) || die "dockerd did not answer within 30 s; see $LOG_FILE"
        sleep 0.5
    done
    say "engine $(docker version --format '{{.Server.Version}}') is up; 'docker/engine.sh stop' ends it"
}

# iptables-restore rewrites only the tables the saved rules name; a table that was empty before `start`
# (iptables-save prints nothing for it) is emptied here, its built-in chains back to ACCEPT.
restore_iptables() {
    iptables-restore <"$STATE_DIR/iptables.rules"
    local table chain
    for table in filter nat; do
        grep -q "^\*$table" "$STATE_DIR/iptables.rules" && continue
        iptables -t "$table" -F
        iptables -t "$table" -X
        for chain in $(iptables -t "$table" -S | awk '$1 == "-P" {print $2}'); do
            iptables -t "$table" -P "$chain" ACCEPT
        done
    done
}

stop() {
    if [[ ! -f "$STATE_DIR/dockerd.pid" ]]; then
        say "no engine started by this script; nothing to stop"
        return 0
    fi
    local pid
    pid="$(cat "$STATE_DIR/dockerd.pid")"
    if kill -0 "$pid" 2>/dev/null; then
        say "stopping dockerd (pid $pid) and its containers"
        kill -TERM "$pid"
        local waited=0
        while kill -0 "$pid" 2>/dev/null && ((waited++ < 60)); do sleep 0.5; done
        kill -KILL "$pid" 2>/dev/null || true
    fi
    restore_iptables
    sysctl -q -w net.ipv4.ip_forward="$(cat "$STATE_DIR/ip_forward")"
    local link
    for link in $(ip -o link show type bridge | awk -F': ' '{print $2}'); do
        grep -qx "$link" "$STATE_DIR/links" || ip link delete "$link"
    done
    rm -rf "$STATE_DIR"
    say "stopped; iptables, ip_forward and links restored"
}

status() {
    if engine_answers; then
        say "an engine answers: $(docker version --format '{{.Server.Version}}')"
    else
        say "no engine answers"
    fi
    [[ -f "$STATE_DIR/dockerd.pid" ]] && say "started by this script (pid $(cat "$STATE_DIR/dockerd.pid"))"
    return 0
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) status ;;
    -h | --help) usage ;;
    *) usage >&2; exit 2 ;;
esac
