package io.tinykube.server.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.api.Authentication.User;
import io.tinykube.server.auth.ServiceAccountTokens;
import io.tinykube.server.json.Json;
import io.tinykube.server.registry.ResourceType;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Resources that are answered, not stored: access reviews (every authenticated user is allowed
 * until RBAC is enforced), who-am-I, and bindings of pods to nodes.
 */
@ApplicationScoped
public class VirtualResources {
    @Inject
    PodBinding podBinding;

    @Inject
    ServiceAccountTokens tokens;

    ObjectNode create(RoutingContext context, ResourceType type, String namespace, ObjectNode request) {
        User user = context.get(Authentication.USER);
        ObjectNode status = Json.object();
        switch (type.kind()) {
            case "SelfSubjectAccessReview", "SubjectAccessReview", "LocalSubjectAccessReview" -> {
                status.put("allowed", true);
                status.put("reason", "tinykube allows every authenticated user until RBAC is enforced");
            }
            case "SelfSubjectRulesReview" -> {
                ObjectNode rule = status.putArray("resourceRules").addObject();
                rule.putArray("verbs").add("*");
                rule.putArray("apiGroups").add("*");
                rule.putArray("resources").add("*");
                ObjectNode nonResource = status.putArray("nonResourceRules").addObject();
                nonResource.putArray("verbs").add("*");
                nonResource.putArray("nonResourceURLs").add("*");
                status.put("incomplete", false);
            }
            case "SelfSubjectReview" -> {
                ObjectNode userInfo = status.putObject("userInfo").put("username", user.name());
                ArrayNode groups = userInfo.putArray("groups");
                user.groups().forEach(groups::add);
            }
            case "TokenReview" -> {
                String token = Json.text(request, "spec", "token");
                var subject = token == null ? java.util.Optional.<ServiceAccountTokens.Subject>empty()
                        : tokens.verify(token, java.time.Instant.now());
                status.put("authenticated", subject.isPresent());
                subject.ifPresent(account -> {
                    ObjectNode userInfo = status.putObject("user").put("username", account.username()).put("uid", account.uid());
                    ArrayNode groups = userInfo.putArray("groups");
                    account.groups().forEach(groups::add);
                });
                if (subject.isEmpty()) {
                    status.put("error", "invalid bearer token");
                }
            }
            case "Binding" -> {
                return podBinding.bind(namespace, request);
            }
            default -> throw ApiException.notFoundPath();
        }
        request.set("status", status);
        Json.with(request, "metadata").putNull("creationTimestamp");
        return request;
    }
}
