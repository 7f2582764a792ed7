package io.tinykube.server.api;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import io.tinykube.server.auth.ServiceAccountTokens;
import java.time.Instant;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * Authenticates every request before routing: a client certificate signed by the client CA (the TLS
 * layer verified it; CN is the user, O the groups), or a service account's bearer token. Anonymous requests get 401, except for the
 * endpoints upstream leaves open to probes.
 */
@ApplicationScoped
public class Authentication {
    static final String USER = "tinykube.user";
    private static final Set<String> ANONYMOUS_PATHS = Set.of("/healthz", "/livez", "/readyz", "/version");
    private static final int PRIORITY = 100;

    /** Who made a request. */
    public record User(String name, List<String> groups) {
    }

    @Inject
    ServiceAccountTokens serviceAccountTokens;

    void register(@Observes Filters filters) {
        filters.register(this::authenticate, PRIORITY);
    }

    private void authenticate(RoutingContext context) {
        User user = fromClientCertificate(context);
        if (user == null) {
            user = fromBearerToken(context);
        }
        if (user == null && !ANONYMOUS_PATHS.contains(context.normalizedPath())) {
            Status.send(context, 401, "Unauthorized", "Unauthorized");
            return;
        }
        if (user != null) {
            context.put(USER, user);
        }
        context.next();
    }

    private User fromBearerToken(RoutingContext context) {
        String authorization = context.request().getHeader("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return serviceAccountTokens.verify(authorization.substring(7).trim(), Instant.now())
                .map(subject -> new User(subject.username(), subject.groups()))
                .orElse(null);
    }

    private static User fromClientCertificate(RoutingContext context) {
        if (context.request().sslSession() == null) {
            return null;
        }
        Certificate[] chain;
        try {
            chain = context.request().sslSession().getPeerCertificates();
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
        if (chain.length == 0 || !(chain[0] instanceof X509Certificate certificate)) {
            return null;
        }
        X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        String name = null;
        List<String> groups = new ArrayList<>();
        for (RDN rdn : subject.getRDNs(BCStyle.CN)) {
            name = IETFUtils.valueToString(rdn.getFirst().getValue());
        }
        for (RDN rdn : subject.getRDNs(BCStyle.O)) {
            groups.add(IETFUtils.valueToString(rdn.getFirst().getValue()));
        }
        groups.add("system:authenticated");
        return name == null ? null : new User(name, groups);
    }

}
