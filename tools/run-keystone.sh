#!/usr/bin/env bash
# Run a real OpenStack Keystone on loopback, for the tests marked "keystone".
#
#   tools/run-keystone.sh start DIR PORT   prints the auth URL once GET /v3 answers
#   tools/run-keystone.sh stop DIR         stops it and waits for the exit
#
# Keystone lives in its own venv, never in the project's environment:
#   KEYSTONE_VENV            default ~/.cache/novatoolkit/keystone-venv (kept and reused)
#   KEYSTONE_PYTHON          interpreter for a new venv (>= 3.11), default python3
#   KEYSTONE_CONSTRAINTS     optional pip constraints file or URL for the install
#   KEYSTONE_ADMIN_PASSWORD  password of the bootstrap admin, default keystone-admin
#   KEYSTONE_START_TIMEOUT   seconds to wait for GET /v3, default 60
# Everything else (config, SQLite DB, keys, logs, pid) lives in DIR.  Only the
# auth URL goes to stdout; progress and errors go to stderr.
set -euo pipefail

KEYSTONE_REQS=(keystone==30.0.0 gunicorn==27.0.1)
VENV=${KEYSTONE_VENV:-$HOME/.cache/novatoolkit/keystone-venv}
ADMIN_PASSWORD=${KEYSTONE_ADMIN_PASSWORD:-keystone-admin}
START_TIMEOUT=${KEYSTONE_START_TIMEOUT:-60}

log() { echo "run-keystone: $*" >&2; }
die() { log "$*"; exit 1; }
usage() { echo "usage: $0 start DIR PORT | stop DIR" >&2; exit 2; }

# True when PID is a live (not zombie) gunicorn serving our wrapper module.
is_ours() {
    local pid=$1 state cmdline
    [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
    state=$(sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null | cut -d' ' -f1) || return 1
    cmdline=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
    [[ $state != Z && $cmdline == *keystone_wsgi:application* ]]
}

running_pid() {
    local pid
    pid=$(cat "$DIR/keystone.pid" 2>/dev/null) || return 1
    is_ours "$pid" && echo "$pid"
}

# GET URL with a hard timeout: a stuck worker accepts connections and never answers.
probe() { curl -fsS --max-time 3 -o /dev/null "$1" 2>/dev/null; }

venv_works() {
    [[ -x $VENV/bin/gunicorn && -x $VENV/bin/keystone-manage ]] &&
        "$VENV/bin/python" - "${KEYSTONE_REQS[@]}" <<'EOF' 2>/dev/null
import sys
from importlib import metadata
for req in sys.argv[1:]:
    name, version = req.split('==')
    assert metadata.version(name) == version, req
EOF
}

ensure_venv() {
    mkdir -p "$(dirname "$VENV")"
    exec 9>"$VENV.lock"
    flock 9  # two sessions building the same venv would corrupt it
    if venv_works; then
        exec 9>&-
        return
    fi
    local python=${KEYSTONE_PYTHON:-python3} started=$SECONDS
    "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' ||
        die "keystone 30 needs Python >= 3.11; set KEYSTONE_PYTHON"
    log "installing ${KEYSTONE_REQS[*]} into $VENV"
    [[ -x $VENV/bin/python ]] || "$python" -m venv --clear "$VENV"
    local constraints=()
    [[ -n ${KEYSTONE_CONSTRAINTS:-} ]] && constraints=(-c "$KEYSTONE_CONSTRAINTS")
    # NOTE: the filter drops a harmless warning this machine's pip.conf causes.
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check \
        "${constraints[@]}" "${KEYSTONE_REQS[@]}" 2>&1 |
        { grep -v "is ignored: it is neither a file nor a directory" || true; } >&2 ||
        die "pip install into $VENV failed"
    venv_works || die "$VENV still lacks ${KEYSTONE_REQS[*]} after pip install"
    log "venv ready in $((SECONDS - started)) s"
    exec 9>&-
}

write_config() {
    mkdir -p "$DIR/etc" "$DIR/log" "$DIR/fernet-keys" "$DIR/credential-keys"
    # Low bcrypt cost and an in-process cache keep token calls around 10-20 ms;
    # one gunicorn worker keeps that cache coherent.
    cat >"$DIR/etc/keystone.conf" <<EOF
[DEFAULT]
log_file = $DIR/log/keystone.log
use_stderr = false

[database]
connection = sqlite:///$DIR/keystone.db

[token]
provider = fernet

[fernet_tokens]
key_repository = $DIR/fernet-keys

[credential]
key_repository = $DIR/credential-keys

[identity]
password_hash_rounds = 4

[cache]
enabled = true
backend = dogpile.cache.memory
EOF
    # Keystone parses sys.argv with oslo.config, so gunicorn's own arguments
    # must be hidden from it before the application is built.
    cat >"$DIR/keystone_wsgi.py" <<'EOF'
import sys

sys.argv[1:] = []

from keystone.server import wsgi  # noqa: E402

application = wsgi.initialize_public_application()
EOF
}

# keystone-manage COMMAND ARGS..., logged to DIR/log/manage-COMMAND.log
manage() {
    PYTHONWARNINGS=ignore "$VENV/bin/keystone-manage" --config-file "$DIR/etc/keystone.conf" \
        "$@" >"$DIR/log/manage-$1.log" 2>&1
}

init_keystone() {
    local url=$1 marker=$DIR/.bootstrapped
    if [[ $(cat "$marker" 2>/dev/null) == "$url" ]]; then
        return
    fi
    local started=$SECONDS pids=() failed=0 pid
    local owner=(--keystone-user "$(id -un)" --keystone-group "$(id -gn)")
    if [[ ! -f $marker ]]; then
        # Key setup never touches the database, so it runs alongside db_sync.
        manage db_sync &
        pids+=($!)
        manage fernet_setup "${owner[@]}" &
        pids+=($!)
        manage credential_setup "${owner[@]}" &
        pids+=($!)
        for pid in "${pids[@]}"; do
            wait "$pid" || failed=1
        done
        if ((failed)); then
            tail -n 20 "$DIR"/log/manage-*.log >&2
            die "keystone-manage setup failed"
        fi
    fi
    manage bootstrap --bootstrap-password "$ADMIN_PASSWORD" \
        --bootstrap-admin-url "$url/" --bootstrap-internal-url "$url/" \
        --bootstrap-public-url "$url/" --bootstrap-region-id RegionOne ||
        { tail -n 20 "$DIR/log/manage-bootstrap.log" >&2; die "keystone-manage bootstrap failed"; }
    echo "$url" >"$marker"
    log "initialised in $((SECONDS - started)) s"
}

fail_start() {
    log "$1; last lines of the logs:"
    tail -n 15 "$DIR/log/gunicorn.log" "$DIR/log/keystone.log" >&2 2>/dev/null || true
    if is_ours "$LAUNCHED"; then
        kill -TERM "$LAUNCHED" 2>/dev/null || true
    fi
    exit 1
}

cmd_start() {
    local port=$1 url pid started=$SECONDS
    [[ $port =~ ^[0-9]+$ ]] || usage
    url=http://127.0.0.1:$port/v3
    if pid=$(running_pid); then
        [[ $(cat "$DIR/keystone.port" 2>/dev/null) == "$port" ]] ||
            die "already running in $DIR (pid $pid) on another port"
        probe "$url" || die "running (pid $pid) but $url does not answer"
        echo "$url"
        return
    fi
    rm -f "$DIR/keystone.pid"
    # Otherwise the readiness probe could be answered by whatever holds the port.
    if (: <"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        die "127.0.0.1:$port is already in use"
    fi
    ensure_venv
    write_config
    init_keystone "$url"
    echo "$port" >"$DIR/keystone.port"
    # setsid: the server outlives this script; "stop" ends it.  Its output goes
    # to a file so a caller capturing ours is not held open.
    OS_KEYSTONE_CONFIG_DIR=$DIR/etc PYTHONWARNINGS=ignore setsid "$VENV/bin/gunicorn" \
        --chdir "$DIR" --bind "127.0.0.1:$port" --workers 1 --worker-class gthread --threads 8 \
        --graceful-timeout 5 --no-control-socket --pid "$DIR/keystone.pid" \
        --error-logfile "$DIR/log/gunicorn.log" keystone_wsgi:application \
        </dev/null >>"$DIR/log/gunicorn.log" 2>&1 &
    LAUNCHED=$!
    local deadline=$((SECONDS + START_TIMEOUT))
    until probe "$url"; do
        is_ours "$LAUNCHED" || fail_start "gunicorn exited"
        ((SECONDS < deadline)) || fail_start "no answer from $url after $START_TIMEOUT s"
        sleep 0.3
    done
    log "keystone answering on $url (pid $(cat "$DIR/keystone.pid"), $((SECONDS - started)) s)"
    echo "$url"
}

cmd_stop() {
    local pid i
    pid=$(running_pid) || { rm -f "$DIR/keystone.pid"; log "not running in $DIR"; return; }
    kill -TERM "$pid"
    for ((i = 0; i < 100; i++)); do
        is_ours "$pid" || { rm -f "$DIR/keystone.pid"; log "stopped (pid $pid)"; return; }
        sleep 0.2
    done
    log "pid $pid ignored SIGTERM for 20 s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
    for ((i = 0; i < 25; i++)); do
        is_ours "$pid" || { rm -f "$DIR/keystone.pid"; return; }
        sleep 0.2
    done
    die "pid $pid did not exit"
}

case ${1:-} in
    start) (($# == 3)) || usage ;;
    stop) (($# == 2)) || usage ;;
    *) usage ;;
esac
[[ $1 == start ]] && mkdir -p "$2"
[[ -d $2 ]] || die "no such directory: $2"
DIR=$(cd "$2" && pwd)
case $1 in
    start) cmd_start "$3" ;;
    stop) cmd_stop ;;
esac
