#!/bin/sh
# The server migrates (under an advisory lock, so replicas never race) and loads the demo territory on an
# empty database by itself; the entrypoint only checks the configuration and hands over with exec so the
# server receives SIGTERM directly and shuts down cleanly.
set -eu
if [ "${NODE_ENV:-production}" = "production" ] && [ -z "${JWT_SECRET:-}" ]; then
  echo "JWT_SECRET must be set (at least 32 characters)" >&2
  exit 1
fi
exec "$@"
