package io.tinykube.server.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.json.Json;
import org.junit.jupiter.api.Test;

/** The DaemonSet controller's predicates: node selector and required affinity, NoSchedule and NoExecute taints. */
class DaemonPodFitsTest {
    private static ObjectNode node(String json) throws Exception {
        return (ObjectNode) Json.MAPPER.readTree(json);
    }

    private static ObjectNode pod(String spec) throws Exception {
        return node("{\"spec\":" + spec + "}");
    }

    private static final String PLAIN_NODE = "{\"metadata\":{\"name\":\"n1\",\"labels\":{\"disk\":\"ssd\"}}}";

    @Test
    void aNodeWithoutTaintsThatMatchesTheSelectorRunsThePod() throws Exception {
        assertEquals(new Scheduler.DaemonFit(true, true),
                Scheduler.daemonPodFits(pod("{\"nodeSelector\":{\"disk\":\"ssd\"}}"), node(PLAIN_NODE)));
    }

    @Test
    void aSelectorOrAffinityMismatchNeitherRunsNorKeepsThePod() throws Exception {
        assertEquals(new Scheduler.DaemonFit(false, false),
                Scheduler.daemonPodFits(pod("{\"nodeSelector\":{\"disk\":\"hdd\"}}"), node(PLAIN_NODE)));
        assertEquals(new Scheduler.DaemonFit(false, false), Scheduler.daemonPodFits(pod("{\"affinity\":{\"nodeAffinity\":"
                + "{\"requiredDuringSchedulingIgnoredDuringExecution\":{\"nodeSelectorTerms\":[{\"matchFields\":"
                + "[{\"key\":\"metadata.name\",\"operator\":\"In\",\"values\":[\"n2\"]}]}]}}}}"), node(PLAIN_NODE)));
        assertEquals(new Scheduler.DaemonFit(false, false), Scheduler.daemonPodFits(pod("{\"nodeName\":\"n2\"}"), node(PLAIN_NODE)));
    }

    @Test
    void anUntoleratedNoScheduleTaintKeepsNewPodsOffButLetsRunningOnesStay() throws Exception {
        ObjectNode tainted = node("{\"metadata\":{\"name\":\"n1\"},\"spec\":{\"taints\":[{\"key\":\"k\",\"value\":\"v\",\"effect\":\"NoSchedule\"}]}}");
        assertEquals(new Scheduler.DaemonFit(false, true), Scheduler.daemonPodFits(pod("{}"), tainted));
        assertEquals(new Scheduler.DaemonFit(true, true), Scheduler.daemonPodFits(
                pod("{\"tolerations\":[{\"key\":\"k\",\"operator\":\"Equal\",\"value\":\"v\",\"effect\":\"NoSchedule\"}]}"), tainted));
    }

    @Test
    void anUntoleratedNoExecuteTaintRemovesThePod() throws Exception {
        ObjectNode tainted = node("{\"metadata\":{\"name\":\"n1\"},\"spec\":{\"taints\":[{\"key\":\"k\",\"effect\":\"NoExecute\"}]}}");
        assertEquals(new Scheduler.DaemonFit(false, false), Scheduler.daemonPodFits(pod("{}"), tainted));
        assertEquals(new Scheduler.DaemonFit(true, true),
                Scheduler.daemonPodFits(pod("{\"tolerations\":[{\"operator\":\"Exists\"}]}"), tainted));
    }

    @Test
    void unschedulableNodesAndPreferNoScheduleTaintsDoNotCount() throws Exception {
        ObjectNode cordoned = node("{\"metadata\":{\"name\":\"n1\"},\"spec\":{\"unschedulable\":true,"
                + "\"taints\":[{\"key\":\"k\",\"effect\":\"PreferNoSchedule\"}]}}");
        assertEquals(new Scheduler.DaemonFit(true, true), Scheduler.daemonPodFits(pod("{}"), cordoned));
    }
}
