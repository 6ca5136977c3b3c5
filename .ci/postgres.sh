# shellcheck shell=bash
# Start a throw-away PostgreSQL server for the store tests. Meant to be *sourced* (by .ci/run, as
# root, on a fresh Debian machine):
#
#     source .ci/postgres.sh        # installs PostgreSQL if absent, starts it, exports the URL
#     pytest                        # tests read SHAHID_TEST_POSTGRES_URL
#     shahid_pg_stop                # also run by the EXIT trap this script installs
#
# The server listens on 127.0.0.1 on a free port, with its data in a temporary folder, and
# runs as the `postgres` user (initdb refuses root). No systemd, no changes to the system's
# own clusters. Exports SHAHID_TEST_POSTGRES_URL=postgresql://shahid@127.0.0.1:PORT/shahid.

shahid_pg_log() { echo "postgres.sh: $*" >&2; }

shahid_pg_bindir() {
    local d
    for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then echo "$d"; return 0; fi
    done
    command -v initdb >/dev/null 2>&1 && dirname "$(command -v initdb)" && return 0
    return 1
}

shahid_pg_start() {
    local bindir
    if ! bindir=$(shahid_pg_bindir); then
        shahid_pg_log "installing PostgreSQL from Debian's packages"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq >/dev/null || { shahid_pg_log "apt-get update failed"; return 1; }
        apt-get install -y -qq postgresql >/dev/null || { shahid_pg_log "apt-get install postgresql failed"; return 1; }
        bindir=$(shahid_pg_bindir) || { shahid_pg_log "no initdb after installing postgresql"; return 1; }
    fi
    local runas=""
    if [ "$(id -u)" = 0 ]; then
        id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
        runas="postgres"
    fi
    _shahid_pg() {  # run a PostgreSQL binary as the server's user
        if [ -n "$runas" ]; then runuser -u "$runas" -- "$@"; else "$@"; fi
    }

    SHAHID_PG_DIR=$(mktemp -d /tmp/shahid-pg.XXXXXX)
    [ -n "$runas" ] && chown "$runas" "$SHAHID_PG_DIR"
    local port
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')

    _shahid_pg "$bindir/initdb" -D "$SHAHID_PG_DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 \
        >"$SHAHID_PG_DIR/initdb.log" 2>&1 \
        || _shahid_pg "$bindir/initdb" -D "$SHAHID_PG_DIR/data" -U postgres -A trust -E UTF8 --locale=C \
            >>"$SHAHID_PG_DIR/initdb.log" 2>&1 \
        || { shahid_pg_log "initdb failed:"; cat "$SHAHID_PG_DIR/initdb.log" >&2; return 1; }
    # Loopback only, socket in our folder, tuned for throw-away test data.
    _shahid_pg "$bindir/pg_ctl" -D "$SHAHID_PG_DIR/data" -l "$SHAHID_PG_DIR/server.log" -w -t 60 \
        -o "-h 127.0.0.1 -p $port -k $SHAHID_PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
        start >/dev/null \
        || { shahid_pg_log "server failed to start:"; cat "$SHAHID_PG_DIR/server.log" >&2; return 1; }
    SHAHID_PG_BINDIR=$bindir
    SHAHID_PG_RUNAS=$runas
    _shahid_pg "$bindir/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -q \
        -c "CREATE ROLE shahid LOGIN CREATEDB" -c "CREATE DATABASE shahid OWNER shahid" >/dev/null \
        || { shahid_pg_log "could not create the test database"; shahid_pg_stop; return 1; }
    export SHAHID_TEST_POSTGRES_URL="postgresql://shahid@127.0.0.1:$port/shahid"
    export SHAHID_PG_DIR SHAHID_PG_BINDIR SHAHID_PG_RUNAS
    shahid_pg_log "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port ($SHAHID_PG_DIR)"
}

shahid_pg_stop() {
    [ -n "${SHAHID_PG_DIR:-}" ] && [ -d "$SHAHID_PG_DIR/data" ] || return 0
    if [ -n "${SHAHID_PG_RUNAS:-}" ]; then
        runuser -u "$SHAHID_PG_RUNAS" -- "$SHAHID_PG_BINDIR/pg_ctl" -D "$SHAHID_PG_DIR/data" -m immediate -w stop \
            >/dev/null 2>&1
    else
        "$SHAHID_PG_BINDIR/pg_ctl" -D "$SHAHID_PG_DIR/data" -m immediate -w stop >/dev/null 2>&1
    fi
    rm -rf "$SHAHID_PG_DIR"
    unset SHAHID_PG_DIR SHAHID_TEST_POSTGRES_URL
}

if shahid_pg_start; then
    # Chain with an EXIT trap the sourcing script may already have.
    _shahid_prev_trap=$(trap -p EXIT | sed -E "s/^trap -- '(.*)' EXIT$/\1/")
    # shellcheck disable=SC2064
    trap "shahid_pg_stop${_shahid_prev_trap:+; $_shahid_prev_trap}" EXIT
else
    shahid_pg_log "no PostgreSQL: the postgres store tests will fail in CI (CI=${CI:-unset})"
fi
