package io.tinykube.runtime.container;

import java.util.List;

/**
 * The numeric identity a container's process runs as.
 *
 * @param uid              user id
 * @param gid              primary group id
 * @param additionalGids   supplementary groups (the user's groups in the image's /etc/group, plus the pod's
 *                         supplementalGroups)
 */
public record ContainerUser(long uid, long gid, List<Long> additionalGids) {
    public static final ContainerUser ROOT = new ContainerUser(0, 0, List.of());

    public ContainerUser {
        if (uid < 0 || gid < 0 || additionalGids.stream().anyMatch(g -> g < 0)) {
            throw new IllegalArgumentException("user and group ids are not negative");
        }
        additionalGids = List.copyOf(additionalGids);
    }
}
