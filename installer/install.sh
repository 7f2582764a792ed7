#!/bin/sh
# Installs and runs a single-node tinykube cluster on this machine.
# For now it builds the distribution from this checkout (or uses the tree beside it) and runs
# `tinykube server` in the foreground; the service install, agent join and uninstall scripts come with
# the installer issue.
set -eu

say() { echo "[tinykube-install] $*"; }
fail() { echo "[tinykube-install] error: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || fail "run as root (sudo $0): the server writes /etc/tinykube and /var/lib/tinykube"

here=$(cd "$(dirname "$0")" && pwd)
if [ -x "$here/../bin/tinykube" ]; then            # running from an unpacked distribution (share/install.sh)
  dist=$(cd "$here/.." && pwd)
else                                                 # running from a checkout
  dist="$here/target/tinykube"
  if ! command -v java >/dev/null 2>&1; then
    command -v apt-get >/dev/null 2>&1 || fail "no Java 17+ and no apt-get: install a Java 17 (or newer) runtime first"
    say "installing a Java runtime (openjdk-17-jdk-headless)"
    apt-get update -qq && apt-get install -y -qq openjdk-17-jdk-headless >/dev/null
  fi
  say "building tinykube from $(cd "$here/.." && pwd)"
  (cd "$here/.." && ./mvnw -B -q package -DskipTests) || fail "the build failed; see the Maven output above"
fi

say "starting tinykube server (Ctrl-C stops it); kubeconfig: /etc/tinykube/kubeconfig.yaml"
exec "$dist/bin/tinykube" server "$@"
