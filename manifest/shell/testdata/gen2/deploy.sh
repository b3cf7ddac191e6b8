#!/usr/bin/env bash
set -euo pipefail

TOPIC_ID="samples"
cd "$(dirname "$0")"

case "$1" in
  start)
    NAME="samples-start"
    ENTRY=Start
    FLAGS="--trigger-http"
    ;;
  hook)
    NAME="samples-hook"
    ENTRY=Hook
    FLAGS="--trigger-topic ${TOPIC_ID}"
    ;;
  *)
    echo "usage: $0 start|hook"
    exit 1
    ;;
esac

gcloud functions deploy "${NAME}" \
  --gen2 \
  --runtime go122 \
  --source . \
  --entry-point "$ENTRY" \
  ${FLAGS} \
  --set-env-vars "PROJECT=$(gcloud config get-value project)" \
  --set-env-vars "TOPIC_ID=${TOPIC_ID}"
