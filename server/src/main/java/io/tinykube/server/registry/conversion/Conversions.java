package io.tinykube.server.registry.conversion;

import io.tinykube.server.registry.Conversion;
import io.tinykube.server.registry.ResourceType;
import java.util.Optional;

/** Which kinds are served in more than one group-version over one storage, and their conversions. */
public final class Conversions {
    private static final Conversion EVENTS = new EventConversion();
    private static final Conversion HORIZONTAL_POD_AUTOSCALERS = new HorizontalPodAutoscalerConversion();

    private Conversions() {
    }

    public static Optional<Conversion> forType(ResourceType type) {
        return Optional.ofNullable(switch (type.group() + "/" + type.kind()) {
            case "/Event", "events.k8s.io/Event" -> EVENTS;
            case "autoscaling/HorizontalPodAutoscaler" -> HORIZONTAL_POD_AUTOSCALERS;
            default -> null;
        });
    }
}
