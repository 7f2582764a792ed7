package io.tinykube.server.controller.autoscaling;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How far and how fast an autoscaler may move from its current size (upstream's normalizeDesiredReplicas
 * and normalizeDesiredReplicasWithBehaviors): recent recommendations stabilize a scale, the rate policies
 * (by default up 100% or 4 pods per 15 s, down 100% per 15 s after a 300 s window) limit it, and min and
 * max bound it. Remembers per autoscaler the recommendations and scale events of its windows.
 */
final class ScalingBehavior {
    record Policy(String type, int value, int periodSeconds) {
    }

    record Rules(Integer stabilizationWindowSeconds, String selectPolicy, List<Policy> policies) {
    }

    /** The normalized size and the AbleToScale/ScalingLimited conditions it implies. */
    record Normalized(int replicas, String ableReason, String ableMessage, boolean limited, String limitedReason, String limitedMessage) {
    }

    static final Rules DEFAULT_SCALE_UP = new Rules(0, "Max", List.of(new Policy("Pods", 4, 15), new Policy("Percent", 100, 15)));
    static final Rules DEFAULT_SCALE_DOWN = new Rules(null, "Max", List.of(new Policy("Percent", 100, 15)));

    private record Recommendation(int replicas, Instant at) {
    }

    private record ScaleEvent(int change, Instant at) {
    }

    private final Duration downscaleStabilization;
    private final Clock clock;
    private final Map<String, List<Recommendation>> recommendations = new ConcurrentHashMap<>();
    private final Map<String, List<ScaleEvent>> scaleUps = new ConcurrentHashMap<>();
    private final Map<String, List<ScaleEvent>> scaleDowns = new ConcurrentHashMap<>();

    ScalingBehavior(Duration downscaleStabilization, Clock clock) {
        this.downscaleStabilization = downscaleStabilization;
        this.clock = clock;
    }

    /** The first look at an autoscaler counts its current size as a recommendation. */
    void recordInitial(String key, int current) {
        recommendations.computeIfAbsent(key, k -> {
            List<Recommendation> list = new ArrayList<>();
            list.add(new Recommendation(current, clock.instant()));
            return list;
        });
    }

    void forget(String key) {
        recommendations.remove(key);
        scaleUps.remove(key);
        scaleDowns.remove(key);
    }

    /** spec.behavior with upstream's defaults filled in; null when the autoscaler has none. */
    Rules[] rules(JsonNode behavior) {
        if (behavior == null || behavior.isNull() || behavior.isMissingNode()) {
            return null;
        }
        Rules up = merge(behavior.get("scaleUp"), DEFAULT_SCALE_UP);
        Rules down = merge(behavior.get("scaleDown"), DEFAULT_SCALE_DOWN);
        if (down.stabilizationWindowSeconds() == null) {
            down = new Rules((int) downscaleStabilization.toSeconds(), down.selectPolicy(), down.policies());
        }
        return new Rules[] {up, down};
    }

    private static Rules merge(JsonNode rules, Rules defaults) {
        if (rules == null || !rules.isObject()) {
            return defaults;
        }
        Integer window = rules.hasNonNull("stabilizationWindowSeconds") ? rules.get("stabilizationWindowSeconds").asInt()
                : defaults.stabilizationWindowSeconds();
        String select = rules.hasNonNull("selectPolicy") ? rules.get("selectPolicy").asText() : defaults.selectPolicy();
        List<Policy> policies = defaults.policies();
        if (rules.has("policies") && rules.get("policies").isArray()) {
            policies = new ArrayList<>();
            for (JsonNode policy : rules.get("policies")) {
                policies.add(new Policy(policy.path("type").asText(), policy.path("value").asInt(), policy.path("periodSeconds").asInt()));
            }
        }
        return new Rules(window, select, policies);
    }

    /** Normalizes a metric's recommendation for an autoscaler without spec.behavior. */
    Normalized normalize(String key, int current, int desired, int min, int max) {
        int stabilized = stabilizeDown(key, desired);
        String ableReason = stabilized != desired ? "ScaleDownStabilized" : "ReadyForNewScale";
        String ableMessage = stabilized != desired ? "recent recommendations were higher than current one, applying the highest recent recommendation"
                : "recommended size matches current size";
        int scaleUpLimit = (int) Math.max(2.0 * current, 4.0);
        String reason;
        String message;
        int maximum;
        if (max > scaleUpLimit) {
            maximum = scaleUpLimit;
            reason = "ScaleUpLimit";
            message = "the desired replica count is increasing faster than the maximum scale rate";
        } else {
            maximum = max;
            reason = "TooManyReplicas";
            message = "the desired replica count is more than the maximum replica count";
        }
        int result = stabilized;
        if (stabilized < min) {
            result = min;
            reason = "TooFewReplicas";
            message = "the desired replica count is less than the minimum replica count";
        } else if (stabilized > maximum) {
            result = maximum;
        } else {
            reason = "DesiredWithinRange";
            message = "the desired count is within the acceptable range";
        }
        return new Normalized(result, ableReason, ableMessage, result != stabilized, reason, message);
    }

    /** stabilizeRecommendation: the highest recommendation within the downscale window. */
    private int stabilizeDown(String key, int desired) {
        Instant now = clock.instant();
        Instant cutoff = now.minus(downscaleStabilization);
        List<Recommendation> list = recommendations.computeIfAbsent(key, k -> new ArrayList<>());
        int max = desired;
        int oldIndex = -1;
        synchronized (list) {
            for (int i = 0; i < list.size(); i++) {
                Recommendation rec = list.get(i);
                if (rec.at().isBefore(cutoff)) {
                    oldIndex = i;
                } else if (rec.replicas() > max) {
                    max = rec.replicas();
                }
            }
            store(list, oldIndex, new Recommendation(desired, now));
        }
        return max;
    }

    /** Normalizes a recommendation with spec.behavior's rules ({@link #rules}). */
    Normalized normalize(String key, Rules[] rules, int current, int desired, int min, int max) {
        Rules up = rules[0];
        Rules down = rules[1];
        Instant now = clock.instant();
        boolean upward = desired >= current;
        int window = upward ? up.stabilizationWindowSeconds() : down.stabilizationWindowSeconds();
        Instant cutoff = now.minusSeconds(window);
        Instant obsolete = now.minusSeconds(Math.max(up.stabilizationWindowSeconds(), down.stabilizationWindowSeconds()));
        int stabilized = desired;
        List<Recommendation> list = recommendations.computeIfAbsent(key, k -> new ArrayList<>());
        synchronized (list) {
            int oldIndex = -1;
            for (int i = 0; i < list.size(); i++) {
                Recommendation rec = list.get(i);
                if (rec.at().isAfter(cutoff)) {
                    stabilized = upward ? Math.min(rec.replicas(), stabilized) : Math.max(rec.replicas(), stabilized);
                }
                if (rec.at().isBefore(obsolete)) {
                    oldIndex = i;
                }
            }
            store(list, oldIndex, new Recommendation(desired, now));
        }
        String ableReason = "ReadyForNewScale";
        String ableMessage = "recommended size matches current size";
        if (stabilized != desired) {
            ableReason = upward ? "ScaleUpStabilized" : "ScaleDownStabilized";
            ableMessage = upward ? "recent recommendations were lower than current one, applying the lowest recent recommendation"
                    : "recent recommendations were higher than current one, applying the highest recent recommendation";
        }
        int result = stabilized;
        String reason = "DesiredWithinRange";
        String message = "the desired count is within the acceptable range";
        if (stabilized > current) {
            int limit = Math.max(scaleUpLimit(current, events(scaleUps, key), up), current);
            int maximum = max;
            String possibleReason = "TooManyReplicas";
            String possibleMessage = "the desired replica count is more than the maximum replica count";
            if (maximum > limit) {
                maximum = limit;
                possibleReason = "ScaleUpLimit";
                possibleMessage = "the desired replica count is increasing faster than the maximum scale rate";
            }
            if (stabilized > maximum) {
                result = maximum;
                reason = possibleReason;
                message = possibleMessage;
            }
        } else if (stabilized < current) {
            int limit = Math.min(scaleDownLimit(current, events(scaleDowns, key), down), current);
            int minimum = min;
            String possibleReason = "TooFewReplicas";
            String possibleMessage = "the desired replica count is less than the minimum replica count";
            if (minimum < limit) {
                minimum = limit;
                possibleReason = "ScaleDownLimit";
                possibleMessage = "the desired replica count is decreasing faster than the maximum scale rate";
            }
            if (stabilized < minimum) {
                result = minimum;
                reason = possibleReason;
                message = possibleMessage;
            }
        }
        return new Normalized(result, ableReason, ableMessage, result != stabilized, reason, message);
    }

    /** storeScaleEvent: remembers a scale for the rate policies (only autoscalers with spec.behavior use them). */
    void recordScale(String key, Rules[] rules, int previous, int replicas) {
        if (rules == null) {
            return;
        }
        boolean upward = replicas > previous;
        Rules applied = upward ? rules[0] : rules[1];
        int longest = 0;
        for (Policy policy : applied.policies()) {
            longest = Math.max(longest, policy.periodSeconds());
        }
        Instant now = clock.instant();
        Instant cutoff = now.minusSeconds(longest);
        List<ScaleEvent> list = (upward ? scaleUps : scaleDowns).computeIfAbsent(key, k -> new ArrayList<>());
        synchronized (list) {
            list.removeIf(event -> event.at().isBefore(cutoff));
            list.add(new ScaleEvent(Math.abs(replicas - previous), now));
        }
    }

    private List<ScaleEvent> events(Map<String, List<ScaleEvent>> all, String key) {
        List<ScaleEvent> list = all.get(key);
        if (list == null) {
            return List.of();
        }
        synchronized (list) {
            return new ArrayList<>(list);
        }
    }

    private int changeInPeriod(List<ScaleEvent> events, int periodSeconds) {
        Instant cutoff = clock.instant().minusSeconds(periodSeconds);
        int change = 0;
        for (ScaleEvent event : events) {
            if (event.at().isAfter(cutoff)) {
                change += event.change();
            }
        }
        return change;
    }

    /** calculateScaleUpLimitWithScalingRules. */
    private int scaleUpLimit(int current, List<ScaleEvent> events, Rules rules) {
        if ("Disabled".equals(rules.selectPolicy())) {
            return current;
        }
        boolean min = "Min".equals(rules.selectPolicy());
        int result = min ? Integer.MAX_VALUE : Integer.MIN_VALUE;
        for (Policy policy : rules.policies()) {
            int periodStart = current - changeInPeriod(events, policy.periodSeconds());
            int proposed = policy.type().equals("Pods") ? periodStart + policy.value()
                    : (int) Math.ceil(periodStart * (1 + policy.value() / 100.0));
            result = min ? Math.min(result, proposed) : Math.max(result, proposed);
        }
        return result;
    }

    /** calculateScaleDownLimitWithBehaviors. */
    private int scaleDownLimit(int current, List<ScaleEvent> events, Rules rules) {
        if ("Disabled".equals(rules.selectPolicy())) {
            return current;
        }
        boolean min = "Min".equals(rules.selectPolicy());
        int result = min ? Integer.MIN_VALUE : Integer.MAX_VALUE;
        for (Policy policy : rules.policies()) {
            int periodStart = current + changeInPeriod(events, policy.periodSeconds());
            int proposed = policy.type().equals("Pods") ? periodStart - policy.value()
                    : (int) (periodStart * (1 - policy.value() / 100.0));
            result = min ? Math.max(result, proposed) : Math.min(result, proposed);
        }
        return result;
    }

    private static <T> void store(List<T> list, int oldIndex, T value) {
        if (oldIndex >= 0) {
            list.set(oldIndex, value);
        } else {
            list.add(value);
        }
    }
}
