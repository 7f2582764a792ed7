package io.tinykube.server.cli;

import io.quarkus.runtime.Quarkus;
import io.tinykube.server.tls.ClusterCredentials;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tinykube server}: prepares certificates, token and kubeconfig, then boots the API server. */
@Command(name = "server", description = "Run the Kubernetes API server (and, when built, an agent in the same process).",
        mixinStandardHelpOptions = true, sortOptions = false)
public class ServerCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE", description = "Config file whose keys are these flags' names (default: /etc/tinykube/config.yaml when present).")
    Path config;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "/var/lib/tinykube", description = "Where state lives (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--https-port", paramLabel = "N", defaultValue = "6443", description = "The port for kubectl and agents (default: ${DEFAULT-VALUE}).")
    int httpsPort;

    @Option(names = "--bind-address", paramLabel = "ADDRESS", defaultValue = "0.0.0.0", description = "The address to listen on (default: ${DEFAULT-VALUE}).")
    String bindAddress;

    @Option(names = "--write-kubeconfig", paramLabel = "FILE", defaultValue = "/etc/tinykube/kubeconfig.yaml", description = "Where to write the admin kubeconfig, mode 0600 (default: ${DEFAULT-VALUE}).")
    Path writeKubeconfig;

    @Option(names = "--tls-san", paramLabel = "NAME", split = ",", description = "Extra host names or IPs for the serving certificate.")
    List<String> tlsSans = new ArrayList<>();

    @Option(names = "--disable-agent", arity = "0..1", defaultValue = "false", description = "Do not run an agent (and so no pods) in this process.")
    boolean disableAgent;

    @Option(names = "--node-name", paramLabel = "NAME", description = "This node's name (default: the hostname).")
    String nodeName;

    @Option(names = "--token", paramLabel = "SECRET", description = "The join token agents present (default: generated into data-dir/server/token).")
    String token;

    @Option(names = "--datastore-endpoint", paramLabel = "URL", description = "postgres://user:pass@host:port/db to share one datastore between servers (default: embedded H2 in data-dir).")
    String datastoreEndpoint;

    @Override
    public Integer call() throws IOException {
        String node = nodeName != null ? nodeName : InetAddress.getLocalHost().getHostName();
        Path serverDir = dataDir.resolve("server");
        ClusterCredentials credentials = ClusterCredentials.prepare(serverDir, node, tlsSans, token);
        credentials.writeAdminKubeconfig(writeKubeconfig, "https://127.0.0.1:" + httpsPort);
        if (!disableAgent) {
            System.err.println("tinykube server: the embedded agent is not built yet; this server runs no pods "
                    + "(pass --disable-agent to silence this).");
        }
        configureQuarkus(serverDir, node, credentials);
        Quarkus.run();
        return 0;
    }

    private void configureQuarkus(Path serverDir, String node, ClusterCredentials credentials) {
        System.setProperty("quarkus.http.host", bindAddress);
        System.setProperty("quarkus.http.ssl-port", Integer.toString(httpsPort));
        System.setProperty("quarkus.http.insecure-requests", "disabled");
        System.setProperty("quarkus.tls.key-store.pem.serving.cert", credentials.servingCertificate().toString());
        System.setProperty("quarkus.tls.key-store.pem.serving.key", credentials.servingKey().toString());
        System.setProperty("quarkus.tls.trust-store.pem.certs", credentials.clientCa().toString());
        System.setProperty("quarkus.http.ssl.client-auth", "request");
        System.setProperty("tinykube.data-dir", dataDir.toString());
        System.setProperty("tinykube.server-dir", serverDir.toString());
        System.setProperty("tinykube.node-name", node);
        if (datastoreEndpoint != null) {
            System.setProperty("tinykube.datastore-endpoint", datastoreEndpoint);
        }
    }
}
