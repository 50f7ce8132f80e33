#!/usr/bin/env bash
# Starts and stops the real servers the tests use, on 127.0.0.1 with temporary data folders.
#   scripts/test-servers.sh start RUN_DIR   installs what is missing (Debian packages: zookeeper,
#                                           etcd-server, etcd-client, libhessian-java, a JDK), starts ZooKeeper
#                                           and etcd, and prints `export NAME=value` lines for the tests
#   scripts/test-servers.sh stop RUN_DIR    stops what `start` started, by PID
# Under CI=true a server that cannot be installed or started is an error (exit 1).
set -euo pipefail

cmd=${1:?usage: test-servers.sh start|stop RUN_DIR}
run_dir=${2:?usage: test-servers.sh start|stop RUN_DIR}
mkdir -p "$run_dir"

log() { printf '[test-servers] %s\n' "$*" >&2; }

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

wait_for_port() { # port seconds
  local deadline=$((SECONDS + $2))
  while ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      return 1
    fi
    sleep 0.2
  done
  exec 3>&- 3<&- 2>/dev/null || true
}

ensure_packages() {
  local missing=()
  [ -x /usr/share/zookeeper/bin/zkServer.sh ] || missing+=(zookeeper)
  command -v etcd >/dev/null 2>&1 || missing+=(etcd-server)
  command -v etcdctl >/dev/null 2>&1 || missing+=(etcd-client)
  command -v javac >/dev/null 2>&1 || missing+=(default-jdk-headless)
  # Hessian's reference implementation, for the byte-for-byte interop tests.
  [ -f /usr/share/java/hessian.jar ] || missing+=(libhessian-java)
  if [ "${#missing[@]}" -gt 0 ]; then
    log "installing ${missing[*]}"
    if [ "$(id -u)" -ne 0 ]; then
      log "need root to apt-get install ${missing[*]}"
      return 1
    fi
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

start_zookeeper() {
  local dir="$run_dir/zookeeper" port
  mkdir -p "$dir/data" "$dir/logs"
  port=$(free_port)
  cat > "$dir/zoo.cfg" <<CFG
tickTime=500
initLimit=10
syncLimit=5
dataDir=$dir/data
clientPort=$port
clientPortAddress=127.0.0.1
admin.enableServer=false
4lw.commands.whitelist=*
minSessionTimeout=1000
maxSessionTimeout=60000
CFG
  ZOO_LOG_DIR="$dir/logs" ZOO_LOG4J_PROP="INFO,ROLLINGFILE" \
    setsid /usr/share/zookeeper/bin/zkServer.sh start-foreground "$dir/zoo.cfg" >"$dir/server.out" 2>&1 &
  echo $! > "$dir/pid"
  if ! wait_for_port "$port" 60; then
    log "ZooKeeper did not open 127.0.0.1:$port; its output:"
    tail -n 30 "$dir/server.out" >&2 || true
    return 1
  fi
  echo "export BHRPC_TEST_ZOOKEEPER=127.0.0.1:$port"
  echo "export BHRPC_TEST_ZOOKEEPER_CFG=$dir/zoo.cfg"
  log "ZooKeeper on 127.0.0.1:$port (pid $(cat "$dir/pid"))"
}

start_etcd() {
  local dir="$run_dir/etcd" port peer
  mkdir -p "$dir"
  port=$(free_port)
  peer=$(free_port)
  setsid etcd --name bhrpc-test --data-dir "$dir/data" \
    --listen-client-urls "http://127.0.0.1:$port" --advertise-client-urls "http://127.0.0.1:$port" \
    --listen-peer-urls "http://127.0.0.1:$peer" --initial-advertise-peer-urls "http://127.0.0.1:$peer" \
    --initial-cluster "bhrpc-test=http://127.0.0.1:$peer" >"$dir/server.out" 2>&1 &
  echo $! > "$dir/pid"
  if ! wait_for_port "$port" 60; then
    log "etcd did not open 127.0.0.1:$port; its output:"
    tail -n 30 "$dir/server.out" >&2 || true
    return 1
  fi
  echo "export BHRPC_TEST_ETCD=127.0.0.1:$port"
  log "etcd on 127.0.0.1:$port (pid $(cat "$dir/pid"))"
}

stop_all() {
  for name in zookeeper etcd; do
    local pidfile="$run_dir/$name/pid"
    if [ -f "$pidfile" ]; then
      local pid
      pid=$(cat "$pidfile")
      # setsid made the server a process-group leader: stop the group (zkServer.sh starts java as a child).
      kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
      done
      kill -KILL -- "-$pid" 2>/dev/null || true
      rm -f "$pidfile"
      log "stopped $name (pid $pid)"
    fi
  done
}

case "$cmd" in
  start)
    ensure_packages
    start_zookeeper
    start_etcd
    echo "export BHRPC_TEST_HESSIAN_JAR=/usr/share/java/hessian.jar"
    ;;
  stop)
    stop_all
    ;;
  *)
    log "unknown command '$cmd'; expected start or stop"
    exit 2
    ;;
esac
