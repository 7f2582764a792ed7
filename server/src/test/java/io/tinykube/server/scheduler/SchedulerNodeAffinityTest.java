package io.tinykube.server.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** NodeAffinity: nodeSelector and required node affinity filter; preferred node affinity scores. */
class SchedulerNodeAffinityTest {

    private static final String NONE_FIT = "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector."
            + " preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.";

    private final List<NodeInfo> nodes = Fx.infos(
            Fx.node("pi3", "4", "1Gi", "labels: {arch: arm, cores: '4', zone: a}"),
            Fx.node("pi5", "4", "8Gi", "labels: {arch: arm, cores: '4', zone: b, ssd: 'yes'}"),
            Fx.node("nuc", "8", "16Gi", "labels: {arch: amd64, cores: '8', zone: b}"));

    private String schedule(String spec) {
        return Fx.schedule(Fx.withSpec(Fx.pod("p", null, null), spec), nodes);
    }

    private static String required(String expressions) {
        return "affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: ["
                + expressions + "]}}}";
    }

    @Test
    void nodeSelectorNeedsEveryLabel() {
        assertEquals("pi5", schedule("nodeSelector: {arch: arm, zone: b}"));
        assertEquals(NONE_FIT, schedule("nodeSelector: {arch: riscv}"));
    }

    @Test
    void expressionOperators() {
        assertEquals("nuc", schedule(required("{matchExpressions: [{key: arch, operator: In, values: [amd64, x86]}]}")));
        assertEquals("nuc", schedule(required("{matchExpressions: [{key: arch, operator: NotIn, values: [arm]}]}")));
        assertEquals("pi5", schedule(required("{matchExpressions: [{key: ssd, operator: Exists}]}")));
        assertEquals("nuc", schedule(required("{matchExpressions: [{key: cores, operator: Gt, values: ['4']}]}")));
        assertEquals(NONE_FIT, schedule(required("{matchExpressions: [{key: cores, operator: Lt, values: ['4']}]}")));
        assertEquals("pi3", schedule(required(
                "{matchExpressions: [{key: ssd, operator: DoesNotExist}, {key: zone, operator: In, values: [a]}]}")));
    }

    @Test
    void termsAreAlternatives() {
        assertEquals("nuc", schedule(required("{matchExpressions: [{key: arch, operator: In, values: [riscv]}]}, "
                + "{matchExpressions: [{key: cores, operator: Gt, values: ['6']}]}")));
    }

    @Test
    void matchFieldsSelectsByNodeName() {
        assertEquals("pi3", schedule(required("{matchFields: [{key: metadata.name, operator: In, values: [pi3]}]}")));
    }

    @Test
    void anEmptyTermMatchesNoNode() {
        assertEquals(NONE_FIT, schedule(required("{}")));
    }

    @Test
    void nodeSelectorAndAffinityMustBothHold() {
        assertEquals(NONE_FIT, schedule("nodeSelector: {zone: a}\n"
                + required("{matchExpressions: [{key: arch, operator: In, values: [amd64]}]}")));
    }

    @Test
    void preferredTermsPickTheHeaviestMatch() {
        String preferred = """
                affinity:
                  nodeAffinity:
                    preferredDuringSchedulingIgnoredDuringExecution:
                    - weight: 10
                      preference: {matchExpressions: [{key: zone, operator: In, values: [a]}]}
                    - weight: 80
                      preference: {matchExpressions: [{key: ssd, operator: Exists}]}
                """;
        assertEquals("pi5", schedule(preferred));
    }
}
