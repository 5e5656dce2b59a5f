#!/usr/bin/env bash
# deploy/local/infra.sh — private PostgreSQL 15 and RabbitMQ instances on loopback for
# Marketplace development, tests and CI (Debian 12, run as root, no Docker engine).
#
#   infra.sh up                  install what is missing, start both servers, wait until they
#                                accept connections, then print `export` lines on stdout:
#                                    eval "$(deploy/local/infra.sh up)"
#   infra.sh down                stop both private instances (data is kept)
#   infra.sh env                 print the export lines only
#   infra.sh status              show what runs (exit 0 when both servers are up, 3 otherwise)
#   infra.sh rabbitmq-vhost P    a fresh vhost "P-<time>-<pid>" (earlier "P-*" ones deleted); prints its name
#   infra.sh rabbitmq-stop-app   `rabbitmqctl stop_app` on the private node (simulated outage)
#   infra.sh rabbitmq-start-app  `rabbitmqctl start_app` + await_startup on the private node
#
# Everything printed for humans goes to stderr; stdout carries only the export lines.
#
# These instances never touch the machine's own services: PostgreSQL runs from its own data
# folder with its own port and socket folder, RabbitMQ is a separate Erlang node with its own
# node name, ports, epmd, cookie and configuration (/etc/rabbitmq is ignored). The Debian
# wrappers (/usr/sbin/rabbitmq*, pg_ctlcluster, systemctl) are never used.
#
# Settings (environment):
#   MARKETPLACE_INFRA_DIR                 state folder     (default /var/tmp/marketplace-infra)
#   MARKETPLACE_PG_PORT                   PostgreSQL port  (default 55432)
#   MARKETPLACE_RABBITMQ_PORT             AMQP port        (default 55672)
#   MARKETPLACE_RABBITMQ_DIST_PORT        Erlang distribution port (default AMQP port + 10)
#   MARKETPLACE_RABBITMQ_EPMD_PORT        private epmd port (default 55369)
#   MARKETPLACE_INFRA_TIMEOUT             seconds to wait for each server (default 90)
set -euo pipefail

SCRIPT_PATH=$(readlink -f "${BASH_SOURCE[0]}")
readonly SCRIPT_PATH

# The state lives outside the repository on purpose: a clone in a `mktemp -d` folder (mode
# 0700) cannot be traversed by the `postgres` user that PostgreSQL must run as.
INFRA_DIR=${MARKETPLACE_INFRA_DIR:-/var/tmp/marketplace-infra}
PG_PORT=${MARKETPLACE_PG_PORT:-55432}
RMQ_PORT=${MARKETPLACE_RABBITMQ_PORT:-55672}
# RabbitMQ derives its distribution port as AMQP port + 20000, which overflows above 45535:
# always set it explicitly.
RMQ_DIST_PORT=${MARKETPLACE_RABBITMQ_DIST_PORT:-$((RMQ_PORT + 10))}
RMQ_EPMD_PORT=${MARKETPLACE_RABBITMQ_EPMD_PORT:-55369}
TIMEOUT=${MARKETPLACE_INFRA_TIMEOUT:-90}

for _v in PG_PORT RMQ_PORT RMQ_DIST_PORT RMQ_EPMD_PORT TIMEOUT; do
    if ! [[ ${!_v} =~ ^[0-9]+$ ]]; then
        printf 'infra: %s must be a number, got "%s"\n' "$_v" "${!_v}" >&2
        exit 2
    fi
done
unset _v
# rabbitmqctl (a hidden Erlang node itself) picks its own distribution port in this range.
RMQ_CTL_PORT_MIN=$((RMQ_DIST_PORT + 1))
RMQ_CTL_PORT_MAX=$((RMQ_DIST_PORT + 10))
if ((RMQ_CTL_PORT_MAX > 65535 || PG_PORT > 65535 || RMQ_EPMD_PORT > 65535)); then
    echo "infra: a port is above 65535 (RabbitMQ CLI range ends at $RMQ_CTL_PORT_MAX)" >&2
    exit 2
fi

readonly PG_BIN=/usr/lib/postgresql/15/bin
readonly PG_DIR=$INFRA_DIR/pg
readonly PG_DATA=$PG_DIR/data
readonly PG_SOCKET_DIR=$PG_DIR/run
readonly PG_LOG=$PG_DIR/postgresql.log

# Called directly, not through the /usr/sbin wrappers: those `su` to the `rabbitmq` user,
# reset HOME (so the system cookie would be used) and cd to /var/lib/rabbitmq.
readonly RMQ_BIN=/usr/lib/rabbitmq/bin
readonly RMQ_DIR=$INFRA_DIR/rabbitmq
readonly RMQ_NODE=marketplace-$RMQ_PORT@localhost
readonly RMQ_HOME=$RMQ_DIR/home
readonly RMQ_LOG_DIR=$RMQ_DIR/log
readonly RMQ_PID_FILE=$RMQ_DIR/rabbitmq.pid          # beam.smp pid, written by RabbitMQ
readonly RMQ_LAUNCHER_PID_FILE=$RMQ_DIR/launcher.pid # rabbitmq-server shell script pid
readonly RMQ_STARTUP_LOG=$RMQ_LOG_DIR/startup.log    # stdout/stderr of rabbitmq-server

log() { printf 'infra: %s\n' "$*" >&2; }
die() {
    printf 'infra: ERROR: %s\n' "$*" >&2
    exit 1
}

now() { date +%s; }

# True when process $1 exists and is not a zombie. (In some sandboxes PID 1 never reaps
# orphans, so a stopped server can linger as a zombie under its old pid.)
alive() {
    local stat
    [[ $1 =~ ^[0-9]+$ ]] || return 1
    stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
    stat=${stat##*) }
    [[ -n $stat && ${stat:0:1} != Z && ${stat:0:1} != X ]]
}

# True when something accepts TCP connections on 127.0.0.1:$1.
tcp_open() {
    # shellcheck disable=SC2016 # $1 is expanded by the inner bash
    timeout 3 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1"' _ "$1" 2>/dev/null
}

# Who listens on 127.0.0.1/0.0.0.0:$1, for error messages.
port_owner() {
    ss -Hltnp "sport = :$1" 2>/dev/null || true
}

# Single-quote a value for the shell.
shell_quote() {
    local s=${1//\'/\'\\\'\'}
    printf "'%s'" "$s"
}

print_env() {
    printf 'export MARKETPLACE_POSTGRES=%s\n' \
        "$(shell_quote "Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=postgres")"
    printf 'export MARKETPLACE_RABBITMQ=%s\n' "$(shell_quote "amqp://guest:guest@127.0.0.1:$RMQ_PORT/")"
    printf 'export MARKETPLACE_INFRA_SCRIPT=%s\n' "$(shell_quote "$SCRIPT_PATH")"
}

# Serialise the commands that change state (two test runs calling `up` at once). The lock
# descriptor (9) is closed for every long-lived child (9>&-), or a server would hold it forever.
take_lock() {
    mkdir -p "$INFRA_DIR"
    chmod 755 "$INFRA_DIR"
    exec 9>"$INFRA_DIR/infra.lock"
    if ! flock -w 300 9; then
        die "another infra.sh holds $INFRA_DIR/infra.lock for more than 300 s"
    fi
}

APT_UPDATED=0
apt_install() {
    if [[ $APT_UPDATED == 0 ]]; then
        log "apt-get update"
        DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 9>&- ||
            die "apt-get update failed"
        APT_UPDATED=1
    fi
    log "apt-get install -y $*"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2 9>&- ||
        die "apt-get install $* failed"
}

# --------------------------------------------------------------------------- PostgreSQL

# Run a PostgreSQL tool as the `postgres` OS user (initdb and pg_ctl refuse root), from a
# folder that user can enter.
as_postgres() {
    (cd / && runuser -u postgres -- "$@")
}

pg_install() {
    if [[ -x $PG_BIN/pg_ctl && -x $PG_BIN/initdb ]]; then
        return 0
    fi
    local t0
    t0=$(now)
    # On Debian 12 the contrib modules (unaccent, ...) are part of postgresql-15, which
    # provides the virtual package postgresql-contrib-15.
    apt_install postgresql-15
    [[ -x $PG_BIN/pg_ctl ]] || die "postgresql-15 installed but $PG_BIN/pg_ctl is missing"
    log "PostgreSQL 15 installed in $(($(now) - t0)) s"
}

# Pid of the postmaster running from our data folder, or nothing. The pid in postmaster.pid
# must be a live `postgres` process whose working folder is our data folder: after a crash
# or a machine restart the pid may belong to an unrelated process.
pg_pid() {
    local pid
    [[ -f $PG_DATA/postmaster.pid ]] || return 0
    pid=$(head -n 1 "$PG_DATA/postmaster.pid" 2>/dev/null || true)
    alive "$pid" || return 0
    [[ $(cat "/proc/$pid/comm" 2>/dev/null) == postgres ]] || return 0
    [[ $(readlink "/proc/$pid/cwd" 2>/dev/null) == "$PG_DATA" ]] || return 0
    echo "$pid"
}

pg_ready() {
    "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -t 3
}

pg_write_config() {
    # Rewritten on every start, so a changed port or folder is picked up.
    cat >"$PG_DATA/marketplace.conf" <<EOF
# Written by deploy/local/infra.sh on every start: edits here are lost.
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PG_SOCKET_DIR'
# One database per cooperative, several services each holding a small, capped Npgsql pool
# per cooperative database (plus Marten daemons and tests creating databases in parallel):
# the default of 100 is exhausted by a few dozen cooperatives.
max_connections = 1000
# Every cooperative database brings its own system catalogs (~8 MB each): with the default 128 MB of
# shared buffers, a hundred busy cooperatives evict each other's catalog pages.
shared_buffers = 1GB
# The autovacuum launcher starts a worker in every database once per naptime (a new process each time,
# even in a database where nothing changed): with the default of 1 min, 500 databases cost a fork
# every 120 ms. Tables are still vacuumed when they need it, just noticed later.
autovacuum_naptime = 5min
# Everything else (fsync, synchronous_commit, ...) keeps PostgreSQL's defaults.
EOF
    # Private dev/test instance reachable from loopback only: trust authentication, so any
    # password in the connection string is accepted and ignored. Never copy this elsewhere.
    cat >"$PG_DATA/pg_hba.conf" <<'EOF'
# Written by deploy/local/infra.sh: private dev/test instance, loopback only, trust auth.
# TYPE  DATABASE     USER  ADDRESS       METHOD
local   all          all                 trust
host    all          all   127.0.0.1/32  trust
local   replication  all                 trust
host    replication  all   127.0.0.1/32  trust
EOF
    chown postgres:postgres "$PG_DATA/marketplace.conf" "$PG_DATA/pg_hba.conf"
    chmod 600 "$PG_DATA/marketplace.conf" "$PG_DATA/pg_hba.conf"
    if ! grep -q "^include_if_exists = 'marketplace.conf'" "$PG_DATA/postgresql.conf"; then
        printf "\n# Marketplace settings (deploy/local/infra.sh)\ninclude_if_exists = 'marketplace.conf'\n" \
            >>"$PG_DATA/postgresql.conf"
    fi
}

pg_init() {
    mkdir -p "$PG_DIR"
    chown postgres:postgres "$PG_DIR"
    chmod 700 "$PG_DIR"
    if ! runuser -u postgres -- test -w "$PG_DIR"; then
        die "the postgres user cannot write $PG_DIR (is a parent folder closed to others?);" \
            "set MARKETPLACE_INFRA_DIR to a folder under /var/tmp"
    fi
    install -d -o postgres -g postgres -m 700 "$PG_SOCKET_DIR"
    if [[ -f $PG_DATA/PG_VERSION ]]; then
        return 0
    fi
    if [[ -e $PG_DATA ]]; then
        local aside
        aside=$PG_DATA.incomplete-$(date +%Y%m%d%H%M%S)
        log "moving an incomplete data folder aside to $aside"
        mv "$PG_DATA" "$aside"
    fi
    log "initdb $PG_DATA"
    as_postgres "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth=trust \
        --encoding=UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1 ||
        {
            tail -n 20 "$PG_DIR/initdb.log" >&2
            die "initdb failed (log: $PG_DIR/initdb.log)"
        }
}

pg_up() {
    pg_install
    if [[ -n $(pg_pid) ]]; then
        if pg_ready; then
            log "PostgreSQL already running (pid $(pg_pid)) on 127.0.0.1:$PG_PORT"
            return 0
        fi
        log "PostgreSQL process $(pg_pid) runs but does not answer on port $PG_PORT yet; waiting"
    else
        pg_init
        if [[ -f $PG_DATA/postmaster.pid ]]; then
            log "removing stale $PG_DATA/postmaster.pid"
            rm -f "$PG_DATA/postmaster.pid"
        fi
        rm -f "$PG_SOCKET_DIR/.s.PGSQL.$PG_PORT.lock" # stale socket lock (no live postmaster)
        if tcp_open "$PG_PORT"; then
            die "port $PG_PORT is already used by another program: $(port_owner "$PG_PORT")." \
                "Set MARKETPLACE_PG_PORT to a free port."
        fi
        pg_write_config
        local t0
        t0=$(now)
        log "starting PostgreSQL on 127.0.0.1:$PG_PORT (data $PG_DATA)"
        if ! as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t "$TIMEOUT" -s start \
            >&2 9>&-; then
            tail -n 30 "$PG_LOG" >&2 || true
            die "PostgreSQL did not start (log: $PG_LOG)"
        fi
        log "PostgreSQL started in $(($(now) - t0)) s"
    fi
    local deadline=$(($(now) + TIMEOUT))
    until pg_ready && "$PG_BIN/psql" -X -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres \
        -tAc 'select 1' >/dev/null 2>&1; do
        if (($(now) >= deadline)); then
            tail -n 30 "$PG_LOG" >&2 || true
            die "PostgreSQL does not accept connections on 127.0.0.1:$PG_PORT (log: $PG_LOG)"
        fi
        sleep 0.5
    done
}

pg_down() {
    local pid
    pid=$(pg_pid)
    if [[ -z $pid ]]; then
        log "PostgreSQL is not running"
        return 0
    fi
    log "stopping PostgreSQL (pid $pid)"
    as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w -t 60 -s stop >&2 ||
        die "pg_ctl stop failed (log: $PG_LOG)"
}

pg_status() {
    local pid
    pid=$(pg_pid)
    if [[ -z $pid ]]; then
        log "PostgreSQL: stopped (data ${PG_DATA})"
        return 1
    fi
    if pg_ready; then
        log "PostgreSQL: running, pid $pid, accepting on 127.0.0.1:$PG_PORT"
        return 0
    fi
    log "PostgreSQL: pid $pid, NOT accepting on 127.0.0.1:$PG_PORT"
    return 1
}

# ----------------------------------------------------------------------------- RabbitMQ

rmq_install() {
    if [[ -x $RMQ_BIN/rabbitmq-server && -x $RMQ_BIN/rabbitmqctl ]]; then
        return 0
    fi
    local t0
    t0=$(now)
    # The Debian package enables a system service (node rabbit@<host>, port 5672, epmd 4369).
    # Where it does start, it is left alone: nothing here uses it.
    apt_install rabbitmq-server
    [[ -x $RMQ_BIN/rabbitmq-server ]] || die "rabbitmq-server installed but $RMQ_BIN is missing"
    log "RabbitMQ installed in $(($(now) - t0)) s"
}

# Environment of the private node, for the server and for rabbitmqctl (call in a subshell).
rmq_env() {
    # Variables that would otherwise leak in from the caller and change the node.
    unset RABBITMQ_NODE_PORT RABBITMQ_NODE_IP_ADDRESS RABBITMQ_ENABLED_PLUGINS \
        RABBITMQ_ERLANG_COOKIE RABBITMQ_MNESIA_DIR RABBITMQ_LOGS RABBITMQ_USE_LONGNAME \
        RABBITMQ_SERVER_ERL_ARGS RABBITMQ_SERVER_START_ARGS RABBITMQ_CTL_ERL_ARGS \
        RABBITMQ_FEATURE_FLAGS_FILE RABBITMQ_PLUGINS_EXPAND_DIR ERL_LIBS ERL_FLAGS \
        ERL_AFLAGS ERL_ZFLAGS
    # Private HOME: the Erlang cookie in it is shared by the server and rabbitmqctl.
    export HOME=$RMQ_HOME
    export RABBITMQ_NODENAME=$RMQ_NODE
    export RABBITMQ_DIST_PORT=$RMQ_DIST_PORT
    export RABBITMQ_CTL_DIST_PORT_MIN=$RMQ_CTL_PORT_MIN
    export RABBITMQ_CTL_DIST_PORT_MAX=$RMQ_CTL_PORT_MAX
    # Our own epmd, bound to loopback, instead of the machine's one on 4369.
    export ERL_EPMD_PORT=$RMQ_EPMD_PORT
    export ERL_EPMD_ADDRESS=127.0.0.1
    # Keep the distribution listeners (server and CLI) on loopback too.
    export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
    export RABBITMQ_CTL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
    # Ignore /etc/rabbitmq entirely.
    export RABBITMQ_CONF_ENV_FILE=$RMQ_DIR/rabbitmq-env.conf
    export RABBITMQ_CONFIG_FILE=$RMQ_DIR/rabbitmq.conf
    export RABBITMQ_CONFIG_FILES=$RMQ_DIR/conf.d
    export RABBITMQ_ADVANCED_CONFIG_FILE=$RMQ_DIR/advanced.config
    export RABBITMQ_ENABLED_PLUGINS_FILE=$RMQ_DIR/enabled_plugins
    export RABBITMQ_MNESIA_BASE=$RMQ_DIR/mnesia
    export RABBITMQ_LOG_BASE=$RMQ_LOG_DIR
    export RABBITMQ_PID_FILE=$RMQ_PID_FILE
    export ERL_CRASH_DUMP=$RMQ_LOG_DIR/erl_crash.dump
}

rmq_ctl() {
    (
        rmq_env
        cd "$RMQ_DIR"
        exec "$RMQ_BIN/rabbitmqctl" -n "$RMQ_NODE" "$@" 9>&-
    )
}

rmq_prepare() {
    install -d -m 755 "$RMQ_DIR"
    install -d -m 700 "$RMQ_HOME"
    install -d -m 755 "$RMQ_LOG_DIR" "$RMQ_DIR/mnesia" "$RMQ_DIR/conf.d"
    if [[ ! -s $RMQ_HOME/.erlang.cookie ]]; then
        rm -f "$RMQ_HOME/.erlang.cookie"
        (
            umask 077
            # 20 random bytes as 40 hex digits (no SIGPIPE-prone `tr </dev/urandom | head`).
            od -An -tx1 -N20 /dev/urandom | tr -d ' \n' >"$RMQ_HOME/.erlang.cookie"
        )
    fi
    chmod 400 "$RMQ_HOME/.erlang.cookie"
    : >"$RMQ_DIR/rabbitmq-env.conf"
    # No plugins at all (no management UI); the delayed-message exchange is not packaged.
    echo '[].' >"$RMQ_DIR/enabled_plugins"
    echo '[].' >"$RMQ_DIR/advanced.config"
    cat >"$RMQ_DIR/rabbitmq.conf" <<EOF
# Written by deploy/local/infra.sh on every start: edits here are lost.
# AMQP on loopback only. The default user guest/guest may connect from loopback.
listeners.tcp.default = 127.0.0.1:$RMQ_PORT
log.file.level = info
log.console = false
EOF
}

# True when $1 is a live process started with our node name in its environment.
rmq_is_ours() {
    local pid=$1 environ
    alive "$pid" || return 1
    environ=$(tr '\0' '\n' 2>/dev/null <"/proc/$pid/environ") || return 1
    grep -qxF "RABBITMQ_NODENAME=$RMQ_NODE" <<<"$environ"
}

read_pid() {
    if [[ -f $1 ]]; then
        head -n 1 "$1" 2>/dev/null | tr -dc '0-9' || true
    fi
}

# Pid of our running RabbitMQ VM (beam.smp) or, while it boots, of its launcher.
rmq_pid() {
    local pid
    pid=$(read_pid "$RMQ_PID_FILE")
    if [[ -n $pid ]] && rmq_is_ours "$pid"; then
        echo "$pid"
        return 0
    fi
    pid=$(read_pid "$RMQ_LAUNCHER_PID_FILE")
    if [[ -n $pid ]] && rmq_is_ours "$pid"; then
        echo "$pid"
    fi
}

rmq_fail() {
    {
        echo "---- $RMQ_LOG_DIR/$RMQ_NODE.log (tail)"
        tail -n 25 "$RMQ_LOG_DIR/$RMQ_NODE.log" 2>/dev/null || true
        echo "---- $RMQ_STARTUP_LOG (tail)"
        tail -n 25 "$RMQ_STARTUP_LOG" 2>/dev/null || true
    } >&2
    die "$@"
}

# Wait until the AMQP port accepts connections and the rabbit application has fully booted.
rmq_wait() {
    local deadline=$1 pid
    until tcp_open "$RMQ_PORT"; do
        pid=$(rmq_pid)
        if [[ -z $pid ]]; then
            rmq_fail "RabbitMQ node $RMQ_NODE exited during startup"
        fi
        if (($(now) >= deadline)); then
            rmq_fail "RabbitMQ did not open 127.0.0.1:$RMQ_PORT within ${TIMEOUT} s"
        fi
        sleep 0.5
    done
    local left=$((deadline - $(now)))
    ((left < 10)) && left=10
    if ! rmq_ctl -q await_startup --timeout "$left" >&2; then
        rmq_fail "rabbitmqctl await_startup failed for $RMQ_NODE"
    fi
}

# Ask the running node whether the rabbit application is booting or running (vs stopped).
rmq_app_state() {
    local out
    out=$(rmq_ctl -q eval \
        'case rabbit:is_running() of true -> running; false -> case rabbit:is_booting() of true -> booting; false -> stopped end end.' \
        2>/dev/null) || {
        echo unreachable
        return 0
    }
    echo "$out"
}

rmq_up() {
    rmq_install
    rmq_prepare
    local pid t0
    pid=$(rmq_pid)
    t0=$(now)
    if [[ -n $pid ]]; then
        if tcp_open "$RMQ_PORT"; then
            log "RabbitMQ already running (pid $pid) on 127.0.0.1:$RMQ_PORT"
            return 0
        fi
        case $(rmq_app_state) in
            stopped)
                log "RabbitMQ node $RMQ_NODE runs with its application stopped: start_app"
                rmq_ctl -q start_app >&2 || rmq_fail "rabbitmqctl start_app failed"
                ;;
            *) log "RabbitMQ node $RMQ_NODE (pid $pid) is starting; waiting" ;;
        esac
    else
        rm -f "$RMQ_PID_FILE" "$RMQ_LAUNCHER_PID_FILE"
        if tcp_open "$RMQ_PORT"; then
            die "port $RMQ_PORT is already used by another program: $(port_owner "$RMQ_PORT")." \
                "Set MARKETPLACE_RABBITMQ_PORT to a free port."
        fi
        if tcp_open "$RMQ_DIST_PORT"; then
            die "port $RMQ_DIST_PORT (Erlang distribution) is already used: $(port_owner "$RMQ_DIST_PORT")"
        fi
        log "starting RabbitMQ node $RMQ_NODE on 127.0.0.1:$RMQ_PORT (boot usually takes 5-20 s)"
        printf '\n==== %s start\n' "$(date '+%F %T')" >>"$RMQ_STARTUP_LOG"
        (
            rmq_env
            cd "$RMQ_DIR"
            # New session, no terminal, output to a file: the node outlives this script and
            # holds none of its pipes (so `eval "$(infra.sh up)"` returns).
            exec setsid "$RMQ_BIN/rabbitmq-server" </dev/null >>"$RMQ_STARTUP_LOG" 2>&1 9>&-
        ) &
        echo "$!" >"$RMQ_LAUNCHER_PID_FILE"
    fi
    rmq_wait $(($(now) + TIMEOUT))
    log "RabbitMQ ready in $(($(now) - t0)) s (pid $(rmq_pid))"
}

rmq_down() {
    local pid launcher
    pid=$(rmq_pid)
    launcher=$(read_pid "$RMQ_LAUNCHER_PID_FILE")
    if [[ -z $pid ]]; then
        log "RabbitMQ is not running"
    else
        log "stopping RabbitMQ node $RMQ_NODE (pid $pid)"
        # With the pid file, `stop` returns once the VM process has exited.
        local out
        if ! out=$(rmq_ctl -q stop "$RMQ_PID_FILE" 2>&1); then
            printf '%s\n' "$out" >&2
            log "rabbitmqctl stop failed; sending SIGTERM to $pid"
            kill -TERM "$pid" 2>/dev/null || true
        fi
        local deadline=$(($(now) + 60))
        while rmq_is_ours "$pid" || { [[ -n $launcher ]] && rmq_is_ours "$launcher"; }; do
            if (($(now) >= deadline)); then
                log "RabbitMQ still alive after 60 s; SIGKILL"
                kill -KILL "$pid" 2>/dev/null || true
                [[ -n $launcher ]] && kill -KILL "$launcher" 2>/dev/null
                break
            fi
            sleep 0.5
        done
    fi
    rm -f "$RMQ_PID_FILE" "$RMQ_LAUNCHER_PID_FILE"
    # Our private epmd (started by the node) exits only when told; `-kill` refuses while a
    # node is still registered with it.
    if command -v epmd >/dev/null 2>&1 && ERL_EPMD_PORT=$RMQ_EPMD_PORT epmd -names >/dev/null 2>&1; then
        ERL_EPMD_PORT=$RMQ_EPMD_PORT epmd -kill >/dev/null 2>&1 || true
    fi
}

rmq_status() {
    local pid
    pid=$(rmq_pid)
    if [[ -z $pid ]]; then
        log "RabbitMQ: stopped (node $RMQ_NODE)"
        return 1
    fi
    if tcp_open "$RMQ_PORT"; then
        log "RabbitMQ: running, node $RMQ_NODE, pid $pid, accepting on 127.0.0.1:$RMQ_PORT"
        return 0
    fi
    log "RabbitMQ: node $RMQ_NODE pid $pid runs, application $(rmq_app_state), port $RMQ_PORT closed"
    return 1
}

rmq_require_running() {
    [[ -n $(rmq_pid) ]] || die "the private RabbitMQ node $RMQ_NODE is not running (infra.sh up)"
}

# ------------------------------------------------------------------------------ commands

usage() {
    sed -n '2,13p' "$SCRIPT_PATH" | sed 's/^# \{0,1\}//' >&2
}

main() {
    local cmd=${1:-}
    case $cmd in
        up)
            [[ $(id -u) == 0 ]] || die "run as root (installs packages, runs as postgres)"
            take_lock
            pg_up
            rmq_up
            print_env
            ;;
        down)
            [[ $(id -u) == 0 ]] || die "run as root"
            take_lock
            local rc=0
            rmq_down || rc=1
            pg_down || rc=1
            return "$rc"
            ;;
        env)
            print_env
            ;;
        status)
            local rc=0
            pg_status || rc=3
            rmq_status || rc=3
            return "$rc"
            ;;
        rabbitmq-vhost)
            # A fresh virtual host for one test run (its queues start empty), after removing those of
            # runs with the same prefix started over an hour ago (another run may be going on now).
            # Prints the new vhost's name, "PREFIX-<epoch>-<pid>".
            local prefix=${2:?usage: infra.sh rabbitmq-vhost PREFIX}
            rmq_require_running
            local old started cutoff
            cutoff=$(( $(date +%s) - 3600 ))
            for old in $(rmq_ctl -q list_vhosts name | grep "^$prefix-" || true); do
                started=${old#"$prefix"-}
                started=${started%%-*}
                if [[ ! $started =~ ^[0-9]+$ ]] || (( started < cutoff )); then
                    rmq_ctl -q delete_vhost "$old" >&2
                fi
            done
            local vhost
            vhost="$prefix-$(date +%s)-$$"
            rmq_ctl -q add_vhost "$vhost" >&2
            rmq_ctl -q set_permissions -p "$vhost" guest '.*' '.*' '.*' >&2
            printf '%s\n' "$vhost"
            ;;
        rabbitmq-stop-app)
            rmq_require_running
            log "rabbitmqctl stop_app ($RMQ_NODE)"
            rmq_ctl -q stop_app >&2
            ;;
        rabbitmq-start-app)
            rmq_require_running
            log "rabbitmqctl start_app ($RMQ_NODE)"
            rmq_ctl -q start_app >&2
            rmq_wait $(($(now) + TIMEOUT))
            ;;
        -h | --help | help)
            usage
            ;;
        *)
            usage
            exit 2
            ;;
    esac
}

main "$@"
