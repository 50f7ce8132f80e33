#!/usr/bin/env bash
# Runs the whole bhrpc.NET test suite: `./test.sh` (extra arguments go to `dotnet test`).
# It installs what the suite needs and is missing, starts the servers the tests use on loopback,
# runs `dotnet test bhrpc.sln`, stops what it started, and ends with one line "N passed, N failed".
# Under CI=true a missing tool is a failure, never a skipped test.
set -euo pipefail
cd "$(dirname "$0")"

log() { printf '[test.sh] %s\n' "$*"; }

if ! command -v dotnet >/dev/null 2>&1; then
  log "the .NET SDK (dotnet) is not on PATH; install .NET 10 and run again."
  exit 1
fi

run_dir="$(pwd)/.test-run"
rm -rf "$run_dir"
mkdir -p "$run_dir"

cleanup() {
  if [ "${servers_started:-0}" = 1 ]; then
    scripts/test-servers.sh stop "$run_dir/servers" || true
  fi
}
trap cleanup EXIT

# The local registry used by the tests lives in temp folders the tests create and delete themselves;
# ZooKeeper and etcd are real servers on 127.0.0.1, started here and stopped on exit.
export BHRPC_TEST_RUN_DIR="$run_dir"
servers_started=0
if server_env=$(scripts/test-servers.sh start "$run_dir/servers"); then
  eval "$server_env"
  servers_started=1
elif [ "${CI:-}" = "true" ]; then
  log "could not start ZooKeeper and etcd; under CI=true that is a failure"
  scripts/test-servers.sh stop "$run_dir/servers" || true
  exit 1
else
  log "could not start ZooKeeper and etcd: their tests will be reported as ignored (CI=true makes this a failure)"
fi

log "building"
dotnet build bhrpc.sln -c Release -nologo -v quiet -clp:ErrorsOnly

log "running dotnet test bhrpc.sln"
set +e
dotnet test bhrpc.sln -c Release --no-build -nologo "$@" 2>&1 | tee "$run_dir/test-output.txt"
status=${PIPESTATUS[0]}
set -e

# The README's first command must keep working: run the demo on the local registry with each
# serializer, then on ZooKeeper and etcd.
demo_runs=("" "--serializer protobuf" "--serializer hessian2")
if [ "${servers_started:-0}" = 1 ]; then
  demo_runs+=("--registry zookeeper://${BHRPC_TEST_ZOOKEEPER}" "--registry etcd://${BHRPC_TEST_ETCD}")
fi
for demo_args in "${demo_runs[@]}"; do
  log "running the demo${demo_args:+ with $demo_args}"
  # shellcheck disable=SC2086 # the arguments are split on purpose
  if ! timeout 300 dotnet run -c Release --no-build --project demo/Bhrpc.Demo -- $demo_args > "$run_dir/demo.txt" 2>&1; then
    log "the demo failed${demo_args:+ with $demo_args}:"
    cat "$run_dir/demo.txt"
    status=1
  else
    tail -n 1 "$run_dir/demo.txt"
  fi
done

# The Generic Host demo: a provider in the background and a consumer making three calls.
log "running the Generic Host demo (Bhrpc.Boot.Provider + Bhrpc.Boot.Consumer)"
boot_registry="local://$run_dir/boot-registry"
Bhrpc__Registry="$boot_registry" Bhrpc__Server__Port=0 Health__Port=0 \
  timeout 300 dotnet run -c Release --no-build --project demo/Bhrpc.Boot.Provider > "$run_dir/boot-provider.txt" 2>&1 &
boot_provider=$!
# Wait (bounded) until the provider has registered: the local registry is a folder of instance files.
for _ in $(seq 1 150); do
  if find "$run_dir/boot-registry" -name '*.json' 2>/dev/null | grep -q .; then
    break
  fi
  sleep 0.2
done
if Bhrpc__Registry="$boot_registry" timeout 120 dotnet run -c Release --no-build --project demo/Bhrpc.Boot.Consumer -- --calls 3 > "$run_dir/boot-consumer.txt" 2>&1; then
  grep -E "done, [0-9]+ failed" "$run_dir/boot-consumer.txt" | tail -n 1 || true
else
  log "the Generic Host demo consumer failed:"
  cat "$run_dir/boot-consumer.txt" "$run_dir/boot-provider.txt"
  status=1
fi
kill -TERM "$boot_provider" 2>/dev/null || true
wait "$boot_provider" 2>/dev/null || true

# One closing line for the whole run, summed over the test projects.
sum() { grep -Eo "$1: +[0-9]+" "$run_dir/test-output.txt" | awk '{ n += $2 } END { print n + 0 }'; }
passed=$(sum Passed)
failed=$(sum Failed)
skipped=$(sum Skipped)
if [ "$status" -eq 0 ] && [ "$passed" -eq 0 ]; then
  log "dotnet test ran no test"
  status=1
fi
# Stop the servers first, so that the summary is the last line.
cleanup
servers_started=0
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
exit "$status"
