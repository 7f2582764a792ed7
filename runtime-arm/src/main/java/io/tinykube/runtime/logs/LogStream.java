package io.tinykube.runtime.logs;

/** The two output streams of a container, named as the CRI log format writes them. */
public enum LogStream {
    STDOUT("stdout"),
    STDERR("stderr");

    private final String criName;

    LogStream(String criName) {
        this.criName = criName;
    }

    public String criName() {
        return criName;
    }

    /** The stream a CRI record names, or null for anything else. */
    static LogStream fromCriName(String name) {
        return switch (name) {
            case "stdout" -> STDOUT;
            case "stderr" -> STDERR;
            default -> null;
        };
    }
}
