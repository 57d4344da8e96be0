# Shared by the start-up benchmarks (source it): start_until_ready READY OUT COMMAND... starts
# COMMAND in the background with its output in OUT, waits for the file READY, and sets
# STARTED_PID and READY_MS (milliseconds from the start to READY). Returns 1, with OUT printed,
# when the command ends before READY appears.
start_until_ready() {
  local ready=$1 out=$2 start end
  shift 2
  rm -f "$ready"
  start=$(date +%s%N)
  "$@" > "$out" 2>&1 &
  STARTED_PID=$!
  while [ ! -f "$ready" ]; do
    if ! kill -0 "$STARTED_PID" 2>/dev/null; then
      echo "ended before its window was ready:"; cat "$out"; return 1
    fi
    sleep 0.01
  done
  end=$(date +%s%N)
  READY_MS=$(( (end - start) / 1000000 ))
}
