package io.tinykube.server.api;

import io.vertx.ext.web.RoutingContext;

/**
 * The query parameters every write shares: dryRun, fieldManager (upstream derives a missing one from
 * the User-Agent's product name), and fieldValidation.
 */
record WriteOptions(boolean dryRun, String explicitManager, String manager, FieldValidation.Mode fieldValidation) {
    static final int MAX_MANAGER_LENGTH = 128;

    static WriteOptions of(RoutingContext context) {
        String explicit = context.request().getParam("fieldManager");
        if (explicit != null && explicit.length() > MAX_MANAGER_LENGTH) {
            throw ApiException.badRequest("fieldManager: Too long: may not be more than " + MAX_MANAGER_LENGTH + " bytes");
        }
        String manager = explicit;
        if (manager == null || manager.isEmpty()) {
            String userAgent = context.request().getHeader("User-Agent");
            manager = userAgent == null || userAgent.isEmpty() ? "unknown" : userAgent.split("/", 2)[0];
            if (manager.length() > MAX_MANAGER_LENGTH) {
                manager = manager.substring(0, MAX_MANAGER_LENGTH);
            }
        }
        return new WriteOptions(ResourceRoutes.dryRun(context), explicit == null || explicit.isEmpty() ? null : explicit, manager,
                FieldValidation.mode(context.request().getParam("fieldValidation")));
    }
}
