package io.tinykube.server.controller.runtime;

/** A control loop: {@link #start} registers its work queue on the shared informers and returns. */
public interface Controller {
    void start(ControllerContext context);
}
