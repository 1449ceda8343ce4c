#!/usr/bin/env bash
# A development CA and certificates for a TLS cluster (README: "Securing a cluster").
#   deploy/tls/make-dev-certs.sh OUT_DIR [SILO_HOST ...]
# Writes into OUT_DIR:
#   ca.crt, ca.key            the cluster's CA: only certificates it signed may connect (keep ca.key offline)
#   silo.crt, silo.key        for every silo (server and client authentication: silos call each other);
#                             names localhost, 127.0.0.1 and each SILO_HOST given
#   console.crt, console.key  for the hypersearch console (client authentication)
# Needs Debian's openssl. Keys are ECDSA P-256, unencrypted (file mode 600); certificates last 825 days.
set -euo pipefail
out="${1:?usage: make-dev-certs.sh OUT_DIR [SILO_HOST ...]}"; shift
mkdir -p "$out"
cd "$out"
umask 077

san="DNS:localhost,IP:127.0.0.1"
for host in "$@"; do
  if [[ "$host" =~ ^[0-9.]+$ ]]; then san="$san,IP:$host"; else san="$san,DNS:$host"; fi
done

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 825 \
  -keyout ca.key -out ca.crt -subj "/CN=HyperSearch development CA" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null

# issue NAME EXTENDED_KEY_USAGE [SUBJECT_ALT_NAMES]
issue() {
  local name="$1" usage="$2" names="${3:-}"
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -keyout "$name.key" -out "$name.csr" -subj "/CN=hypersearch-$name" 2>/dev/null
  {
    echo "basicConstraints=critical,CA:FALSE"
    echo "keyUsage=critical,digitalSignature,keyAgreement"
    echo "extendedKeyUsage=$usage"
    if [ -n "$names" ]; then echo "subjectAltName=$names"; fi
  } > "$name.ext"
  openssl x509 -req -in "$name.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -days 825 \
    -extfile "$name.ext" -out "$name.crt" 2>/dev/null
  rm -f "$name.csr" "$name.ext"
}

issue silo "serverAuth,clientAuth" "$san"
issue console "clientAuth"
rm -f ca.srl
chmod 644 ca.crt silo.crt console.crt
echo "wrote $(pwd): ca.crt ca.key silo.crt silo.key console.crt console.key"
