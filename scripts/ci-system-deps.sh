#!/usr/bin/env bash
# Debian packages and loopback services some tests need: tmux (drives the setup wizard in a real terminal), dbus +
# gnome-keyring (a real Secret Service for the keychain test), Redis and PostgreSQL (shared buckets, replicas).
#   eval "$(bash scripts/ci-system-deps.sh start)"   # installs if missing, starts, prints `export ...` lines
#   bash scripts/ci-system-deps.sh stop
# Tests read the exported URLs and skip (with a message) when a service could not be started.
set -uo pipefail
STATE_DIR="${SP_API_MCP_SERVICES_DIR:-${TMPDIR:-/tmp}/sp-api-mcp-services}"

log() { echo "ci-system-deps: $*" >&2; }

apt_install() {
  # $@: Debian packages. Quiet, non-interactive; apt-get update only when something is missing.
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ "${#missing[@]}" -eq 0 ] && return 0
  command -v apt-get >/dev/null 2>&1 || { log "apt-get not available; cannot install ${missing[*]}"; return 1; }
  log "installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null 2>&1
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1
}

# ---- tmux, dbus, gnome-keyring (issue 12: setup wizard, keychain); the tests start what they need ----
desktop_tools_install() {
  apt_install tmux dbus dbus-daemon gnome-keyring || log "could not install tmux/dbus/gnome-keyring; tests needing them will skip"
}

# ---- Redis and PostgreSQL (issue 14: shared throttle buckets, replicated store) ----
REDIS_PORT="${SP_API_MCP_TEST_REDIS_PORT:-6391}"
PG_PORT="${SP_API_MCP_TEST_PG_PORT:-5441}"

redis_postgres_start() {
  apt_install redis-server postgresql || log "package install failed; starting what is present"
  mkdir -p "$STATE_DIR"
  # Redis: no persistence, loopback only.
  if command -v redis-server >/dev/null 2>&1; then
    redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
      --dir "$STATE_DIR" --pidfile "$STATE_DIR/redis.pid" --logfile "$STATE_DIR/redis.log" >/dev/null 2>&1
    for _ in $(seq 1 50); do
      redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break
      sleep 0.1
    done
    if redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; then
      echo "export SP_API_MCP_TEST_REDIS_URL=redis://127.0.0.1:$REDIS_PORT"
    else
      log "redis-server did not start (see $STATE_DIR/redis.log)"
    fi
  else
    log "redis-server not installed"
  fi
  # PostgreSQL: a throwaway cluster owned by the postgres user (initdb refuses root), trust auth on loopback.
  local bin
  bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
  if [ -n "$bin" ] && [ -x "$bin/initdb" ] && id postgres >/dev/null 2>&1; then
    local data="$STATE_DIR/pg"
    # The postgres user may not be able to read the checkout's directory: run its tools from the state directory.
    cd "$STATE_DIR" || return 0
    local as_pg=(runuser -u postgres --)
    [ "$(id -u)" -ne 0 ] && as_pg=()
    if [ ! -f "$data/PG_VERSION" ]; then
      rm -rf "$data"
      mkdir -p "$data" && chown postgres "$STATE_DIR" "$data" 2>/dev/null
      "${as_pg[@]}" "$bin/initdb" -D "$data" -U postgres -A trust >"$STATE_DIR/initdb.log" 2>&1
    fi
    chown postgres "$STATE_DIR" 2>/dev/null
    "${as_pg[@]}" "$bin/pg_ctl" -D "$data" -l "$STATE_DIR/pg.log" -w -t 30 \
      -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$STATE_DIR -c fsync=off -c max_connections=200" \
      start >/dev/null 2>&1
    if "$bin/pg_isready" -h 127.0.0.1 -p "$PG_PORT" >/dev/null 2>&1; then
      echo "export SP_API_MCP_TEST_DATABASE_URL=postgres://postgres@127.0.0.1:$PG_PORT/postgres"
    else
      log "postgresql did not start (see $STATE_DIR/pg.log)"
    fi
  else
    log "postgresql not installed"
  fi
}

redis_postgres_stop() {
  [ -f "$STATE_DIR/redis.pid" ] && kill "$(cat "$STATE_DIR/redis.pid")" 2>/dev/null
  local bin
  bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
  if [ -n "$bin" ] && [ -f "$STATE_DIR/pg/postmaster.pid" ]; then
    local as_pg=(runuser -u postgres --)
    [ "$(id -u)" -ne 0 ] && as_pg=()
    "${as_pg[@]}" "$bin/pg_ctl" -D "$STATE_DIR/pg" -m fast stop >/dev/null 2>&1
  fi
  rm -rf "$STATE_DIR"
}

case "${1:-start}" in
  start)
    desktop_tools_install
    redis_postgres_start
    ;;
  stop) redis_postgres_stop ;;
  *) log "usage: $0 start|stop"; exit 2 ;;
esac
exit 0
