package io.tinykube.server.api;

import io.tinykube.server.cli.Version;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** {@code /version} and the health endpoints (healthz, livez, readyz) that probes and kubectl read. */
@ApplicationScoped
public class ServerInfo {
    private static final String BUILD_DATE = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();

    void routes(@Observes Router router) {
        router.get("/version").handler(this::version);
        for (String check : new String[] {"/healthz", "/livez", "/readyz"}) {
            router.get(check).handler(context -> health(context, check.substring(1)));
        }
    }

    private void version(RoutingContext context) {
        JsonObject version = new JsonObject()
                .put("major", Version.KUBERNETES_MAJOR)
                .put("minor", Version.KUBERNETES_MINOR)
                .put("emulationMajor", Version.KUBERNETES_MAJOR)
                .put("emulationMinor", Version.KUBERNETES_MINOR)
                .put("minCompatibilityMajor", Version.KUBERNETES_MAJOR)
                .put("minCompatibilityMinor", "32")
                .put("gitVersion", Version.gitVersion())
                .put("gitCommit", "tinykube-" + Version.tinykube())
                .put("gitTreeState", "clean")
                .put("buildDate", BUILD_DATE)
                .put("goVersion", "java" + Runtime.version().feature())
                .put("compiler", "javac")
                .put("platform", "linux/" + goArch());
        context.response().putHeader("Content-Type", "application/json").end(version.encodePrettily());
    }

    private void health(RoutingContext context, String name) {
        String body = context.queryParams().contains("verbose")
                ? "[+]ping ok\n[+]log ok\n[+]etcd ok\n" + name + " check passed\n"
                : "ok";
        context.response().putHeader("Content-Type", "text/plain; charset=utf-8").end(body);
    }

    /** The Go name of this machine's architecture, as Kubernetes reports it. */
    public static String goArch() {
        String arch = System.getProperty("os.arch");
        return switch (arch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64" -> "arm64";
            case "arm" -> "arm";
            default -> arch;
        };
    }
}
