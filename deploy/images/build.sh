#!/usr/bin/env bash
# Builds HyperSearch's container images from this checkout:
#   hypersearch-silo:latest       a silo          (deploy/docker/Dockerfile.silo)
#   hypersearch:latest            the console     (deploy/docker/Dockerfile.client)
#   hypersearch-silo-cuda:latest  with --cuda: a silo on TorchSharp's CUDA package (where it is served)
#   hypersearch-redis:debian, hypersearch-prometheus:debian
#                                 with a local base: Redis and Prometheus from Debian's packages, for
#                                 the Compose cluster where redis:7 and prom/prometheus cannot be pulled
#
#   deploy/images/build.sh [--base IMAGE] [--cuda]
#
# The .NET programs are published self-contained on this machine and copied in, so the image needs no
# .NET runtime, only glibc, libstdc++, ICU, OpenSSL and CA certificates. The base (build ARG BASE) is
# by default Microsoft's runtime-deps image (Ubuntu 24.04). When that can be neither found nor pulled,
# a Debian 12 base is made with `debootstrap --variant=minbase bookworm` and cached (in the Docker
# engine, and as a tarball under $HYPERSEARCH_IMAGE_CACHE) so the next run skips it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
base="${BASE:-mcr.microsoft.com/dotnet/runtime-deps:10.0}"
local_base="hypersearch-base:bookworm"
cache="${HYPERSEARCH_IMAGE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/hypersearch-images}"
stage="${HYPERSEARCH_IMAGE_STAGE:-$root/deploy/images/.stage}"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
cuda=false
explicit_base=false; [ -z "${BASE:-}" ] || explicit_base=true   # a base asked for is never replaced
while [ $# -gt 0 ]; do
  case "$1" in
    --base) base="$2"; explicit_base=true; shift 2 ;;
    --cuda) cuda=true; shift ;;
    *) echo "usage: build.sh [--base IMAGE] [--cuda]" >&2; exit 2 ;;
  esac
done
say() { echo "build.sh: $*" >&2; }

# A Debian 12 base: minbase plus what a self-contained .NET program and TLS need. Debootstrap's
# package cache, documentation and locales are dropped (about 60 MB nobody reads in a container).
make_local_base() {
  if docker image inspect "$local_base" >/dev/null 2>&1; then return; fi
  local tarball="$cache/bookworm-minbase.tar"
  if [ ! -f "$tarball" ]; then
    command -v debootstrap >/dev/null || apt-get install -y --no-install-recommends debootstrap >&2
    mkdir -p "$cache"
    local rootfs="$cache/rootfs.$$"
    say "making a Debian 12 base with debootstrap (a few minutes, once)"
    debootstrap --variant=minbase --include=ca-certificates,libicu72,libssl3,tzdata \
      bookworm "$rootfs" "$mirror" >"$cache/debootstrap.log" 2>&1 \
      || { tail -5 "$cache/debootstrap.log" >&2; say "debootstrap failed (log: $cache/debootstrap.log)"; exit 1; }
    rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* \
      "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/*
    find "$rootfs/usr/share/locale" -mindepth 1 -maxdepth 1 ! -name locale.alias -exec rm -rf {} +
    tar -C "$rootfs" -cf "$tarball.tmp" . && mv "$tarball.tmp" "$tarball"
    rm -rf "$rootfs"
  fi
  say "importing $tarball as $local_base"
  docker import "$tarball" "$local_base" >/dev/null
}

if ! docker image inspect "$base" >/dev/null 2>&1 && ! docker pull "$base" >/dev/null 2>&1; then
  if $explicit_base; then say "cannot pull $base"; exit 1; fi
  say "cannot pull $base: using a local Debian 12 base"
  make_local_base
  base="$local_base"
fi

# Publish both programs into the build context. Self-contained: the .NET runtime travels with them.
backend=cpu; silo_image=hypersearch-silo
if $cuda; then backend=cuda; silo_image=hypersearch-silo-cuda; fi
rm -rf "$stage" && mkdir -p "$stage"
say "publishing the silo and the console (self-contained, linux-x64, TorchSharp-$backend)"
started=$SECONDS
publish() { # publish PROJECT OUT [ARGS...]: warnings stay in the log, errors are shown
  local project="$1" out="$2"; shift 2
  dotnet publish "$root/$project" -c Release -r linux-x64 --self-contained -o "$stage/$out" -nologo -v quiet "$@" \
    >"$stage/publish-$out.log" 2>&1 || { grep -E 'error' "$stage/publish-$out.log" >&2; say "publishing $project failed"; exit 1; }
}
publish silo/HyperSearch.Silo.csproj silo -p:TorchSharpBackend=$backend
$cuda || publish client/HyperSearch.Client.csproj client
say "published in $((SECONDS - started)) s"
# libtorch's Python bindings and test back ends: TorchSharp never loads them (hundreds of MB).
for app in "$stage"/silo "$stage"/client; do
  [ -d "$app" ] && rm -f "$app"/libtorch_python.so "$app"/libjitbackend_test.so "$app"/libtorchbind_test.so \
    "$app"/libbackend_with_compiler.so "$app"/libaoti_custom_ops.so "$app"/libnnapi_backend.so
done

# tini reaps the orphans of command trials as PID 1; the static build runs on any base.
[ -x /usr/bin/tini-static ] || apt-get install -y --no-install-recommends tini >&2
cp /usr/bin/tini-static "$stage/tini"
# Fashion-MNIST from Debian's package, so a silo never downloads it.
[ -d /usr/share/datasets/fashion-mnist ] || apt-get install -y --no-install-recommends dataset-fashion-mnist >&2
cp -r /usr/share/datasets/fashion-mnist "$stage/fashion-mnist"

# docker_build ARGS...: quiet unless it fails (the legacy builder's deprecation notice is noise here).
docker_build() {
  docker build -q "$@" >/dev/null 2>"$stage/docker-build.err" || { cat "$stage/docker-build.err" >&2; exit 1; }
}
# build IMAGE DOCKERFILE. The image it replaces is removed (each holds about 630 MB of its own), unless
# a container still uses it.
build() {
  local started=$SECONDS old
  old="$(docker image inspect -f '{{.Id}}' "$1:latest" 2>/dev/null || true)"
  docker_build --build-arg "BASE=$base" -f "$root/deploy/docker/$2" -t "$1:latest" "$stage"
  if [ -n "$old" ] && [ "$old" != "$(docker image inspect -f '{{.Id}}' "$1:latest")" ]; then
    docker rmi "$old" >/dev/null 2>&1 || true
  fi
  say "built $1:latest from $base in $((SECONDS - started)) s"
}
build "$silo_image" Dockerfile.silo
$cuda || build hypersearch Dockerfile.client

# Redis and Prometheus for the Compose cluster, from Debian's packages, where the official images
# cannot be pulled (the same command lines work with either).
if [ "$base" = "$local_base" ]; then
  for service in redis prometheus; do
    docker_build --build-arg "BASE=$local_base" -f "$root/deploy/images/Dockerfile.$service-debian" \
      -t "hypersearch-$service:debian" "$root/deploy/images"
    say "built hypersearch-$service:debian"
  done
fi
# The staged copies are only the build context (the logs stay when a step fails, above).
rm -rf "$stage"
docker image ls --format '{{.Repository}}:{{.Tag}}  {{.Size}}' | grep -E '^hypersearch' >&2
