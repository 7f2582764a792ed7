package io.tinykube.server.controller.batch;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** Test shorthand: activations as RFC 3339 text, as robfig's own tests write them. */
final class Schedules {
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

    private Schedules() {
    }

    static ZonedDateTime at(String rfc3339, String zone) {
        return OffsetDateTime.parse(rfc3339).atZoneSameInstant(ZoneId.of(zone));
    }

    /** The next activation after {@code after} read in UTC, or "none". */
    static String next(String spec, String after) {
        return next(spec, after, "UTC");
    }

    /** The next activation after {@code after} read in {@code zone}, printed in that zone, or "none". */
    static String next(String spec, String after, String zone) {
        return CronSchedule.parse(spec).next(at(after, zone)).map(RFC3339::format).orElse("none");
    }
}
