package io.tinykube.runtime.rootfs;

import io.tinykube.runtime.process.CommandFailedException;
import io.tinykube.runtime.process.CommandRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@link Mounter} through util-linux's {@code mount} and {@code umount}; mount state from /proc/self/mountinfo. */
public final class UtilLinuxMounter implements Mounter {
    private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");
    private final CommandRunner commands;

    public UtilLinuxMounter() {
        this(CommandRunner.processes());
    }

    public UtilLinuxMounter(CommandRunner commands) {
        this.commands = commands;
    }

    @Override
    public void mountOverlay(Path workingDirectory, List<String> lowerDirs, String upperDir, String workDir, Path target)
            throws IOException {
        String options = "lowerdir=" + String.join(":", lowerDirs) + ",upperdir=" + upperDir + ",workdir=" + workDir;
        run(workingDirectory, List.of("mount", "-t", "overlay", "overlay", "-o", options, target.toString()));
    }

    @Override
    public void unmount(Path target) throws IOException {
        if (!isMounted(target)) {
            return;
        }
        try {
            run(null, List.of("umount", target.toString()));
        } catch (IOException busy) {
            run(null, List.of("umount", "-l", target.toString()));
        }
    }

    @Override
    public boolean isMounted(Path target) throws IOException {
        String wanted = target.toAbsolutePath().normalize().toString();
        for (String line : Files.readAllLines(MOUNTINFO, StandardCharsets.UTF_8)) {
            String[] fields = line.split(" ");
            if (fields.length > 4 && unescape(fields[4]).equals(wanted)) {
                return true;
            }
        }
        return false;
    }

    /** mountinfo writes space, tab, newline and backslash as octal escapes. */
    private static String unescape(String field) {
        if (field.indexOf('\\') < 0) {
            return field;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length()) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private void run(Path workingDirectory, List<String> command) throws IOException {
        try {
            commands.run(workingDirectory, command, "");
        } catch (CommandFailedException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
