package io.tinykube.server.controller.batch;

import io.tinykube.server.api.ApiException.Cause;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneRules;
import java.time.zone.ZoneRulesProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A CronJob's {@code spec.schedule} as upstream reads it: robfig/cron v3's {@code ParseStandard}
 * (five fields, names, ranges, steps, {@code ?}, descriptors including {@code @every}, an optional
 * {@code TZ=}/{@code CRON_TZ=} prefix) and its {@code Next}, reproduced step by step, with Go's
 * {@code time.Date} normalisation, because that is what decides behaviour across DST: a wall time
 * skipped by a spring-forward does not fire, and one in a repeated hour fires in both of them.
 */
public final class CronSchedule {
    private static final long STAR = 1L << 63; // robfig's marker of a field written * or ?
    private static final Field MINUTES = new Field(0, 59, Map.of());
    private static final Field HOURS = new Field(0, 23, Map.of());
    private static final Field DAYS_OF_MONTH = new Field(1, 31, Map.of());
    private static final Field MONTHS = new Field(1, 12, Map.ofEntries(
            Map.entry("jan", 1), Map.entry("feb", 2), Map.entry("mar", 3), Map.entry("apr", 4),
            Map.entry("may", 5), Map.entry("jun", 6), Map.entry("jul", 7), Map.entry("aug", 8),
            Map.entry("sep", 9), Map.entry("oct", 10), Map.entry("nov", 11), Map.entry("dec", 12)));
    private static final Field DAYS_OF_WEEK = new Field(0, 6, Map.of(
            "sun", 0, "mon", 1, "tue", 2, "wed", 3, "thu", 4, "fri", 5, "sat", 6));
    // Names tzdata has that java.time lists only as aliases; Go loads them as these fixed zones.
    private static final Map<String, String> FIXED_ZONES = Map.of("EST", "-05:00", "MST", "-07:00", "HST", "-10:00");
    private static final Pattern TIME_ZONE_PART = Pattern.compile("^[A-Za-z.\\-_0-9+]{1,14}$");

    private final long minute;
    private final long hour;
    private final long dayOfMonth;
    private final long month;
    private final long dayOfWeek;
    private final long everySeconds; // > 0 for @every, which ignores the fields and the zone
    private final ZoneId zone; // null: the zone of the time given to next(), robfig's time.Local

    private CronSchedule(long minute, long hour, long dayOfMonth, long month, long dayOfWeek, long everySeconds, ZoneId zone) {
        this.minute = minute;
        this.hour = hour;
        this.dayOfMonth = dayOfMonth;
        this.month = month;
        this.dayOfWeek = dayOfWeek;
        this.everySeconds = everySeconds;
        this.zone = zone;
    }

    /**
     * Parses as {@code cron.ParseStandard}. An {@link IllegalArgumentException} carries robfig's
     * message, e.g. {@code expected exactly 5 fields, found 4: [* * * *]}.
     */
    public static CronSchedule parse(String spec) {
        if (spec.isEmpty()) {
            throw new IllegalArgumentException("empty spec string");
        }
        ZoneId zone = null;
        if (spec.startsWith("TZ=") || spec.startsWith("CRON_TZ=")) {
            // robfig takes the name up to the first space (and panics when there is none).
            int space = spec.indexOf(' ');
            String name = spec.substring(spec.indexOf('=') + 1, space < 0 ? spec.length() : space);
            try {
                zone = location(name);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("provided bad location " + name + ": " + e.getMessage());
            }
            spec = space < 0 ? "" : trimSpace(spec.substring(space));
        }
        if (spec.startsWith("@")) {
            return descriptor(spec, zone);
        }
        List<String> fields = splitOnSpace(spec);
        if (fields.size() != 5) {
            throw new IllegalArgumentException("expected exactly 5 fields, found " + fields.size() + ": [" + String.join(" ", fields) + "]");
        }
        return new CronSchedule(bits(fields.get(0), MINUTES), bits(fields.get(1), HOURS), bits(fields.get(2), DAYS_OF_MONTH),
                bits(fields.get(3), MONTHS), bits(fields.get(4), DAYS_OF_WEEK), 0, zone);
    }

    /**
     * The schedule the CronJob controller runs (upstream's {@code formatSchedule}): a valid
     * {@code timeZone} becomes a {@code TZ=} prefix unless the schedule already mentions TZ, which then wins.
     */
    public static CronSchedule forCronJob(String schedule, String timeZone) {
        if (schedule.contains("TZ") || timeZone == null) {
            return parse(schedule);
        }
        try {
            location(timeZone);
        } catch (IllegalArgumentException e) {
            return parse(schedule);
        }
        return parse("TZ=" + timeZone + " " + schedule);
    }

    /** Upstream's validation of a new CronJob's {@code spec.schedule} and {@code spec.timeZone}. */
    public static List<Cause> validate(String schedule, String timeZone) {
        return validate(schedule, timeZone, false, true);
    }

    /**
     * The same on update: a TZ in the schedule stays allowed (without {@code timeZone}) if the old
     * schedule had one, and {@code timeZone} is checked only when it changed.
     */
    public static List<Cause> validateUpdate(String schedule, String timeZone, String oldSchedule, String oldTimeZone) {
        return validate(schedule, timeZone, oldSchedule != null && oldSchedule.contains("TZ"),
                !Objects.equals(timeZone, oldTimeZone));
    }

    private static List<Cause> validate(String schedule, String timeZone, boolean allowTzInSchedule, boolean checkTimeZone) {
        List<Cause> causes = new ArrayList<>();
        if (schedule == null || schedule.isEmpty()) {
            causes.add(new Cause("FieldValueRequired", "Required value", "spec.schedule"));
        } else {
            try {
                parse(schedule);
            } catch (IllegalArgumentException e) {
                causes.add(invalid("spec.schedule", schedule, e.getMessage()));
            }
            if (allowTzInSchedule && schedule.contains("TZ") && timeZone != null) {
                causes.add(invalid("spec.schedule", schedule, "cannot use both timeZone field and TZ or CRON_TZ in schedule"));
            } else if (!allowTzInSchedule && schedule.contains("TZ")) {
                causes.add(invalid("spec.schedule", schedule, "cannot use TZ or CRON_TZ in schedule, use timeZone field instead"));
            }
        }
        if (checkTimeZone && timeZone != null) {
            validateTimeZone(timeZone, causes);
        }
        return causes;
    }

    private static void validateTimeZone(String timeZone, List<Cause> causes) {
        if (timeZone.isEmpty()) {
            causes.add(invalid("spec.timeZone", timeZone, "timeZone must be nil or non-empty string"));
            return;
        }
        for (String part : timeZone.split("/", -1)) {
            if (part.equals(".") || part.equals("..") || part.startsWith("-") || !TIME_ZONE_PART.matcher(part).matches()) {
                causes.add(invalid("spec.timeZone", timeZone, "unknown time zone " + timeZone));
                return;
            }
        }
        if (timeZone.equalsIgnoreCase("Local")) {
            causes.add(invalid("spec.timeZone", timeZone, "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones"));
        }
        try {
            location(timeZone);
        } catch (IllegalArgumentException e) {
            causes.add(invalid("spec.timeZone", timeZone, e.getMessage()));
        }
    }

    private static Cause invalid(String field, String value, String detail) {
        return new Cause("FieldValueInvalid", "Invalid value: " + quote(value) + ": " + detail, field);
    }

    /**
     * Go's {@code time.LoadLocation}: "" and "UTC" are UTC, "Local" is null (the caller's zone),
     * anything else an IANA name; {@link IllegalArgumentException} with Go's message otherwise.
     */
    static ZoneId location(String name) {
        if (name.isEmpty() || name.equals("UTC")) {
            return ZoneOffset.UTC;
        }
        if (name.equals("Local")) {
            return null;
        }
        if (name.startsWith("/") || name.startsWith("\\") || name.contains("..")) {
            throw new IllegalArgumentException("time: invalid location name");
        }
        if (FIXED_ZONES.containsKey(name)) {
            return ZoneId.of(FIXED_ZONES.get(name));
        }
        if (!ZoneRulesProvider.getAvailableZoneIds().contains(name)) { // ZoneId.of would also take offsets like UTC+1
            throw new IllegalArgumentException("unknown time zone " + name);
        }
        return ZoneId.of(name);
    }

    private static CronSchedule descriptor(String spec, ZoneId zone) {
        long allDays = all(DAYS_OF_MONTH);
        long allMonths = all(MONTHS);
        long allWeekdays = all(DAYS_OF_WEEK);
        switch (spec) {
            case "@yearly":
            case "@annually":
                return new CronSchedule(1, 1, 1L << 1, 1L << 1, allWeekdays, 0, zone);
            case "@monthly":
                return new CronSchedule(1, 1, 1L << 1, allMonths, allWeekdays, 0, zone);
            case "@weekly":
                return new CronSchedule(1, 1, allDays, allMonths, 1, 0, zone);
            case "@daily":
            case "@midnight":
                return new CronSchedule(1, 1, allDays, allMonths, allWeekdays, 0, zone);
            case "@hourly":
                return new CronSchedule(1, all(HOURS), allDays, allMonths, allWeekdays, 0, zone);
            default:
                break;
        }
        if (spec.startsWith("@every ")) {
            long nanos;
            try {
                nanos = GoDuration.parseNanos(spec.substring("@every ".length()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("failed to parse duration " + spec + ": " + e.getMessage());
            }
            // robfig rounds below a second up to one and drops fractions of a second.
            return new CronSchedule(0, 0, 0, 0, 0, Math.max(nanos, 1_000_000_000L) / 1_000_000_000L, null);
        }
        throw new IllegalArgumentException("unrecognized descriptor: " + spec);
    }

    /** The activation strictly after {@code after}, in its zone; empty when none comes within five years (robfig's limit). */
    public Optional<ZonedDateTime> next(ZonedDateTime after) {
        if (everySeconds > 0) {
            return Optional.of(after.truncatedTo(ChronoUnit.SECONDS).plusSeconds(everySeconds));
        }
        Clock t = new Clock(zone != null ? zone : after.getZone(), after.toEpochSecond() + 1);
        boolean added = false; // once a field moved, the finer ones start from their minimum
        int yearLimit = t.wall.getYear() + 5;
        wrap:
        while (t.wall.getYear() <= yearLimit) {
            while ((month & 1L << t.wall.getMonthValue()) == 0) {
                if (!added) {
                    added = true;
                    t.place(t.wall.toLocalDate().withDayOfMonth(1).atStartOfDay());
                }
                t.addDate(1, 0);
                if (t.wall.getMonthValue() == 1) {
                    continue wrap;
                }
            }
            while (!dayMatches(t.wall)) {
                if (!added) {
                    added = true;
                    t.place(t.wall.toLocalDate().atStartOfDay());
                }
                t.addDate(0, 1);
                // A DST change moved midnight: robfig steps back to the nearest midnight.
                int h = t.wall.getHour();
                if (h != 0) {
                    t.add((h > 12 ? 24 - h : -h) * 3600L);
                }
                if (t.wall.getDayOfMonth() == 1) {
                    continue wrap;
                }
            }
            while ((hour & 1L << t.wall.getHour()) == 0) {
                if (!added) {
                    added = true;
                    t.place(t.wall.truncatedTo(ChronoUnit.HOURS));
                }
                t.add(3600);
                if (t.wall.getHour() == 0) {
                    continue wrap;
                }
            }
            while ((minute & 1L << t.wall.getMinute()) == 0) {
                if (!added) {
                    added = true;
                    t.set(Math.floorDiv(t.epochSecond, 60) * 60);
                }
                t.add(60);
                if (t.wall.getMinute() == 0) {
                    continue wrap;
                }
            }
            // The seconds field of a standard schedule is always 0.
            while (t.wall.getSecond() != 0) {
                added = true;
                t.add(1);
                if (t.wall.getSecond() == 0) {
                    continue wrap;
                }
            }
            return Optional.of(ZonedDateTime.ofInstant(Instant.ofEpochSecond(t.epochSecond), after.getZone()));
        }
        return Optional.empty();
    }

    /** Both day fields restricted (neither written * or ?): either may match; otherwise both must. */
    private boolean dayMatches(LocalDateTime wall) {
        boolean domMatch = (dayOfMonth & 1L << wall.getDayOfMonth()) != 0;
        boolean dowMatch = (dayOfWeek & 1L << wall.getDayOfWeek().getValue() % 7) != 0;
        if ((dayOfMonth & STAR) != 0 || (dayOfWeek & STAR) != 0) {
            return domMatch && dowMatch;
        }
        return domMatch || dowMatch;
    }

    /** An instant with its wall time in one zone, moved the ways robfig moves Go's time.Time. */
    private static final class Clock {
        private final ZoneRules rules;
        private long epochSecond;
        private LocalDateTime wall;

        Clock(ZoneId zone, long epochSecond) {
            this.rules = zone.getRules();
            set(epochSecond);
        }

        void set(long epochSecond) {
            this.epochSecond = epochSecond;
            this.wall = LocalDateTime.ofEpochSecond(epochSecond, 0, rules.getOffset(Instant.ofEpochSecond(epochSecond)));
        }

        void add(long seconds) {
            set(epochSecond + seconds);
        }

        /** Go's {@code AddDate(0, months, days)}: the same wall time that many months and days on, overflow carried. */
        void addDate(int months, int days) {
            place(LocalDate.of(wall.getYear(), 1, 1).plusMonths(wall.getMonthValue() - 1L + months)
                    .plusDays(wall.getDayOfMonth() - 1L + days).atTime(wall.toLocalTime()));
        }

        /**
         * Go's {@code time.Date}: a wall time in a gap or an overlap takes the offset in force at
         * the instant (wall time read as UTC) minus the offset there, not always java.time's choice.
         */
        void place(LocalDateTime wallTime) {
            long asUtc = wallTime.toEpochSecond(ZoneOffset.UTC);
            int guess = rules.getOffset(Instant.ofEpochSecond(asUtc)).getTotalSeconds();
            set(asUtc - rules.getOffset(Instant.ofEpochSecond(asUtc - guess)).getTotalSeconds());
        }
    }

    private static long bits(String field, Field bounds) {
        long bits = 0;
        for (String range : field.split(",")) {
            if (!range.isEmpty()) { // Go's FieldsFunc drops empty items
                bits |= rangeBits(range, bounds);
            }
        }
        return bits;
    }

    /** {@code number | number "-" number ["/" number]}, or * and ?, each with names where the field has them. */
    private static long rangeBits(String expr, Field bounds) {
        String[] rangeAndStep = expr.split("/", -1);
        String[] lowAndHigh = rangeAndStep[0].split("-", -1);
        long start;
        long end;
        long extra = 0;
        if (lowAndHigh[0].equals("*") || lowAndHigh[0].equals("?")) {
            start = bounds.min;
            end = bounds.max;
            extra = STAR;
        } else {
            start = intOrName(lowAndHigh[0], bounds);
            if (lowAndHigh.length == 1) {
                end = start;
            } else if (lowAndHigh.length == 2) {
                end = intOrName(lowAndHigh[1], bounds);
            } else {
                throw new IllegalArgumentException("too many hyphens: " + expr);
            }
        }
        long step = 1;
        if (rangeAndStep.length == 2) {
            step = atoi(rangeAndStep[1]);
            if (lowAndHigh.length == 1) {
                end = bounds.max; // "N/step" means N-max/step
            }
            if (step > 1) {
                extra = 0; // */2 restricts the field, so the day OR rule applies
            }
        } else if (rangeAndStep.length > 2) {
            throw new IllegalArgumentException("too many slashes: " + expr);
        }
        if (start < bounds.min) {
            throw new IllegalArgumentException("beginning of range (" + start + ") below minimum (" + bounds.min + "): " + expr);
        }
        if (end > bounds.max) {
            throw new IllegalArgumentException("end of range (" + end + ") above maximum (" + bounds.max + "): " + expr);
        }
        if (start > end) {
            throw new IllegalArgumentException("beginning of range (" + start + ") beyond end of range (" + end + "): " + expr);
        }
        if (step == 0) {
            throw new IllegalArgumentException("step of range should be a positive number: " + expr);
        }
        long bits = 0;
        for (long i = start; i <= end; i += step) {
            bits |= 1L << i;
        }
        return bits | extra;
    }

    private static long intOrName(String expr, Field bounds) {
        Integer named = bounds.names.get(expr.toLowerCase(Locale.ROOT));
        return named != null ? named : atoi(expr);
    }

    /** Go's {@code strconv.Atoi}, then robfig's refusal of negatives; its messages are the user's. */
    private static long atoi(String expr) {
        String prefix = "failed to parse int from " + expr + ": strconv.Atoi: parsing " + quote(expr);
        int i = 0;
        boolean negative = false;
        if (!expr.isEmpty() && (expr.charAt(0) == '+' || expr.charAt(0) == '-')) {
            negative = expr.charAt(0) == '-';
            i = 1;
        }
        if (i == expr.length()) {
            throw new IllegalArgumentException(prefix + ": invalid syntax");
        }
        long n = 0; // unsigned, as Go's ParseUint accumulates
        for (; i < expr.length(); i++) {
            char c = expr.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException(prefix + ": invalid syntax");
            }
            long next = n * 10 + (c - '0');
            if (Long.compareUnsigned(n, Long.divideUnsigned(-1L, 10)) > 0 || Long.compareUnsigned(next, n * 10) < 0) {
                throw new IllegalArgumentException(prefix + ": value out of range");
            }
            n = next;
        }
        if (Long.compareUnsigned(n, negative ? Long.MIN_VALUE : Long.MAX_VALUE) > 0) {
            throw new IllegalArgumentException(prefix + ": value out of range");
        }
        if (negative && n != 0) {
            throw new IllegalArgumentException("negative number (" + -n + ") not allowed: " + expr);
        }
        return n;
    }

    private static long all(Field bounds) {
        long bits = 0;
        for (int i = bounds.min; i <= bounds.max; i++) {
            bits |= 1L << i;
        }
        return bits | STAR;
    }

    /** Go's strings.Fields: split on Unicode white space, dropping empty items. */
    private static List<String> splitOnSpace(String s) {
        List<String> fields = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= s.length(); i++) {
            boolean space = i == s.length() || isSpace(s.charAt(i));
            if (space && start >= 0) {
                fields.add(s.substring(start, i));
                start = -1;
            } else if (!space && start < 0) {
                start = i;
            }
        }
        return fields;
    }

    private static String trimSpace(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && isSpace(s.charAt(from))) {
            from++;
        }
        while (to > from && isSpace(s.charAt(to - 1))) {
            to--;
        }
        return s.substring(from, to);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r') || c == 0x85 || Character.isSpaceChar(c);
    }

    /** Go's {@code %q} for the ASCII that matters: quotes, backslashes and control characters escaped. */
    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case 7 -> sb.append("\\a");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case 11 -> sb.append("\\v");
                default -> {
                    if (c < ' ' || c == 0x7f) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    private record Field(int min, int max, Map<String, Integer> names) {
    }
}
