package io.tinykube.runtime;

import io.tinykube.runtime.container.ContainerSpec;
import io.tinykube.runtime.image.Image;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One container of a pod as the pod spec describes it; empty values fall back to the image's config
 * (Kubernetes' rules: {@code command} replaces the Entrypoint, {@code args} the Cmd; env entries override the
 * image's by name). {@code options} sets the rest of the spec (mounts, resources, capabilities...).
 */
public record ContainerRequest(String name, int restartCount, Image image, List<String> command, List<String> args,
        List<String> env, String workingDir, Optional<Long> runAsUser, Optional<Long> runAsGroup,
        List<Long> supplementalGroups, Consumer<ContainerSpec.Builder> options) {

    public ContainerRequest {
        command = List.copyOf(command);
        args = List.copyOf(args);
        env = List.copyOf(env);
        supplementalGroups = List.copyOf(supplementalGroups);
    }

    /** The image's own command, env, working directory and user. */
    public static ContainerRequest of(String name, int restartCount, Image image) {
        return new ContainerRequest(name, restartCount, image, List.of(), List.of(), List.of(), "", Optional.empty(),
            Optional.empty(), List.of(), builder -> { });
    }

    public ContainerRequest withCommand(List<String> value) {
        return new ContainerRequest(name, restartCount, image, value, args, env, workingDir, runAsUser, runAsGroup,
            supplementalGroups, options);
    }

    public ContainerRequest withArgs(List<String> value) {
        return new ContainerRequest(name, restartCount, image, command, value, env, workingDir, runAsUser, runAsGroup,
            supplementalGroups, options);
    }

    public ContainerRequest withEnv(List<String> value) {
        return new ContainerRequest(name, restartCount, image, command, args, value, workingDir, runAsUser, runAsGroup,
            supplementalGroups, options);
    }

    public ContainerRequest withWorkingDir(String value) {
        return new ContainerRequest(name, restartCount, image, command, args, env, value, runAsUser, runAsGroup,
            supplementalGroups, options);
    }

    public ContainerRequest withUser(Optional<Long> uid, Optional<Long> gid, List<Long> groups) {
        return new ContainerRequest(name, restartCount, image, command, args, env, workingDir, uid, gid, groups, options);
    }

    public ContainerRequest withOptions(Consumer<ContainerSpec.Builder> value) {
        return new ContainerRequest(name, restartCount, image, command, args, env, workingDir, runAsUser, runAsGroup,
            supplementalGroups, value);
    }
}
