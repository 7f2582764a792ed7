package io.tinykube.installer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Jobs run to completion on the simulated nodes: their pods succeed or fail as the template's
 * {@code sim-outcome} label says ("succeed", "fail"; running without one).
 */
class JobsIT {
    private static KubernetesClient client;

    @BeforeAll
    static void nodes() throws Exception {
        client = SharedServer.client();
        SharedServer.nodes().outcomes(pod -> switch (pod.getMetadata().getLabels() == null ? ""
                : pod.getMetadata().getLabels().getOrDefault("sim-outcome", "")) {
            case "succeed" -> SimulatedNodes.Outcome.SUCCEEDED;
            case "fail" -> SimulatedNodes.Outcome.FAILED;
            default -> SimulatedNodes.Outcome.RUNNING_READY;
        });
    }

    /** A Job manifest; pods bound to shared-node-1 since the scheduler is not on main yet. */
    private static Job job(String ns, String name, String outcome, String extraSpec) {
        String yaml = """
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: %s
                  namespace: %s
                spec:
                %s
                  template:
                    metadata:
                      labels:
                        sim-outcome: "%s"
                    spec:
                      nodeName: shared-node-1
                      restartPolicy: Never
                      containers:
                      - name: main
                        image: busybox
                """.formatted(name, ns, extraSpec.indent(2).stripTrailing(), outcome);
        HasMetadata created = client.resource(yaml).inNamespace(ns).create();
        return (Job) created;
    }

    private static Job awaitCondition(String ns, String name, String type) {
        return client.batch().v1().jobs().inNamespace(ns).withName(name).waitUntilCondition(j -> j != null && j.getStatus() != null
                && j.getStatus().getConditions().stream().anyMatch(c -> c.getType().equals(type) && c.getStatus().equals("True")),
                90, TimeUnit.SECONDS);
    }

    private static JobCondition condition(Job job, String type) {
        return job.getStatus().getConditions().stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
    }

    private static List<Pod> pods(String ns, String job) {
        return client.pods().inNamespace(ns).withLabel("batch.kubernetes.io/job-name", job).list().getItems();
    }

    private static String events(String ns, String name) throws Exception {
        return awaitEvents(ns, name, out -> true);
    }

    /** The object's events as "reason: message" lines, once {@code done} holds (events are written asynchronously). */
    private static String awaitEvents(String ns, String name, Predicate<String> done) throws Exception {
        return Kubectl.until(done, "1.33", SharedServer.get().kubeconfig, "-n", ns, "get", "events", "--field-selector",
                "involvedObject.name=" + name, "-o", "jsonpath={range .items[*]}{.reason}: {.message}{\"\\n\"}{end}").stdout();
    }

    @Test
    void completionsWithParallelismComplete() throws Exception {
        String ns = SharedServer.namespace("job-done");
        job(ns, "three", "succeed", "completions: 3\nparallelism: 2");
        Distribution.Result wait = SharedServer.kubectl("1.33", "-n", ns, "wait", "--for=condition=complete", "job/three", "--timeout=60s");
        assertEquals(0, wait.exitCode(), wait.output());
        Job done = client.batch().v1().jobs().inNamespace(ns).withName("three").get();
        assertEquals(3, done.getStatus().getSucceeded());
        assertNull(done.getStatus().getFailed());
        assertNotNull(done.getStatus().getCompletionTime());
        assertNotNull(done.getStatus().getStartTime());
        assertEquals("CompletionsReached", condition(done, "SuccessCriteriaMet").getReason());
        assertEquals("Reached expected number of succeeded pods", condition(done, "Complete").getMessage());
        List<Pod> pods = pods(ns, "three");
        assertEquals(3, pods.size(), "one pod per completion, none more");
        for (Pod pod : pods) {
            assertEquals(done.getMetadata().getUid(), pod.getMetadata().getLabels().get("batch.kubernetes.io/controller-uid"));
            assertEquals("three", pod.getMetadata().getLabels().get("job-name"));
            assertTrue(pod.getMetadata().getFinalizers().isEmpty(), "tracking finalizer removed once counted");
            assertEquals("Job", pod.getMetadata().getOwnerReferences().get(0).getKind());
            assertTrue(pod.getMetadata().getOwnerReferences().get(0).getController());
        }
        String events = awaitEvents(ns, "three", out -> out.contains("Completed: Job completed"));
        assertTrue(events.contains("SuccessfulCreate: Created pod: three-"), events);
        assertTrue(events.contains("Completed: Job completed"), events);
    }

    @Test
    void failingPodsAreRetriedUntilTheBackoffLimit() throws Exception {
        String ns = SharedServer.namespace("job-fail");
        job(ns, "flaky", "fail", "backoffLimit: 1");
        Job failed = awaitCondition(ns, "flaky", "Failed");
        assertEquals(2, failed.getStatus().getFailed(), "the first try and one retry after the 10 s back-off");
        assertEquals("BackoffLimitExceeded", condition(failed, "FailureTarget").getReason());
        assertEquals("Job has reached the specified backoff limit", condition(failed, "Failed").getMessage());
        assertNull(failed.getStatus().getCompletionTime());
        assertEquals(2, pods(ns, "flaky").size());
        String events = awaitEvents(ns, "flaky", out -> out.contains("BackoffLimitExceeded"));
        assertTrue(events.contains("BackoffLimitExceeded: Job has reached the specified backoff limit"), events);
    }

    @Test
    void indexedJobCompletesEveryIndex() throws Exception {
        String ns = SharedServer.namespace("job-indexed");
        job(ns, "idx", "succeed", "completions: 3\nparallelism: 3\ncompletionMode: Indexed");
        Job done = awaitCondition(ns, "idx", "Complete");
        assertEquals("0-2", done.getStatus().getCompletedIndexes());
        assertEquals(3, done.getStatus().getSucceeded());
        Set<String> hostnames = new TreeSet<>();
        for (Pod pod : pods(ns, "idx")) {
            String index = pod.getMetadata().getAnnotations().get("batch.kubernetes.io/job-completion-index");
            assertEquals(index, pod.getMetadata().getLabels().get("batch.kubernetes.io/job-completion-index"));
            assertTrue(pod.getMetadata().getName().startsWith("idx-" + index + "-"), pod.getMetadata().getName());
            hostnames.add(pod.getSpec().getHostname());
            assertTrue(pod.getSpec().getContainers().get(0).getEnv().stream().anyMatch(e -> e.getName().equals("JOB_COMPLETION_INDEX")
                    && e.getValueFrom().getFieldRef().getFieldPath().equals("metadata.annotations['batch.kubernetes.io/job-completion-index']")));
        }
        assertEquals(Set.of("idx-0", "idx-1", "idx-2"), hostnames);
    }

    @Test
    void activeDeadlineEndsARunningJob() throws Exception {
        String ns = SharedServer.namespace("job-deadline");
        job(ns, "slow", "", "activeDeadlineSeconds: 3\nparallelism: 2\ncompletions: 2");
        client.batch().v1().jobs().inNamespace(ns).withName("slow").waitUntilCondition(j -> j.getStatus() != null
                && j.getStatus().getReady() != null && j.getStatus().getReady() == 2, 30, TimeUnit.SECONDS);
        Job failed = awaitCondition(ns, "slow", "Failed");
        assertEquals("DeadlineExceeded", condition(failed, "Failed").getReason());
        assertEquals("Job was active longer than specified deadline", condition(failed, "Failed").getMessage());
        assertEquals(2, failed.getStatus().getFailed(), "the running pods were ended and count as failed");
        assertNull(failed.getStatus().getActive());
        client.pods().inNamespace(ns).withLabel("job-name", "slow").waitUntilCondition(p -> p == null, 30, TimeUnit.SECONDS);
    }

    @Test
    void podFailurePolicyFailsTheJobOnAnExitCode() throws Exception {
        String ns = SharedServer.namespace("job-pfp");
        job(ns, "strict", "fail", """
                backoffLimit: 6
                podFailurePolicy:
                  rules:
                  - action: FailJob
                    onExitCodes:
                      operator: In
                      values: [1]""");
        Job failed = awaitCondition(ns, "strict", "Failed");
        assertEquals("PodFailurePolicy", condition(failed, "Failed").getReason());
        String pod = pods(ns, "strict").get(0).getMetadata().getName();
        assertEquals("Container main for pod " + ns + "/" + pod + " failed with exit code 1 matching FailJob rule at index 0",
                condition(failed, "Failed").getMessage());
        assertEquals(1, failed.getStatus().getFailed(), "no retry despite backoffLimit 6");
    }

    @Test
    void suspendedJobRunsNothingUntilResumed() throws Exception {
        String ns = SharedServer.namespace("job-suspend");
        job(ns, "later", "succeed", "suspend: true");
        Job suspended = awaitCondition(ns, "later", "Suspended");
        assertEquals("JobSuspended", condition(suspended, "Suspended").getReason());
        assertNull(suspended.getStatus().getStartTime());
        assertTrue(pods(ns, "later").isEmpty());
        client.batch().v1().jobs().inNamespace(ns).withName("later").edit(j -> {
            j.getSpec().setSuspend(false);
            return j;
        });
        Job done = awaitCondition(ns, "later", "Complete");
        assertEquals("False", condition(done, "Suspended").getStatus());
        assertEquals("JobResumed", condition(done, "Suspended").getReason());
    }

    @Test
    void finishedJobIsDeletedAfterItsTtl() throws Exception {
        String ns = SharedServer.namespace("job-ttl");
        job(ns, "brief", "succeed", "ttlSecondsAfterFinished: 2");
        awaitCondition(ns, "brief", "Complete");
        // Foreground deletion: gone once the garbage collector has removed its pods, marked at least.
        client.batch().v1().jobs().inNamespace(ns).withName("brief").waitUntilCondition(j -> j == null
                || j.getMetadata().getDeletionTimestamp() != null, 30, TimeUnit.SECONDS);
    }

    @Test
    void kubectlCreatesAJobFromACronJob() throws Exception {
        String ns = SharedServer.namespace("job-from-cron");
        client.resource("""
                apiVersion: batch/v1
                kind: CronJob
                metadata:
                  name: nightly
                spec:
                  schedule: "0 3 * * *"
                  jobTemplate:
                    metadata:
                      labels:
                        team: batch
                    spec:
                      template:
                        metadata:
                          labels:
                            sim-outcome: succeed
                        spec:
                          nodeName: shared-node-2
                          restartPolicy: Never
                          containers:
                          - name: main
                            image: busybox
                """).inNamespace(ns).create();
        Distribution.Result create = SharedServer.kubectl("1.33", "-n", ns, "create", "job", "--from=cronjob/nightly", "manual-run");
        assertEquals(0, create.exitCode(), create.output());
        Job done = awaitCondition(ns, "manual-run", "Complete");
        assertEquals("manual", done.getMetadata().getAnnotations().get("cronjob.kubernetes.io/instantiate"));
        assertEquals("CronJob", done.getMetadata().getOwnerReferences().get(0).getKind());
        assertEquals(1, done.getStatus().getSucceeded());
        String cronEvents = events(ns, "nightly");
        assertTrue(cronEvents.isEmpty() || !cronEvents.contains("SuccessfulCreate"), "the schedule itself started nothing: " + cronEvents);
        assertEquals(Set.of("manual-run"), client.batch().v1().jobs().inNamespace(ns).list().getItems().stream()
                .map(j -> j.getMetadata().getName()).collect(Collectors.toSet()));
    }

    @Test
    void cronJobSchedulesAreValidatedAsUpstream() throws Exception {
        String ns = SharedServer.namespace("cron-valid");
        Distribution.Result bad = SharedServer.kubectl("1.33", "-n", ns, "create", "cronjob", "bad", "--image=busybox",
                "--schedule=61 * * * *");
        assertTrue(bad.exitCode() != 0, bad.output());
        assertTrue(bad.stderr().contains("spec.schedule: Invalid value: \"61 * * * *\""), bad.stderr());
        Distribution.Result zone = SharedServer.kubectl("1.33", "-n", ns, "create", "cronjob", "zoned", "--image=busybox",
                "--schedule=TZ=Europe/Berlin 0 3 * * *");
        assertTrue(zone.exitCode() != 0, "a TZ in a new schedule is refused: " + zone.output());
        assertEquals(0, SharedServer.kubectl("1.33", "-n", ns, "create", "cronjob", "good", "--image=busybox",
                "--schedule=*/5 * * * *").exitCode());
    }
}
