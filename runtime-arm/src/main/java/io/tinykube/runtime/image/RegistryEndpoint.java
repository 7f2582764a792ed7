package io.tinykube.runtime.image;

import java.net.URI;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One place to pull from: the API base URL (ending in /v2), its credentials and TLS, and repository rewrites. */
public record RegistryEndpoint(URI base, RegistriesConfig.HostConfig config, Map<String, String> rewrites) {

    /** The repository name at this endpoint: the first rewrite whose pattern matches, else unchanged. */
    public String repository(String repository) {
        for (var rewrite : rewrites.entrySet()) {
            Matcher matcher = Pattern.compile(rewrite.getKey()).matcher(repository);
            if (matcher.find()) {
                return matcher.replaceFirst(rewrite.getValue());
            }
        }
        return repository;
    }

    /** Docker talks plain HTTP to registries on 127.0.0.0/8, ::1 and localhost. */
    static boolean isLoopback(String hostAndPort) {
        String host = hostAndPort;
        if (host.startsWith("[")) {
            host = host.substring(1, host.indexOf(']') > 0 ? host.indexOf(']') : host.length());
        } else if (host.indexOf(':') >= 0) {
            host = host.substring(0, host.indexOf(':'));
        }
        return host.equals("localhost") || host.equals("::1") || host.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }

    /** host[:port], the key of this endpoint's credentials and of its cached tokens. */
    public String authority() {
        return base.getRawAuthority();
    }
}
