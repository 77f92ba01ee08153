# Helpers sourced by build/test.sh: make sure the services the tests need exist and run.
# Everything is idempotent, so running the tests twice on one machine is fine.

WANDB_PG_PORT="${WANDB_PG_PORT:-55432}"
WANDB_PG_DIR="${WANDB_PG_DIR:-/tmp/wandb-test-postgres}"

_apt_install() {
  if [ "$(id -u)" != "0" ]; then
    echo "test.sh: '$*' is missing; install it (sudo apt-get install $*) and run again." >&2
    return 1
  fi
  if [ -z "${_WANDB_APT_UPDATED:-}" ]; then
    apt-get update -qq >/dev/null 2>&1 || true
    _WANDB_APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# Debian's Chromium for the browser tests of the HTML report (Playwright's own download does not work here).
ensure_chromium() {
  if [ ! -x /usr/bin/chromium ]; then
    echo "test.sh: installing chromium for the browser tests..."
    _apt_install chromium || return 1
  fi
  export WANDB_TEST_CHROMIUM="${WANDB_TEST_CHROMIUM:-/usr/bin/chromium}"
}

# A private PostgreSQL cluster on 127.0.0.1:$WANDB_PG_PORT for the shared-store tests.
ensure_postgres() {
  local bin
  bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)"
  if [ -z "$bin" ]; then
    echo "test.sh: installing postgresql for the shared-store tests..."
    _apt_install postgresql || return 1
    bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)"
  fi

  local run_as=()
  if [ "$(id -u)" = "0" ]; then
    # PostgreSQL refuses to run as root.
    run_as=(runuser -u postgres --)
  fi

  if [ ! -f "$WANDB_PG_DIR/data/PG_VERSION" ]; then
    mkdir -p "$WANDB_PG_DIR"
    [ "$(id -u)" = "0" ] && chown postgres:postgres "$WANDB_PG_DIR"
    "${run_as[@]}" "$bin/initdb" -D "$WANDB_PG_DIR/data" -U postgres --auth=trust -E UTF8 >/dev/null || return 1
  fi

  if ! "$bin/pg_isready" -q -h 127.0.0.1 -p "$WANDB_PG_PORT"; then
    if ! pgrep -f -- "-D $WANDB_PG_DIR/data" >/dev/null 2>&1; then
      # A server killed with the machine's last session leaves its pid and socket lock files; a pid in them
      # may now belong to another process, and PostgreSQL would refuse to start. Nothing of ours runs: drop them.
      rm -f "$WANDB_PG_DIR/data/postmaster.pid" "$WANDB_PG_DIR"/.s.PGSQL.*.lock
      "${run_as[@]}" "$bin/pg_ctl" -D "$WANDB_PG_DIR/data" -l "$WANDB_PG_DIR/server.log" -w -t 60 \
        -o "-p $WANDB_PG_PORT -k $WANDB_PG_DIR -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off" start >/dev/null || {
          tail -n 20 "$WANDB_PG_DIR/server.log" >&2; return 1; }
    fi

    local waited=0
    until "$bin/pg_isready" -q -h 127.0.0.1 -p "$WANDB_PG_PORT"; do
      if [ "$waited" -ge 60 ]; then
        echo "test.sh: PostgreSQL on 127.0.0.1:$WANDB_PG_PORT did not accept connections within 60 s." >&2
        tail -n 20 "$WANDB_PG_DIR/server.log" >&2
        return 1
      fi
      sleep 1
      waited=$((waited + 1))
    done
  fi

  "$bin/psql" -h 127.0.0.1 -p "$WANDB_PG_PORT" -U postgres -d postgres -tAc "SELECT 1 FROM pg_roles WHERE rolname='wandb'" | grep -q 1 \
    || "$bin/psql" -h 127.0.0.1 -p "$WANDB_PG_PORT" -U postgres -d postgres -qc "CREATE ROLE wandb LOGIN SUPERUSER PASSWORD 'wandb-test-secret'"
  "$bin/psql" -h 127.0.0.1 -p "$WANDB_PG_PORT" -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='wandb_test'" | grep -q 1 \
    || "$bin/psql" -h 127.0.0.1 -p "$WANDB_PG_PORT" -U postgres -d postgres -qc "CREATE DATABASE wandb_test OWNER wandb"

  export WANDB_TEST_POSTGRES="Host=127.0.0.1;Port=$WANDB_PG_PORT;Username=wandb;Password=wandb-test-secret;Database=wandb_test"
  export WANDB_TEST_POSTGRES_BIN="$bin"
  export WANDB_TEST_POSTGRES_DATA="$WANDB_PG_DIR/data"
}
