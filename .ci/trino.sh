#!/usr/bin/env bash
# A local Trino for the test suite, built from Maven Central artifacts (no Docker):
#   .ci/trino.sh start    install when missing, start, wait until it answers queries
#   .ci/trino.sh stop     stop it
#   .ci/trino.sh status   print whether it answers
#   .ci/trino.sh env      print the environment variables the tests read
# Sourced by .ci/run; also usable by hand.
#
# Security model of this test server (etc/rules.json):
#   - user querybench_loader may write to the memory catalog (tests load sample data with it);
#   - every other user, e.g. querybench, may only read (file-based access control, catalog read-only).
set -euo pipefail

TRINO_SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TRINO_VERSION=476
TRINO_PORT=${QUERYBENCH_TRINO_PORT:-18080}
TRINO_CACHE=${QUERYBENCH_CI_CACHE:-$HOME/.cache/querybench}
TRINO_HOME="$TRINO_CACHE/trino-server-$TRINO_VERSION"
TRINO_JAVA_HOME=${TRINO_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
TRINO_LOADER_USER=querybench_loader   # must match .ci/trino/rules.json
TRINO_READER_USER=querybench

trino_log() { printf '[trino] %s\n' "$*" >&2; }

trino_fetch() {
  # The system Maven fetches from Maven Central into a scratch folder; the wrapper is not needed here.
  local dest=$1 artifact=$2
  # run outside the repository so Maven does not read the project's POM
  (cd "$dest" && mvn -q -B dependency:copy -Dartifact="$artifact" -DoutputDirectory="$dest" -Dmdep.overWriteIfNewer=true)
}

trino_install() {
  if [ -x "$TRINO_HOME/bin/launcher" ] && [ -d "$TRINO_HOME/plugin/memory" ] && [ -d "$TRINO_HOME/plugin/tpch" ]; then
    return
  fi
  trino_log "installing Trino $TRINO_VERSION into $TRINO_HOME"
  local downloads="$TRINO_CACHE/downloads"
  mkdir -p "$downloads"
  trino_fetch "$downloads" "io.trino:trino-server-core:$TRINO_VERSION:tar.gz"
  trino_fetch "$downloads" "io.trino:trino-tpch:$TRINO_VERSION:zip"
  trino_fetch "$downloads" "io.trino:trino-memory:$TRINO_VERSION:zip"
  local tmp
  tmp=$(mktemp -d "$TRINO_CACHE/unpack.XXXXXX")
  tar -xzf "$downloads/trino-server-core-$TRINO_VERSION.tar.gz" -C "$tmp"
  local server
  server=$(find "$tmp" -mindepth 1 -maxdepth 1 -type d | head -n 1)
  mkdir -p "$server/plugin"
  for plugin in tpch memory; do
    unzip -q "$downloads/trino-$plugin-$TRINO_VERSION.zip" -d "$tmp/$plugin"
    mv "$(find "$tmp/$plugin" -mindepth 1 -maxdepth 1 -type d | head -n 1)" "$server/plugin/$plugin"
  done
  rm -rf "$TRINO_HOME"
  mv "$server" "$TRINO_HOME"
  rm -rf "$tmp"
}

trino_configure() {
  local etc="$TRINO_HOME/etc" data="$TRINO_CACHE/trino-data"
  mkdir -p "$etc/catalog" "$data" "$TRINO_CACHE/trino-tmp"
  cat >"$etc/node.properties" <<EOF
node.environment=querybench_test
node.id=querybench-test-node
node.data-dir=$data
node.bind-ip=127.0.0.1
node.internal-address=127.0.0.1
EOF
  cat >"$etc/config.properties" <<EOF
coordinator=true
node-scheduler.include-coordinator=true
http-server.http.port=$TRINO_PORT
discovery.uri=http://127.0.0.1:$TRINO_PORT
query.max-memory=1GB
query.max-memory-per-node=512MB
query.max-execution-time=30m
EOF
  cat >"$etc/jvm.config" <<EOF
-server
-Xmx2G
-XX:+UseG1GC
-XX:+ExitOnOutOfMemoryError
-Djdk.attach.allowAttachSelf=true
-Djava.io.tmpdir=$TRINO_CACHE/trino-tmp
EOF
  cat >"$etc/log.properties" <<EOF
io.trino=WARN
EOF
  echo "connector.name=tpch" >"$etc/catalog/tpch.properties"
  printf 'connector.name=memory\nmemory.max-data-per-node=256MB\n' >"$etc/catalog/memory.properties"
  # the same rules as docker-compose.test.yml mounts: querybench_loader writes, everyone else reads
  printf 'access-control.name=file\nsecurity.config-file=%s\n' "$etc/rules.json" >"$etc/access-control.properties"
  cp "$TRINO_SCRIPT_DIR/trino/rules.json" "$etc/rules.json"
}

trino_answers() {
  # Ready means: not starting any more, and a query runs.
  curl -fsS --max-time 3 "http://127.0.0.1:$TRINO_PORT/v1/info" 2>/dev/null | grep -q '"starting":false' || return 1
  local next
  next=$(curl -fsS --max-time 5 -X POST -H "X-Trino-User: $TRINO_READER_USER" --data 'SELECT 1' \
    "http://127.0.0.1:$TRINO_PORT/v1/statement" 2>/dev/null) || return 1
  for _ in $(seq 1 20); do
    case "$next" in
      *'"state":"FINISHED"'*) return 0 ;;
      *'"error"'*) return 1 ;;
    esac
    local uri
    uri=$(printf '%s' "$next" | sed -n 's/.*"nextUri":"\([^"]*\)".*/\1/p')
    [ -n "$uri" ] || { case "$next" in *'"data"'*) return 0 ;; *) return 1 ;; esac; }
    next=$(curl -fsS --max-time 5 -H "X-Trino-User: $TRINO_READER_USER" "$uri" 2>/dev/null) || return 1
  done
  return 1
}

trino_start() {
  if trino_answers; then
    trino_log "already answering on 127.0.0.1:$TRINO_PORT"
    return
  fi
  trino_install
  trino_configure
  trino_log "starting on 127.0.0.1:$TRINO_PORT"
  JAVA_HOME="$TRINO_JAVA_HOME" PATH="$TRINO_JAVA_HOME/bin:$PATH" "$TRINO_HOME/bin/launcher" start >&2
  # the launcher returns 0 even when the server exits on a bad property, so poll for an answer
  local waited=0
  until trino_answers; do
    if [ "$waited" -ge 180 ]; then
      trino_log "no answer after ${waited}s; last server log lines:"
      tail -n 40 "$TRINO_CACHE/trino-data/var/log/server.log" >&2 || true
      return 1
    fi
    sleep 2
    waited=$((waited + 2))
  done
  trino_log "ready after ${waited}s"
}

trino_stop() {
  if [ -x "$TRINO_HOME/bin/launcher" ]; then
    JAVA_HOME="$TRINO_JAVA_HOME" "$TRINO_HOME/bin/launcher" stop >&2 || true
  fi
}

trino_env() {
  echo "QUERYBENCH_TEST_TRINO_URL=jdbc:trino://127.0.0.1:$TRINO_PORT"
  echo "QUERYBENCH_TEST_TRINO_USER=$TRINO_READER_USER"
  echo "QUERYBENCH_TEST_TRINO_LOADER_USER=$TRINO_LOADER_USER"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  case "${1:-}" in
    start) trino_start ;;
    stop) trino_stop ;;
    status) if trino_answers; then echo "Trino answers on 127.0.0.1:$TRINO_PORT"; else echo "Trino does not answer"; exit 1; fi ;;
    env) trino_env ;;
    *) echo "usage: $0 start|stop|status|env" >&2; exit 2 ;;
  esac
fi
