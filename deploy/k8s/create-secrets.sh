#!/usr/bin/env bash
# Creates the two secrets the manifests here mount (README: "Securing a cluster"), before
# `kubectl apply -f deploy/k8s/`:
#   hypersearch-tls    ca.crt, silo.crt, silo.key  -> /etc/hypersearch/tls on every silo
#   hypersearch-redis  password                    -> /etc/hypersearch/redis/password, and Redis's --requirepass
#   deploy/k8s/create-secrets.sh CERT_DIR     (CERT_DIR from deploy/tls/make-dev-certs.sh, or your own CA's files)
# A new Redis password is drawn unless REDIS_PASSWORD is set. Needs kubectl pointed at the cluster.
set -euo pipefail
certs="${1:?usage: create-secrets.sh CERT_DIR}"
for f in ca.crt silo.crt silo.key; do
  [ -f "$certs/$f" ] || { echo "missing $certs/$f (make it with deploy/tls/make-dev-certs.sh)" >&2; exit 2; }
done
kubectl create secret generic hypersearch-tls \
  --from-file=ca.crt="$certs/ca.crt" --from-file=silo.crt="$certs/silo.crt" --from-file=silo.key="$certs/silo.key"
kubectl create secret generic hypersearch-redis \
  --from-literal=password="${REDIS_PASSWORD:-$(head -c 32 /dev/urandom | base64 | tr -d '/+=')}"
