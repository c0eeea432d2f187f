#!/bin/sh
# Runs "$@" and runs it again each time restart.sh asks (Tilt live update);
# otherwise exits with the command's status, so the pod restarts as usual.
state=/tmp/.tilt-process
pid=""
trap 'if [ -n "$pid" ]; then kill -TERM "$pid" 2>/dev/null; wait "$pid"; fi; exit 143' TERM INT
while true; do
  rm -f "$state.restart"
  "$@" &
  pid=$!
  echo "$pid" >"$state.pid"
  wait "$pid"
  code=$?
  if [ ! -f "$state.restart" ]; then
    exit "$code"
  fi
  echo "tilt: restarting $1"
done
