package io.tinykube.server.controller.batch;

import io.tinykube.server.api.ApiException.Cause;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Upstream's CronJob validation of spec.schedule and spec.timeZone, as the strategy reports it. */
class CronScheduleValidationTest {
    private static Cause schedule(String value, String detail) {
        return new Cause("FieldValueInvalid", "Invalid value: \"" + value + "\": " + detail, "spec.schedule");
    }

    private static Cause timeZone(String value, String detail) {
        return new Cause("FieldValueInvalid", "Invalid value: \"" + value + "\": " + detail, "spec.timeZone");
    }

    @Test
    void validSchedulesAndZones() {
        assertEquals(List.of(), CronSchedule.validate("*/15 9-17 * * MON-FRI", null));
        assertEquals(List.of(), CronSchedule.validate("@every 1h", null));
        assertEquals(List.of(), CronSchedule.validate("0 9 * * *", "Europe/Berlin"));
        assertEquals(List.of(), CronSchedule.validate("0 9 * * *", "America/Argentina/Buenos_Aires"));
        assertEquals(List.of(), CronSchedule.validate("0 9 * * *", "EST"));
        assertEquals(List.of(), CronSchedule.validate("0 9 * * *", "UTC"));
    }

    @Test
    void scheduleIsRequired() {
        assertEquals(List.of(new Cause("FieldValueRequired", "Required value", "spec.schedule")), CronSchedule.validate("", null));
        assertEquals(List.of(new Cause("FieldValueRequired", "Required value", "spec.schedule")), CronSchedule.validate(null, null));
    }

    @Test
    void unparseableSchedule() {
        assertEquals(List.of(schedule("* * * *", "expected exactly 5 fields, found 4: [* * * *]")),
                CronSchedule.validate("* * * *", null));
        assertEquals(List.of(new Cause("FieldValueInvalid", "Invalid value: \"0 0 * * \\\"x\\\"\": failed to parse int from \"x\": "
                        + "strconv.Atoi: parsing \"\\\"x\\\"\": invalid syntax", "spec.schedule")),
                CronSchedule.validate("0 0 * * \"x\"", null), "quotes in values are escaped as Go's %q does");
    }

    @Test
    void newCronJobsMayNotPutTheZoneInTheSchedule() {
        assertEquals(List.of(schedule("TZ=UTC 0 0 * * *", "cannot use TZ or CRON_TZ in schedule, use timeZone field instead")),
                CronSchedule.validate("TZ=UTC 0 0 * * *", null));
        assertEquals(List.of(
                        schedule("CRON_TZ=Mars/Olympus 0 0 * * *", "provided bad location Mars/Olympus: unknown time zone Mars/Olympus"),
                        schedule("CRON_TZ=Mars/Olympus 0 0 * * *", "cannot use TZ or CRON_TZ in schedule, use timeZone field instead")),
                CronSchedule.validate("CRON_TZ=Mars/Olympus 0 0 * * *", null));
    }

    @Test
    void oldCronJobsKeepTheirZoneInTheScheduleButNotWithTimeZone() {
        assertEquals(List.of(), CronSchedule.validateUpdate("TZ=UTC 0 0 * * *", null, "TZ=UTC 0 * * * *", null));
        assertEquals(List.of(schedule("TZ=UTC 0 0 * * *", "cannot use both timeZone field and TZ or CRON_TZ in schedule")),
                CronSchedule.validateUpdate("TZ=UTC 0 0 * * *", "UTC", "TZ=UTC 0 * * * *", null));
        assertEquals(List.of(schedule("TZ=UTC 0 0 * * *", "cannot use TZ or CRON_TZ in schedule, use timeZone field instead")),
                CronSchedule.validateUpdate("TZ=UTC 0 0 * * *", null, "0 * * * *", null));
    }

    @Test
    void timeZoneMustBeAKnownIanaName() {
        assertEquals(List.of(timeZone("", "timeZone must be nil or non-empty string")), CronSchedule.validate("0 0 * * *", ""));
        assertEquals(List.of(timeZone("Mars/Olympus", "unknown time zone Mars/Olympus")), CronSchedule.validate("0 0 * * *", "Mars/Olympus"));
        assertEquals(List.of(timeZone("../etc/passwd", "unknown time zone ../etc/passwd")), CronSchedule.validate("0 0 * * *", "../etc/passwd"));
        assertEquals(List.of(timeZone("Europe/Abcdefghijklmno", "unknown time zone Europe/Abcdefghijklmno")),
                CronSchedule.validate("0 0 * * *", "Europe/Abcdefghijklmno"), "a part is at most 14 characters");
        assertEquals(List.of(timeZone("+01:00", "unknown time zone +01:00")), CronSchedule.validate("0 0 * * *", "+01:00"));
    }

    @Test
    void localIsNotAnExplicitZone() {
        String explicit = "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones";
        assertEquals(List.of(timeZone("Local", explicit)), CronSchedule.validate("0 0 * * *", "Local"));
        assertEquals(List.of(timeZone("local", explicit), timeZone("local", "unknown time zone local")),
                CronSchedule.validate("0 0 * * *", "local"));
    }

    @Test
    void anUnchangedTimeZoneIsNotCheckedAgain() {
        assertEquals(List.of(), CronSchedule.validateUpdate("0 0 * * *", "Mars/Olympus", "0 1 * * *", "Mars/Olympus"));
        assertEquals(List.of(timeZone("Mars/Olympus", "unknown time zone Mars/Olympus")),
                CronSchedule.validateUpdate("0 0 * * *", "Mars/Olympus", "0 1 * * *", null));
    }
}
