package io.tinykube.server.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import io.tinykube.server.registry.LabelSelector;
import io.tinykube.server.registry.Objects;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A pod's nodeSelector and node affinity, compiled once per scheduling attempt. */
final class NodeAffinity {
    private final Map<String, String> nodeSelector;
    /** Null when the pod has no required terms; otherwise at least one must match. */
    private final List<Term> requiredTerms;
    private final List<Term> preferredTerms;
    private final int[] preferredWeights;

    /** A NodeSelectorTerm: its matchExpressions on labels and matchFields on the node's name, all of which must hold. */
    private record Term(LabelSelector expressions, LabelSelector fields, boolean empty) {
        static Term of(JsonNode term) {
            JsonNode expressions = term.path("matchExpressions");
            JsonNode fields = term.path("matchFields");
            for (JsonNode field : fields) {
                if (!"metadata.name".equals(field.path("key").asText())) {
                    return new Term(LabelSelector.NOTHING, LabelSelector.NOTHING, false);
                }
            }
            return new Term(LabelSelector.fromExpressions(expressions), LabelSelector.fromExpressions(fields),
                    expressions.size() == 0 && fields.size() == 0);
        }

        /** An empty term matches no node. */
        boolean matches(NodeInfo node) {
            return !empty && expressions.matches(node.labels())
                    && (fields.isEverything() || fields.matches(Map.of("metadata.name", node.name())));
        }
    }

    NodeAffinity(JsonNode pod) {
        JsonNode spec = pod.path("spec");
        this.nodeSelector = Objects.stringMap(spec.get("nodeSelector"));
        JsonNode nodeAffinity = spec.path("affinity").path("nodeAffinity");
        JsonNode required = nodeAffinity.path("requiredDuringSchedulingIgnoredDuringExecution");
        if (required.isObject()) {
            requiredTerms = new ArrayList<>();
            for (JsonNode term : required.path("nodeSelectorTerms")) {
                requiredTerms.add(Term.of(term));
            }
        } else {
            requiredTerms = null;
        }
        JsonNode preferred = nodeAffinity.path("preferredDuringSchedulingIgnoredDuringExecution");
        preferredTerms = new ArrayList<>(preferred.size());
        preferredWeights = new int[preferred.size()];
        for (JsonNode term : preferred) {
            preferredWeights[preferredTerms.size()] = term.path("weight").asInt(0);
            preferredTerms.add(Term.of(term.path("preference")));
        }
    }

    /** Upstream's GetRequiredNodeAffinity(pod).Match(node): every nodeSelector label and one required term. */
    boolean matches(NodeInfo node) {
        Map<String, String> labels = node.labels();
        for (Map.Entry<String, String> entry : nodeSelector.entrySet()) {
            if (!entry.getValue().equals(labels.get(entry.getKey()))) {
                return false;
            }
        }
        if (requiredTerms == null) {
            return true;
        }
        for (Term term : requiredTerms) {
            if (term.matches(node)) {
                return true;
            }
        }
        return false;
    }

    boolean hasPreferred() {
        return !preferredTerms.isEmpty();
    }

    /** The summed weights of the preferred terms {@code node} matches. */
    long preferredScore(NodeInfo node) {
        long score = 0;
        for (int i = 0; i < preferredTerms.size(); i++) {
            if (preferredWeights[i] != 0 && preferredTerms.get(i).matches(node)) {
                score += preferredWeights[i];
            }
        }
        return score;
    }
}
