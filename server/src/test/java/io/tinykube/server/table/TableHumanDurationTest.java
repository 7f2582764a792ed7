package io.tinykube.server.table;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code duration.HumanDuration} at each of its boundaries. */
class TableHumanDurationTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "-PT2S, <invalid>",
            "-PT1.9S, 0s",
            "-PT1S, 0s",
            "-PT0.5S, 0s",
            "PT0S, 0s",
            "PT0.9S, 0s",
            "PT5S, 5s",
            "PT59S, 59s",
            "PT119S, 119s",
            "PT120S, 2m",
            "PT125S, 2m5s",
            "PT3M5S, 3m5s",
            "PT9M59S, 9m59s",
            "PT10M, 10m",
            "PT10M59S, 10m",
            "PT65M, 65m",
            "PT179M59S, 179m",
            "PT3H, 3h",
            "PT3H20M, 3h20m",
            "PT7H59M59S, 7h59m",
            "PT8H, 8h",
            "PT8H20M, 8h",
            "PT47H59M, 47h",
            "PT48H, 2d",
            "PT51H, 2d3h",
            "PT191H59M, 7d23h",
            "PT192H, 8d",
            "PT1200H, 50d",
            "PT17519H, 729d",
            "PT17520H, 2y",
            "PT17592H, 2y3d",
            "PT70079H, 7y364d",
            "PT70080H, 8y",
            "PT100000H, 11y",
    })
    void formatsLikeUpstream(String duration, String expected) {
        assertEquals(expected, HumanDuration.format(Duration.parse(duration)));
    }

    @Test
    void missingTimestampIsUnknown() {
        assertEquals("<unknown>", HumanDuration.since(null, Instant.parse("2025-01-01T00:00:00Z")));
    }

    @Test
    void sinceMeasuresToTheGivenNow() {
        assertEquals("3m5s", HumanDuration.since(Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2025-01-01T00:03:05Z")));
    }

    @Test
    void hugeDurationsSaturateLikeGo() {
        assertEquals("292y", HumanDuration.format(Duration.ofDays(365L * 10_000)));
    }

    @Test
    void ageOfAnObjectWithoutCreationTimestampIsUnknown() {
        assertEquals("<unknown>", Fixtures.text("""
                {"kind":"Namespace","apiVersion":"v1","metadata":{"name":"x"},"status":{"phase":"Active"}}""", "Age"));
        assertEquals("<unknown>", Fixtures.text("""
                {"kind":"Namespace","apiVersion":"v1","metadata":{"name":"x","creationTimestamp":null}}""", "Age"));
    }
}
