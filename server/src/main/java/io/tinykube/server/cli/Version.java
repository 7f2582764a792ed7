package io.tinykube.server.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** tinykube's own version (from the build) and the Kubernetes API level it serves. */
public final class Version implements IVersionProvider {
    public static final String KUBERNETES_MAJOR = "1";
    public static final String KUBERNETES_MINOR = "33";
    public static final String KUBERNETES_VERSION = "v1.33.0";

    private static final Properties BUILD = load();

    public static String tinykube() {
        return BUILD.getProperty("version");
    }

    /** The gitVersion reported by /version and by nodes, e.g. {@code v1.33.0+tinykube.0.1.0}. */
    public static String gitVersion() {
        return KUBERNETES_VERSION + "+tinykube." + tinykube();
    }

    @Override
    public String[] getVersion() {
        return new String[] {"tinykube version " + tinykube() + " (Kubernetes " + KUBERNETES_VERSION + ")"};
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("/tinykube-version.properties")) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
