package io.tinykube.server.apply;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.tinykube.server.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An apply that would change fields other managers own (HTTP 409, reason {@code Conflict}). The message
 * and causes are upstream's ({@code managedfields/internal/conflict.go}):
 * <pre>
 * Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas
 * Apply failed with 2 conflicts: conflicts with "m1" using apps/v1:
 * - .spec.replicas
 * - .spec.paused
 * </pre>
 * and {@code details.causes[{type: FieldManagerConflict, message: "conflict with ...", field: ".spec.replicas"}]}.
 */
public final class ApplyConflictException extends ApplyException {

    /** One conflicting field and the manager that owns it. */
    public record Conflict(String manager, String operation, String apiVersion, String subresource, FieldPath path) {
        /** The manager as upstream prints it: {@code "m"}, {@code "m" using apps/v1}, {@code "m" with subresource "scale" using apps/v1}. */
        public String describeManager() {
            StringBuilder sb = new StringBuilder(Values.goQuote(manager == null ? "" : manager));
            if (subresource != null && !subresource.isEmpty()) {
                sb.append(" with subresource ").append(Values.goQuote(subresource));
            }
            if (ManagedFields.UPDATE.equals(operation)) {
                sb.append(" using ").append(apiVersion);
            }
            return sb.toString();
        }

        String identifier() {
            return ManagedFields.identifier(manager, operation, apiVersion, subresource);
        }
    }

    private final List<Conflict> conflicts;

    public ApplyConflictException(List<Conflict> conflicts) {
        super(409, "Conflict", message(conflicts));
        this.conflicts = List.copyOf(conflicts);
    }

    /** The conflicts, grouped by manager (managers in upstream's order), each manager's paths in set order. */
    public List<Conflict> conflicts() {
        return conflicts;
    }

    private static String message(List<Conflict> conflicts) {
        if (conflicts.size() == 1) {
            Conflict c = conflicts.get(0);
            return "Apply failed with 1 conflict: conflict with " + c.describeManager() + ": " + c.path();
        }
        Map<String, List<Conflict>> byManager = new LinkedHashMap<>();
        for (Conflict c : conflicts) {
            byManager.computeIfAbsent(c.identifier(), k -> new ArrayList<>()).add(c);
        }
        List<String> ids = new ArrayList<>(byManager.keySet());
        ids.sort(Json::compareGoStrings);
        List<String> lines = new ArrayList<>();
        for (String id : ids) {
            List<Conflict> cs = byManager.get(id);
            lines.add("conflicts with " + cs.get(0).describeManager() + ":");
            for (Conflict c : cs) {
                lines.add("- " + c.path());
            }
        }
        return "Apply failed with " + conflicts.size() + " conflicts: " + String.join("\n", lines);
    }

    @Override
    protected ObjectNode details() {
        ObjectNode details = JsonNodeFactory.instance.objectNode();
        ArrayNode causes = details.putArray("causes");
        for (Conflict c : conflicts) {
            ObjectNode cause = causes.addObject();
            cause.put("type", "FieldManagerConflict");
            cause.put("message", "conflict with " + c.describeManager());
            cause.put("field", c.path().toString());
        }
        return details;
    }
}
