package io.tinykube.runtime.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An OCI platform (os, architecture, variant), normalized as containerd does: arm64's variant v8 is implied, a bare
 * arm is arm/v7, aarch64 is arm64, x86_64 is amd64.
 */
public record Platform(String os, String architecture, String variant) {
    public Platform {
        os = os == null ? "" : os.toLowerCase(Locale.ROOT);
        String arch = architecture == null ? "" : architecture.toLowerCase(Locale.ROOT);
        String v = variant == null ? "" : variant.toLowerCase(Locale.ROOT);
        switch (arch) {
            case "aarch64" -> arch = "arm64";
            case "x86_64", "x86-64" -> arch = "amd64";
            case "i386" -> arch = "386";
            case "armhf" -> {
                arch = "arm";
                v = "v7";
            }
            case "armel" -> {
                arch = "arm";
                v = "v6";
            }
            default -> {
            }
        }
        if (arch.equals("arm64") && (v.equals("v8") || v.equals("8"))) {
            v = "";
        }
        if (arch.equals("arm") && v.isEmpty()) {
            v = "v7";
        }
        if (arch.equals("arm") && v.matches("[0-9]+")) {
            v = "v" + v;
        }
        architecture = arch;
        variant = v;
    }

    /** "linux/arm/v7", "linux/arm64". */
    public static Platform parse(String text) {
        String[] parts = text.split("/");
        if (parts.length < 2 || parts.length > 3) {
            throw new IllegalArgumentException("platform must be os/arch[/variant]: " + text);
        }
        return new Platform(parts[0], parts[1], parts.length == 3 ? parts[2] : "");
    }

    /** This machine's platform: the JVM's os.arch, and for 32-bit ARM the "CPU architecture" of /proc/cpuinfo. */
    public static Platform detect() {
        String cpuinfo = "";
        try {
            cpuinfo = Files.readString(Path.of("/proc/cpuinfo"));
        } catch (IOException e) {
            // No cpuinfo (not Linux): the variant falls back to the architecture's default.
        }
        return detect(System.getProperty("os.arch"), cpuinfo);
    }

    static Platform detect(String osArch, String cpuinfo) {
        String arch = osArch.toLowerCase(Locale.ROOT);
        if (arch.equals("arm") || arch.startsWith("armv") || arch.equals("aarch32")) {
            return new Platform("linux", "arm", armVariant(cpuinfo));
        }
        return new Platform("linux", arch, "");
    }

    private static String armVariant(String cpuinfo) {
        for (String line : cpuinfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0 || !line.substring(0, colon).trim().equalsIgnoreCase("CPU architecture")) {
                continue;
            }
            String value = line.substring(colon + 1).trim();
            // The kernel prints 7, 6TEJ, 5TE, 8 (an ARMv8 CPU running 32-bit), or "?(12)" for some ARMv7 cores.
            if (value.startsWith("8") || value.equalsIgnoreCase("aarch64")) {
                return "v8";
            }
            if (value.startsWith("7") || value.startsWith("?(")) {
                return "v7";
            }
            if (value.startsWith("6")) {
                return "v6";
            }
            if (value.startsWith("5")) {
                return "v5";
            }
        }
        return "v7";
    }

    /**
     * Platforms this one runs, best first, as containerd's platforms.Only: arm64 also runs arm/v8 down to arm/v5,
     * arm/vN runs arm/vN-1 down to v5, amd64 runs 386.
     */
    public List<Platform> compatible() {
        List<Platform> result = new ArrayList<>();
        result.add(this);
        switch (architecture) {
            case "amd64" -> result.add(new Platform(os, "386", ""));
            case "arm64" -> result.addAll(new Platform(os, "arm", "v8").compatible());
            case "arm" -> {
                int version = armVersion();
                for (int v = version - 1; v >= 5; v--) {
                    result.add(new Platform(os, "arm", "v" + v));
                }
            }
            default -> {
            }
        }
        return result;
    }

    private int armVersion() {
        try {
            return Integer.parseInt(variant.substring(1));
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** How well a candidate suits this platform: 0 is best, -1 cannot run here. */
    public int preference(Platform candidate) {
        return compatible().indexOf(candidate);
    }

    @Override
    public String toString() {
        return os + "/" + architecture + (variant.isEmpty() ? "" : "/" + variant);
    }
}
