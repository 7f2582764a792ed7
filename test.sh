#!/bin/sh
# The whole test suite, on a fresh Debian bookworm machine as root: installs what the tests need from
# Debian's packages when it is missing, then runs every module's tests (mvn verify).
set -eu
cd "$(dirname "$0")"

missing=""
need() { missing="$missing $1"; }
command -v javac >/dev/null 2>&1 || need openjdk-17-jdk-headless
[ -x /usr/lib/postgresql/15/bin/postgres ] || need postgresql-15   # embedded-store's PostgreSQL backend tests
command -v runuser >/dev/null 2>&1 || need util-linux
command -v curl >/dev/null 2>&1 || need curl
# runtime-arm: a real registry on loopback, a static busybox to build test images from, namespaces and links.
[ -x /usr/bin/docker-registry ] || need docker-registry
[ -x /bin/busybox ] || need busybox-static
command -v ip >/dev/null 2>&1 || need iproute2
command -v nft >/dev/null 2>&1 || need nftables      # hostPort mappings and masquerade
command -v setfattr >/dev/null 2>&1 || need attr     # overlay opaque directories, layer xattrs

if [ -n "$missing" ]; then
  echo "test.sh: installing$missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # shellcheck disable=SC2086
  apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

for version in 1.31 1.32 1.33; do
  if [ ! -x "/usr/lib/google-cloud-sdk/bin/kubectl.$version" ]; then
    echo "test.sh: /usr/lib/google-cloud-sdk/bin/kubectl.$version is missing; the compatibility tests drive the real kubectl" >&2
    exit 1
  fi
done

exec ./mvnw -B verify "$@"
