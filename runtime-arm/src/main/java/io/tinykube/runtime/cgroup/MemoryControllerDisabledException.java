package io.tinykube.runtime.cgroup;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A memory limit was requested on a kernel whose memory cgroup controller is off — Raspberry Pi OS ships
 * that way; the message tells the operator which boot file to edit.
 */
public class MemoryControllerDisabledException extends CgroupException {

    static final String FIRMWARE_CMDLINE = "/boot/firmware/cmdline.txt";
    static final String LEGACY_CMDLINE = "/boot/cmdline.txt";

    public MemoryControllerDisabledException(Path hostRoot) {
        super("the memory cgroup controller is not enabled: add \"cgroup_memory=1 cgroup_enable=memory\" to the"
                + " kernel command line (" + cmdlineFiles(hostRoot) + ") and reboot");
    }

    /** Bookworm moved the file to /boot/firmware; older Raspberry Pi OS releases have it in /boot. */
    private static String cmdlineFiles(Path hostRoot) {
        if (Files.exists(hostRoot.resolve(FIRMWARE_CMDLINE.substring(1)))) {
            return FIRMWARE_CMDLINE;
        }
        if (Files.exists(hostRoot.resolve(LEGACY_CMDLINE.substring(1)))) {
            return LEGACY_CMDLINE;
        }
        return FIRMWARE_CMDLINE + ", or " + LEGACY_CMDLINE + " on older systems";
    }
}
