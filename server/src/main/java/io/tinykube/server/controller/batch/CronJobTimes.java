package io.tinykube.server.controller.batch;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/**
 * The time decisions of upstream's CronJob controller (v2, {@code pkg/controller/cronjob/utils.go}):
 * which scheduled start is due now, how many were missed, when to look again, and how the Job for a
 * start is named and stamped. Times without a zone of their own are read in the zone of {@code now},
 * which stands for the controller's local zone as upstream's {@code time.Local} does.
 */
public final class CronJobTimes {
    /** Set on each Job to its scheduled time, RFC 3339 in the CronJob's {@code timeZone} (UTC without one). */
    public static final String SCHEDULED_TIMESTAMP_ANNOTATION = "batch.kubernetes.io/cronjob-scheduled-timestamp";
    private static final long MANY_MISSED = 100;
    // Upstream wakes a little after the scheduled time so that a clock slightly behind still finds it due.
    private static final Duration NEXT_SCHEDULE_DELTA = Duration.ofMillis(100);
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX", Locale.ROOT);
    private static final DateTimeFormatter RFC1123Z = DateTimeFormatter.ofPattern("EEE, dd MMM uuuu HH:mm:ss Z", Locale.ENGLISH);

    private CronJobTimes() {
    }

    /**
     * A start that is due: {@code scheduledTime} is the most recent activation not after now.
     * {@code missedStarts} is upstream's estimate of the activations since the last start (0 when
     * only this one fell due). {@code tooLate} is upstream's starting-deadline check (event
     * {@code MissSchedule}: skip it); since the search already begins at now minus the deadline it
     * stays false, as upstream's does.
     */
    public record Due(ZonedDateTime scheduledTime, long missedStarts, boolean tooLate) {
        /** Upstream then records a warning event {@code TooManyMissedTimes} and still starts this one. */
        public boolean tooManyMissed() {
            return missedStarts > MANY_MISSED;
        }

        /** The message of upstream's {@code MissSchedule} event. */
        public String missedScheduleMessage() {
            return "Missed scheduled time to start a job: " + RFC1123Z.format(scheduledTime.withZoneSameInstant(ZoneOffset.UTC));
        }
    }

    /**
     * Upstream's {@code nextScheduleTime}: the start due now, if any, looking no further back than
     * the last scheduled time (else the creation time) and, with a starting deadline, than now minus it.
     * An {@link IllegalArgumentException} ({@code time difference between two schedules is less than
     * 1 second}) means a schedule that never fires, such as {@code 0 0 30 2 *}: upstream records
     * {@code InvalidSchedule} and does not requeue.
     */
    public static Optional<Due> due(CronSchedule schedule, Instant created, Instant lastScheduled,
            Long startingDeadlineSeconds, ZonedDateTime now) {
        Scan scan = scan(schedule, created, lastScheduled, startingDeadlineSeconds, now);
        if (scan.invalid) {
            throw new IllegalArgumentException("time difference between two schedules is less than 1 second");
        }
        if (scan.mostRecent == null) {
            return Optional.empty();
        }
        boolean tooLate = startingDeadlineSeconds != null
                && Duration.between(scan.mostRecent, now).compareTo(Duration.ofSeconds(startingDeadlineSeconds)) > 0;
        return Optional.of(new Due(scan.mostRecent, scan.missed, tooLate));
    }

    /**
     * Upstream's {@code nextScheduleTimeDuration}: how long until the next activation after the most
     * recent one (or after the last scheduled time when none is due), plus a small delta. Pass the
     * last scheduled time as it is after this sync, so after starting a Job its scheduled time.
     */
    public static Duration requeueAfter(CronSchedule schedule, Instant created, Instant lastScheduled, ZonedDateTime now) {
        Scan scan = scan(schedule, created, lastScheduled, null, now);
        ZonedDateTime from;
        if (scan.invalid) {
            from = now;
        } else if (scan.mostRecent != null) {
            from = scan.mostRecent;
        } else {
            // Missed starts whose most recent one the estimate overshot: aim past now.
            from = scan.missed == 0 ? scan.earliest : now;
        }
        // Never firing: upstream's duration to Go's zero time is negative, so at once.
        return schedule.next(from).map(next -> Duration.between(now, next).plus(NEXT_SCHEDULE_DELTA)).orElse(Duration.ZERO);
    }

    /** The Job's name, {@code <cronjob>-<minutes since the epoch>}, so one start never makes two Jobs. */
    public static String jobName(String cronJobName, Instant scheduledTime) {
        return cronJobName + "-" + scheduledTime.getEpochSecond() / 60;
    }

    /** The value of {@link #SCHEDULED_TIMESTAMP_ANNOTATION}; {@link IllegalArgumentException} for an unknown zone. */
    public static String scheduledTimestamp(Instant scheduledTime, String timeZone) {
        ZoneId zone = CronSchedule.location(timeZone == null ? "" : timeZone);
        return RFC3339.format(scheduledTime.atZone(zone == null ? ZoneId.systemDefault() : zone));
    }

    /**
     * Upstream's {@code mostRecentScheduleTime}. It does not walk every missed activation: it takes
     * the gap between the first two as the period, jumps to about one period before now and walks
     * from there, so an irregular schedule can report none due although one is (as upstream does).
     */
    private static Scan scan(CronSchedule schedule, Instant created, Instant lastScheduled, Long startingDeadlineSeconds,
            ZonedDateTime now) {
        ZonedDateTime earliest = (lastScheduled != null ? lastScheduled : created).atZone(now.getZone());
        if (startingDeadlineSeconds != null
                && Duration.between(earliest, now).compareTo(Duration.ofSeconds(startingDeadlineSeconds)) > 0) {
            earliest = now.minusSeconds(startingDeadlineSeconds);
        }
        ZonedDateTime t1 = schedule.next(earliest).orElse(null);
        if (t1 == null) {
            return new Scan(earliest, null, 0, true);
        }
        if (now.isBefore(t1)) {
            return new Scan(earliest, null, 0, false);
        }
        ZonedDateTime t2 = schedule.next(t1).orElse(null);
        if (t2 == null) {
            return new Scan(earliest, null, 0, true);
        }
        if (now.isBefore(t2)) {
            return new Scan(earliest, t1, 0, false);
        }
        long period = Duration.between(t1, t2).getSeconds(); // activations are whole seconds
        long missed = Duration.between(t1, now).getSeconds() / period + 1;
        ZonedDateTime mostRecent = null;
        Optional<ZonedDateTime> t = schedule.next(t1.plusSeconds((missed - 2) * period));
        while (t.isPresent() && !t.get().isAfter(now)) {
            mostRecent = t.get();
            t = schedule.next(mostRecent);
        }
        return new Scan(earliest, mostRecent, missed, false);
    }

    /** {@code invalid}: the schedule gave no two activations (upstream's zero time). */
    private record Scan(ZonedDateTime earliest, ZonedDateTime mostRecent, long missed, boolean invalid) {
    }
}
