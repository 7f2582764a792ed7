package io.tinykube.runtime.container;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the image's {@code User} ("name", "uid", "name:group", "uid:gid") and the securityContext's
 * runAsUser/runAsGroup into numeric ids, reading the image's own /etc/passwd and /etc/group (resolved inside
 * the root filesystem), as containerd does: a user found in /etc/passwd brings its primary group and the
 * groups of /etc/group that list it; a numeric uid not found there runs with gid 0.
 */
public final class UserResolver {
    private final RootfsPaths rootfs;

    public UserResolver(Path rootfs) {
        this.rootfs = new RootfsPaths(rootfs);
    }

    /**
     * @param imageUser          the image config's User, may be empty
     * @param runAsUser          securityContext.runAsUser, overriding the image's user
     * @param runAsGroup         securityContext.runAsGroup, overriding the primary group
     * @param supplementalGroups the pod's supplementalGroups (and fsGroup), added to the user's own
     */
    public ContainerUser resolve(String imageUser, Optional<Long> runAsUser, Optional<Long> runAsGroup,
            List<Long> supplementalGroups) {
        List<String[]> passwd = entries("/etc/passwd");
        List<String[]> groups = entries("/etc/group");
        String userPart = imageUser == null ? "" : imageUser;
        String groupPart = null;
        int colon = userPart.indexOf(':');
        if (colon >= 0) {
            groupPart = userPart.substring(colon + 1);
            userPart = userPart.substring(0, colon);
        }
        String[] entry;
        long uid;
        if (runAsUser.isPresent()) {
            uid = runAsUser.get();
            entry = find(passwd, 2, Long.toString(uid));
        } else if (userPart.isEmpty()) {
            uid = 0;
            entry = find(passwd, 2, "0");
        } else if (isNumeric(userPart)) {
            uid = Long.parseLong(userPart);
            entry = find(passwd, 2, userPart);
        } else {
            entry = find(passwd, 0, userPart);
            if (entry == null) {
                throw new ContainerException("unable to find user " + userPart + ": no matching entries in passwd file");
            }
            uid = parseId(entry[2], "uid of " + userPart);
        }
        long gid = entry == null ? 0 : parseId(entry[3], "gid of " + entry[0]);
        if (runAsGroup.isPresent()) {
            gid = runAsGroup.get();
        } else if (groupPart != null && !groupPart.isEmpty()) {
            if (isNumeric(groupPart)) {
                gid = Long.parseLong(groupPart);
            } else {
                String[] group = find(groups, 0, groupPart);
                if (group == null) {
                    throw new ContainerException("unable to find group " + groupPart + ": no matching entries in group file");
                }
                gid = parseId(group[2], "gid of " + groupPart);
            }
        }
        Set<Long> additional = new LinkedHashSet<>();
        if (entry != null) {
            for (String[] group : groups) {
                if (group.length > 3 && List.of(group[3].split(",")).contains(entry[0])) {
                    additional.add(parseId(group[2], "gid of " + group[0]));
                }
            }
        }
        additional.addAll(supplementalGroups);
        return new ContainerUser(uid, gid, new ArrayList<>(additional));
    }

    private List<String[]> entries(String file) {
        Path path = rootfs.resolve(file);
        List<String[]> entries = new ArrayList<>();
        if (!Files.isRegularFile(path)) {
            return entries;
        }
        try {
            for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    entries.add(line.split(":", -1));
                }
            }
        } catch (IOException e) {
            throw new ContainerException("cannot read " + file + " of the image: " + e.getMessage(), e);
        }
        return entries;
    }

    private static String[] find(List<String[]> entries, int field, String value) {
        return entries.stream().filter(e -> e.length > 3 && e[field].equals(value)).findFirst().orElse(null);
    }

    private static boolean isNumeric(String value) {
        return !value.isEmpty() && value.chars().allMatch(Character::isDigit);
    }

    private static long parseId(String value, String what) {
        if (!isNumeric(value)) {
            throw new ContainerException("bad " + what + " in the image: " + value);
        }
        return Long.parseLong(value);
    }
}
