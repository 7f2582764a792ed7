package io.tinykube.server.table;

import static io.tinykube.server.table.Fixtures.cell;
import static io.tinykube.server.table.Fixtures.cells;
import static io.tinykube.server.table.Fixtures.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Job rows (status as Kubernetes 1.33 prints it, completions, duration) and CronJob rows. */
class TableJobTest {

    private static String job(String metadataExtra, String spec, String status) {
        return """
                {"kind":"Job","apiVersion":"batch/v1",
                 "metadata":{"name":"pi","creationTimestamp":"2025-05-01T11:50:00Z"%s},
                 "spec":%s,"status":%s}""".formatted(metadataExtra, spec, status);
    }

    private static String status(String conditions) {
        return job("", "{\"completions\":1}", "{\"conditions\":" + conditions + "}");
    }

    @Test
    void completeJob() {
        List<JsonNode> cells = cells(job("", """
                {"completions":1,"parallelism":1,"selector":{"matchLabels":{"batch.kubernetes.io/controller-uid":"u1"}},
                 "template":{"spec":{"containers":[{"name":"pi","image":"perl:5.34"}]}}}""", """
                {"succeeded":1,"startTime":"2025-05-01T11:50:00Z","completionTime":"2025-05-01T11:50:45Z",
                 "conditions":[{"type":"SuccessCriteriaMet","status":"True"},{"type":"Complete","status":"True"}]}"""));
        assertEquals(List.of("pi", "Complete", "1/1", "45s", "10m", "pi", "perl:5.34",
                "batch.kubernetes.io/controller-uid=u1"), cells.stream().map(JsonNode::asText).toList());
    }

    @Test
    void statusFollowsTheConditionsInUpstreamsOrder() {
        assertEquals("Running", text(status("[]"), "Status"));
        assertEquals("Failed", text(status("[{\"type\":\"FailureTarget\",\"status\":\"True\"},{\"type\":\"Failed\",\"status\":\"True\"}]"), "Status"));
        assertEquals("Suspended", text(status("[{\"type\":\"Suspended\",\"status\":\"True\"}]"), "Status"));
        assertEquals("FailureTarget", text(status("[{\"type\":\"FailureTarget\",\"status\":\"True\"}]"), "Status"));
        assertEquals("Running", text(status("[{\"type\":\"Suspended\",\"status\":\"False\"}]"), "Status"));
    }

    @Test
    void successCriteriaMetAloneIsRunningOnA133Server() {
        // kubernetes/kubernetes#132832 added a SuccessCriteriaMet status in 1.34
        assertEquals("Running", text(status("[{\"type\":\"SuccessCriteriaMet\",\"status\":\"True\"}]"), "Status"));
    }

    @Test
    void deletedJobIsTerminatingUnlessFinished() {
        String deleting = ",\"deletionTimestamp\":\"2025-05-01T11:59:00Z\"";
        assertEquals("Terminating", text(job(deleting, "{}", "{\"conditions\":[{\"type\":\"Suspended\",\"status\":\"True\"}]}"), "Status"));
        assertEquals("Complete", text(job(deleting, "{}", "{\"conditions\":[{\"type\":\"Complete\",\"status\":\"True\"}]}"), "Status"));
    }

    @Test
    void completions() {
        assertEquals("2/5", text(job("", "{\"completions\":5,\"parallelism\":2}", "{\"succeeded\":2}"), "Completions"));
        assertEquals("0/1 of 3", text(job("", "{\"parallelism\":3}", "{}"), "Completions"));
        assertEquals("1/1", text(job("", "{\"parallelism\":1}", "{\"succeeded\":1}"), "Completions"));
        assertEquals("0/1", text(job("", "{}", "{}"), "Completions"));
    }

    @Test
    void durationRunsUntilCompletion() {
        assertEquals("", text(job("", "{}", "{}"), "Duration"));
        assertEquals("3m", text(job("", "{}", "{\"startTime\":\"2025-05-01T11:57:00Z\"}"), "Duration"));
        assertEquals("2m5s", text(job("", "{}", "{\"startTime\":\"2025-05-01T11:50:00Z\",\"completionTime\":\"2025-05-01T11:52:05Z\"}"), "Duration"));
    }

    @Test
    void cronJob() {
        List<JsonNode> cells = cells("""
                {"kind":"CronJob","apiVersion":"batch/v1","metadata":{"name":"backup","creationTimestamp":"2025-04-30T12:00:00Z"},
                 "spec":{"schedule":"*/5 * * * *","suspend":false,
                   "jobTemplate":{"spec":{"template":{"spec":{"containers":[{"name":"b","image":"busybox"},{"name":"c","image":"alpine:3"}]}}}}},
                 "status":{"active":[{"name":"backup-1"}],"lastScheduleTime":"2025-05-01T11:55:00Z"}}""");
        assertEquals(List.of("backup", "*/5 * * * *", "<none>", "False", "1", "5m", "24h", "b,c", "busybox,alpine:3",
                "<none>"), cells.stream().map(JsonNode::asText).toList());
        assertTrue(cells.get(4).isIntegralNumber());
    }

    @Test
    void cronJobNeverScheduledWithTimeZone() {
        String cronJob = """
                {"kind":"CronJob","apiVersion":"batch/v1","metadata":{"name":"n"},
                 "spec":{"schedule":"0 3 * * *","timeZone":"Europe/Berlin","suspend":true,"jobTemplate":{"spec":{}}}}""";
        assertEquals("<none>", text(cronJob, "Last Schedule"));
        assertEquals("Europe/Berlin", text(cronJob, "Timezone"));
        assertEquals("True", text(cronJob, "Suspend"));
        assertEquals(0, cell(cronJob, "Active").asLong());
    }
}
