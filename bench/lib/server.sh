# Sourced by bench/*/run: builds (unless --no-build), starts one tinykube server (embedded store, no
# agent) on a free 127.0.0.1 port through the distribution's launcher, and stops it on exit.
# Sets ROOT, WORK, PORT, SERVER_PID, JAR; BENCH_PID is killed on exit too. Call: bench_start_server NAME [--no-build]
# Extra server environment (e.g. TINYKUBE_CONTROLLERS_*) is inherited.

bench_start_server() {
    local name=$1 build=${2:-}
    ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
    ROOT=$(cd "$ROOT/.." && pwd)
    cd "$ROOT"
    if [ "$build" != --no-build ]; then
        echo "building the distribution and bench" >&2
        ./mvnw -B -q -pl installer,bench -am package -DskipTests
    fi
    LAUNCHER="$ROOT/installer/target/tinykube/bin/tinykube"
    JAR=$(ls bench/target/bench-*.jar 2>/dev/null | head -n 1 || true)
    [ -x "$LAUNCHER" ] && [ -n "$JAR" ] || { echo "missing build output; run without --no-build" >&2; exit 1; }

    WORK=$(mktemp -d "${BENCH_TMPDIR:-/var/tmp}/tinykube-$name-bench.XXXXXX")
    SERVER_PID=
    BENCH_PID=
    trap bench_cleanup EXIT
    trap 'exit 130' INT TERM

    local attempt started
    # Up to 3 tries: the free port can be taken by someone else between the probe and the server's bind.
    for attempt in 1 2 3; do
        PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
        rm -rf "$WORK/data" "$WORK/kubeconfig"
        echo "starting tinykube server on 127.0.0.1:$PORT, data in $WORK" >&2
        # The launcher execs java, so $! is the server JVM's pid.
        "$LAUNCHER" server --data-dir "$WORK/data" --https-port "$PORT" --bind-address 127.0.0.1 \
            --write-kubeconfig "$WORK/kubeconfig" --disable-agent >"$WORK/server.log" 2>&1 &
        SERVER_PID=$!
        started=$(date +%s)
        until [ -s "$WORK/kubeconfig" ] && curl -skf "https://127.0.0.1:$PORT/readyz" >/dev/null 2>&1; do
            kill -0 "$SERVER_PID" 2>/dev/null || break
            [ $(( $(date +%s) - started )) -lt 120 ] || { echo "server not ready after 120 s" >&2; exit 1; }
            sleep 0.1
        done
        kill -0 "$SERVER_PID" 2>/dev/null && break
        wait "$SERVER_PID" 2>/dev/null || true
        echo "server exited during start-up:" >&2
        tail -n 20 "$WORK/server.log" >&2
        SERVER_PID=
        [ "$attempt" -lt 3 ] || exit 1
    done
    echo "ready after $(( $(date +%s) - started )) s" >&2
}

bench_cleanup() {
    local status=$?
    if [ -n "$BENCH_PID" ]; then kill "$BENCH_PID" 2>/dev/null || true; fi
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" 2>/dev/null || true
        for _ in $(seq 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    if [ "$status" != 0 ] && [ -f "$WORK/server.log" ]; then
        echo "--- last lines of the server log" >&2
        if [ -s "$WORK/server.log" ]; then tail -n 30 "$WORK/server.log" >&2; else echo "(empty)" >&2; fi
    fi
    rm -rf "$WORK"
}
