package io.tinykube.server.registry.strategy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.api.ApiException.Cause;
import io.tinykube.server.registry.Strategy;
import java.util.List;

/** PodDisruptionBudgets: spec changes bump the generation (eviction waits for status to catch up); one of minAvailable and maxUnavailable. */
public final class PodDisruptionBudgetStrategy implements Strategy {
    @Override
    public boolean tracksGeneration() {
        return true;
    }

    @Override
    public List<Cause> validate(ObjectNode budget) {
        if (budget.path("spec").has("minAvailable") && budget.path("spec").has("maxUnavailable")) {
            return List.of(new Cause("FieldValueInvalid", "Invalid value: \"spec\": minAvailable and maxUnavailable cannot be both set",
                    "spec"));
        }
        return List.of();
    }
}
