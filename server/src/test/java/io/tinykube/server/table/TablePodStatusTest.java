package io.tinykube.server.table;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The STATUS cell of {@code kubectl get pods}: upstream printPod's "reason", in each of its cases. */
class TablePodStatusTest {

    private static String status(String podJson) {
        return Fixtures.text(podJson, "Status");
    }

    private static String ready(String podJson) {
        return Fixtures.text(podJson, "Ready");
    }

    @Test
    void pendingPodWithoutContainerStatusesShowsThePhase() {
        String pod = """
                {"kind":"Pod","apiVersion":"v1","metadata":{"name":"p"},
                 "spec":{"containers":[{"name":"app"}]},"status":{"phase":"Pending"}}""";
        assertEquals("Pending", status(pod));
        assertEquals("0/1", ready(pod));
    }

    @Test
    void runningReadyContainerIsRunning() {
        String pod = """
                {"kind":"Pod","apiVersion":"v1","metadata":{"name":"p"},
                 "spec":{"containers":[{"name":"app"},{"name":"sidecar"}]},
                 "status":{"phase":"Running","conditions":[{"type":"Ready","status":"False"}],
                   "containerStatuses":[
                     {"name":"app","ready":true,"restartCount":0,"state":{"running":{"startedAt":"2025-05-01T11:00:00Z"}}},
                     {"name":"sidecar","ready":false,"restartCount":0,"state":{"running":{"startedAt":"2025-05-01T11:00:00Z"}}}]}}""";
        assertEquals("Running", status(pod));
        assertEquals("1/2", ready(pod));
    }

    @Test
    void statusReasonOverridesThePhase() {
        assertEquals("Evicted", status("""
                {"kind":"Pod","apiVersion":"v1","metadata":{"name":"p"},
                 "spec":{"containers":[{"name":"app"}]},
                 "status":{"phase":"Failed","reason":"Evicted","message":"The node was low on resource: memory."}}"""));
    }

    @Test
    void schedulingGatedPod() {
        assertEquals("SchedulingGated", status("""
                {"kind":"Pod","apiVersion":"v1","metadata":{"name":"p"},
                 "spec":{"containers":[{"name":"app"}],"schedulingGates":[{"name":"example.com/gate"}]},
                 "status":{"phase":"Pending","conditions":[{"type":"PodScheduled","status":"False","reason":"SchedulingGated"}]}}"""));
    }

    @Test
    void waitingContainerShowsItsReason() {
        for (String reason : new String[] {"ContainerCreating", "CrashLoopBackOff", "ErrImagePull", "ImagePullBackOff",
                "CreateContainerConfigError"}) {
            assertEquals(reason, status("""
                    {"kind":"Pod","apiVersion":"v1","metadata":{"name":"p"},
                     "spec":{"containers":[{"name":"app"}]},
                     "status":{"phase":"Pending","containerStatuses":[
                       {"name":"app","ready":false,"restartCount":0,"state":{"waiting":{"reason":"%s"}}}]}}"""
                    .formatted(reason)));
        }
    }

    @Test
    void terminatedContainerShowsItsReasonOrSignalOrExitCode() {
        String template = """
                {"kind":"Pod","apiVersion":"v1","metadata":{"name":"p"},
                 "spec":{"containers":[{"name":"app"}]},
                 "status":{"phase":"Failed","containerStatuses":[
                   {"name":"app","ready":false,"restartCount":0,"state":{"terminated":%s}}]}}""";
        assertEquals("Error", status(template.formatted("{\"exitCode\":1,\"reason\":\"Error\"}")));
        assertEquals("OOMKilled", status(template.formatted("{\"exitCode\":137,\"reason\":\"OOMKilled\"}")));
        assertEquals("Signal:9", status(template.formatted("{\"exitCode\":137,\"signal\":9}")));
        assertEquals("ExitCode:2", status(template.formatted("{\"exitCode\":2}")));
    }

    @Test
    void succeededPodIsCompleted() {
        assertEquals("Completed", status("""
                {"kind":"Pod","apiVersion":"v1","metadata":{"name":"p"},
                 "spec":{"containers":[{"name":"app"}]},
                 "status":{"phase":"Succeeded","containerStatuses":[
                   {"name":"app","ready":false,"restartCount":0,"state":{"terminated":{"exitCode":0,"reason":"Completed"}}}]}}"""));
    }

    @Test
    void completedContainerBesideARunningOneIsRunningOrNotReady() {
        String template = """
                {"kind":"Pod","apiVersion":"v1","metadata":{"name":"p"},
                 "spec":{"containers":[{"name":"job"},{"name":"proxy"}]},
                 "status":{"phase":"Running","conditions":[{"type":"Ready","status":"%s"}],"containerStatuses":[
                   {"name":"job","ready":false,"restartCount":0,"state":{"terminated":{"exitCode":0,"reason":"Completed"}}},
                   {"name":"proxy","ready":true,"restartCount":0,"state":{"running":{}}}]}}""";
        assertEquals("Running", status(template.formatted("True")));
        assertEquals("NotReady", status(template.formatted("False")));
        assertEquals("1/2", ready(template.formatted("False")));
    }

    @Test
    void deletedPodIsTerminatingUnlessFinished() {
        String template = """
                {"kind":"Pod","apiVersion":"v1",
                 "metadata":{"name":"p","deletionTimestamp":"2025-05-01T11:59:30Z","deletionGracePeriodSeconds":30},
                 "spec":{"containers":[{"name":"app"}]},
                 "status":{"phase":"%s","containerStatuses":[
                   {"name":"app","ready":true,"restartCount":0,"state":%s}]}}""";
        assertEquals("Terminating", status(template.formatted("Running", "{\"running\":{}}")));
        assertEquals("Completed", status(template.formatted("Succeeded",
                "{\"terminated\":{\"exitCode\":0,\"reason\":\"Completed\"}}")));
        assertEquals("Error", status(template.formatted("Failed", "{\"terminated\":{\"exitCode\":1,\"reason\":\"Error\"}}")));
    }

    @Test
    void deletedPodOnALostNodeIsUnknown() {
        assertEquals("Unknown", status("""
                {"kind":"Pod","apiVersion":"v1","metadata":{"name":"p","deletionTimestamp":"2025-05-01T11:00:00Z"},
                 "spec":{"containers":[{"name":"app"}]},
                 "status":{"phase":"Running","reason":"NodeLost","containerStatuses":[
                   {"name":"app","ready":true,"restartCount":0,"state":{"running":{}}}]}}"""));
    }

    @Test
    void initContainersInProgressShowTheirIndex() {
        String pod = """
                {"kind":"Pod","apiVersion":"v1","metadata":{"name":"p"},
                 "spec":{"initContainers":[{"name":"a"},{"name":"b"}],"containers":[{"name":"app"}]},
                 "status":{"phase":"Pending","initContainerStatuses":[
                   {"name":"a","ready":false,"restartCount":0,"state":{"terminated":{"exitCode":0,"reason":"Completed"}}},
                   {"name":"b","ready":false,"restartCount":0,"state":{"running":{}}}],
                  "containerStatuses":[{"name":"app","ready":false,"restartCount":0,"state":{"waiting":{"reason":"PodInitializing"}}}]}}""";
        assertEquals("Init:1/2", status(pod));
        assertEquals("0/1", ready(pod));
        assertEquals("Init:0/1", status("""
                {"kind":"Pod","apiVersion":"v1","metadata":{"name":"p"},
                 "spec":{"initContainers":[{"name":"a"}],"containers":[{"name":"app"}]},
                 "status":{"phase":"Pending","initContainerStatuses":[
                   {"name":"a","ready":false,"restartCount":0,"state":{"waiting":{"reason":"PodInitializing"}}}]}}"""));
    }

    @Test
    void failingInitContainerShowsInitAndItsReason() {
        String template = """
                {"kind":"Pod","apiVersion":"v1","metadata":{"name":"p"},
                 "spec":{"initContainers":[{"name":"a"}],"containers":[{"name":"app"}]},
                 "status":{"phase":"Pending","initContainerStatuses":[
                   {"name":"a","ready":false,"restartCount":3,"state":%s}],
                  "containerStatuses":[{"name":"app","ready":false,"restartCount":0,"state":{"waiting":{"reason":"PodInitializing"}}}]}}""";
        assertEquals("Init:CrashLoopBackOff", status(template.formatted("{\"waiting\":{\"reason\":\"CrashLoopBackOff\"}}")));
        assertEquals("Init:ErrImagePull", status(template.formatted("{\"waiting\":{\"reason\":\"ErrImagePull\"}}")));
        assertEquals("Init:Error", status(template.formatted("{\"terminated\":{\"exitCode\":1,\"reason\":\"Error\"}}")));
        assertEquals("Init:ExitCode:3", status(template.formatted("{\"terminated\":{\"exitCode\":3}}")));
        assertEquals("Init:Signal:15", status(template.formatted("{\"terminated\":{\"exitCode\":143,\"signal\":15}}")));
    }

    @Test
    void finishedInitContainersLeaveTheMainContainersReason() {
        assertEquals("PodInitializing", status("""
                {"kind":"Pod","apiVersion":"v1","metadata":{"name":"p"},
                 "spec":{"initContainers":[{"name":"a"}],"containers":[{"name":"app"}]},
                 "status":{"phase":"Pending","initContainerStatuses":[
                   {"name":"a","ready":false,"restartCount":0,"state":{"terminated":{"exitCode":0,"reason":"Completed"}}}],
                  "containerStatuses":[{"name":"app","ready":false,"restartCount":0,"state":{"waiting":{"reason":"PodInitializing"}}}]}}"""));
    }

    @Test
    void startedSidecarCountsAsAContainer() {
        String pod = """
                {"kind":"Pod","apiVersion":"v1","metadata":{"name":"p"},
                 "spec":{"initContainers":[{"name":"proxy","restartPolicy":"Always"}],"containers":[{"name":"app"}]},
                 "status":{"phase":"Running","conditions":[{"type":"Initialized","status":"True"},{"type":"Ready","status":"True"}],
                  "initContainerStatuses":[{"name":"proxy","ready":true,"started":true,"restartCount":0,"state":{"running":{}}}],
                  "containerStatuses":[{"name":"app","ready":true,"restartCount":0,"state":{"running":{}}}]}}""";
        assertEquals("Running", status(pod));
        assertEquals("2/2", ready(pod));
    }

    @Test
    void unstartedSidecarHoldsInitialization() {
        assertEquals("Init:0/1", status("""
                {"kind":"Pod","apiVersion":"v1","metadata":{"name":"p"},
                 "spec":{"initContainers":[{"name":"proxy","restartPolicy":"Always"}],"containers":[{"name":"app"}]},
                 "status":{"phase":"Pending","initContainerStatuses":[
                   {"name":"proxy","ready":false,"started":false,"restartCount":0,"state":{"running":{}}}]}}"""));
    }
}
