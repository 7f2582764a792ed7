package io.tinykube.server.controller.batch;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What ParseStandard refuses, with robfig's words, which upstream's validation shows the user. */
class CronScheduleParseErrorsTest {
    private static final String[][] REFUSED = {
            {"", "empty spec string"},
            {"* * * *", "expected exactly 5 fields, found 4: [* * * *]"},
            {"0 0 * * * *", "expected exactly 5 fields, found 6: [0 0 * * * *]"},
            {"60 * * * *", "end of range (60) above maximum (59): 60"},
            {"* 24 * * *", "end of range (24) above maximum (23): 24"},
            {"0 0 0 * *", "beginning of range (0) below minimum (1): 0"},
            {"0 0 * 13 *", "end of range (13) above maximum (12): 13"},
            {"0 0 * * 7", "end of range (7) above maximum (6): 7"},
            {"0 0 * * FRI-MON", "beginning of range (5) beyond end of range (1): FRI-MON"},
            {"*/0 * * * *", "step of range should be a positive number: */0"},
            {"1-2-3 * * * *", "too many hyphens: 1-2-3"},
            {"1/2/3 * * * *", "too many slashes: 1/2/3"},
            {"x * * * *", "failed to parse int from x: strconv.Atoi: parsing \"x\": invalid syntax"},
            {"5- * * * *", "failed to parse int from : strconv.Atoi: parsing \"\": invalid syntax"},
            {"*/-1 * * * *", "negative number (-1) not allowed: -1"},
            {"99999999999999999999 * * * *",
                    "failed to parse int from 99999999999999999999: strconv.Atoi: parsing \"99999999999999999999\": value out of range"},
            {"0 0 * JANUARY *", "failed to parse int from JANUARY: strconv.Atoi: parsing \"JANUARY\": invalid syntax"},
            {"0 0 L * *", "failed to parse int from L: strconv.Atoi: parsing \"L\": invalid syntax"},
            {"0 0 * * MON#2", "failed to parse int from MON#2: strconv.Atoi: parsing \"MON#2\": invalid syntax"},
            {"@reboot", "unrecognized descriptor: @reboot"},
            {"@Daily", "unrecognized descriptor: @Daily"},
            {"@every 1x", "failed to parse duration @every 1x: time: unknown unit \"x\" in duration \"1x\""},
            {"@every 1", "failed to parse duration @every 1: time: missing unit in duration \"1\""},
            {"TZ=Mars/Olympus 0 0 * * *", "provided bad location Mars/Olympus: unknown time zone Mars/Olympus"},
    };

    @Test
    void refusedWithRobfigsMessage() {
        List<Executable> checks = new ArrayList<>();
        for (String[] c : REFUSED) {
            checks.add(() -> assertEquals(c[1], assertThrows(IllegalArgumentException.class, () -> CronSchedule.parse(c[0]), c[0]).getMessage()));
        }
        assertAll(checks);
    }

    @Test
    void emptyListItemsAreIgnored() {
        assertDoesNotThrow(() -> CronSchedule.parse("1,,2 * * * *"));
    }
}
