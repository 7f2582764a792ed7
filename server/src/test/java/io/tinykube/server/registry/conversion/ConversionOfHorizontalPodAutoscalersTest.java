package io.tinykube.server.registry.conversion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.json.Json;
import org.junit.jupiter.api.Test;

/**
 * autoscaling/v1 ⇄ v2 as upstream converts: v1's CPU target is a v2 Resource metric, and what v1 cannot
 * express travels in annotations, so either version survives a round trip through the other.
 */
class ConversionOfHorizontalPodAutoscalersTest {
    private final HorizontalPodAutoscalerConversion conversion = new HorizontalPodAutoscalerConversion();

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static final String REF = "'scaleTargetRef':{'kind':'Deployment','name':'web','apiVersion':'apps/v1'}";

    @Test
    void cpuTargetBecomesAResourceMetric() {
        ObjectNode v1 = json("{'apiVersion':'autoscaling/v1','kind':'HorizontalPodAutoscaler','metadata':{'name':'web','namespace':'default'},"
                + "'spec':{" + REF + ",'minReplicas':1,'maxReplicas':5,'targetCPUUtilizationPercentage':50}}");

        ObjectNode v2 = conversion.toStorage(v1.deepCopy(), "autoscaling/v1");

        assertEquals(json("{'apiVersion':'autoscaling/v2','kind':'HorizontalPodAutoscaler','metadata':{'name':'web','namespace':'default'},"
                + "'spec':{" + REF + ",'minReplicas':1,'maxReplicas':5,'metrics':[{'type':'Resource','resource':{'name':'cpu',"
                + "'target':{'type':'Utilization','averageUtilization':50}}}]}}"), v2);
        assertEquals(v1, conversion.fromStorage(v2, "autoscaling/v1"));
    }

    @Test
    void noTargetDefaultsToEightyPercentCpu() {
        ObjectNode v1 = json("{'apiVersion':'autoscaling/v1','kind':'HorizontalPodAutoscaler','metadata':{'name':'web'},"
                + "'spec':{" + REF + ",'maxReplicas':5}}");

        ObjectNode v2 = conversion.toStorage(v1, "autoscaling/v1");

        assertEquals(json("{'metrics':[{'type':'Resource','resource':{'name':'cpu','target':{'type':'Utilization','averageUtilization':80}}}]}")
                .get("metrics"), v2.at("/spec/metrics"));
        assertEquals(80, conversion.fromStorage(v2, "autoscaling/v1").at("/spec/targetCPUUtilizationPercentage").asInt());
    }

    /** A v2 object with everything v1 lacks; the CPU metric last, where the way back through v1 puts it. */
    private static ObjectNode fullV2() {
        return json("{'apiVersion':'autoscaling/v2','kind':'HorizontalPodAutoscaler',"
                + "'metadata':{'name':'web','namespace':'default','resourceVersion':'7','annotations':{'team':'a'}},"
                + "'spec':{" + REF + ",'minReplicas':2,'maxReplicas':10,'metrics':["
                + "{'type':'Resource','resource':{'name':'memory','target':{'type':'AverageValue','averageValue':'100Mi'}}},"
                + "{'type':'Pods','pods':{'metric':{'name':'qps'},'target':{'type':'AverageValue','averageValue':'10'}}},"
                + "{'type':'Object','object':{'describedObject':{'kind':'Ingress','name':'main','apiVersion':'networking.k8s.io/v1'},"
                + "'target':{'type':'Value','value':'2k'},'metric':{'name':'requests','selector':{'matchLabels':{'a':'b'}}}}},"
                + "{'type':'External','external':{'metric':{'name':'queue'},'target':{'type':'AverageValue','averageValue':'30'}}},"
                + "{'type':'ContainerResource','containerResource':{'name':'cpu','target':{'type':'Utilization','averageUtilization':60},"
                + "'container':'app'}},"
                + "{'type':'Resource','resource':{'name':'cpu','target':{'type':'Utilization','averageUtilization':70}}}],"
                + "'behavior':{'scaleDown':{'stabilizationWindowSeconds':60,'selectPolicy':'Min','policies':[{'type':'Percent','value':10,"
                + "'periodSeconds':60}]}}},"
                + "'status':{'observedGeneration':3,'currentReplicas':2,'desiredReplicas':3,'currentMetrics':["
                + "{'type':'Resource','resource':{'name':'cpu','current':{'averageValue':'120m','averageUtilization':42}}},"
                + "{'type':'Pods','pods':{'metric':{'name':'qps'},'current':{'averageValue':'12'}}}],"
                + "'conditions':[{'type':'AbleToScale','status':'True','lastTransitionTime':'2025-01-01T00:00:00Z','reason':'ReadyForNewScale',"
                + "'message':'recommended size matches current size'}]}}");
    }

    @Test
    void whatV1CannotExpressTravelsInAnnotations() {
        ObjectNode v1 = conversion.fromStorage(fullV2(), "autoscaling/v1");

        assertEquals(70, v1.at("/spec/targetCPUUtilizationPercentage").asInt());
        assertEquals(json("{'observedGeneration':3,'currentReplicas':2,'desiredReplicas':3,'currentCPUUtilizationPercentage':42}"),
                v1.get("status"));
        JsonNode annotations = v1.at("/metadata/annotations");
        assertEquals("a", annotations.get("team").asText());
        assertEquals("[{\"type\":\"Resource\",\"resource\":{\"name\":\"memory\",\"targetAverageValue\":\"100Mi\"}},"
                + "{\"type\":\"Pods\",\"pods\":{\"metricName\":\"qps\",\"targetAverageValue\":\"10\"}},"
                + "{\"type\":\"Object\",\"object\":{\"target\":{\"kind\":\"Ingress\",\"name\":\"main\",\"apiVersion\":\"networking.k8s.io/v1\"},"
                + "\"metricName\":\"requests\",\"targetValue\":\"2k\",\"selector\":{\"matchLabels\":{\"a\":\"b\"}}}},"
                + "{\"type\":\"External\",\"external\":{\"metricName\":\"queue\",\"targetAverageValue\":\"30\"}},"
                + "{\"type\":\"ContainerResource\",\"containerResource\":{\"name\":\"cpu\",\"targetAverageUtilization\":60,\"container\":\"app\"}}]",
                annotations.get("autoscaling.alpha.kubernetes.io/metrics").asText());
        assertEquals("[{\"type\":\"Resource\",\"resource\":{\"name\":\"cpu\",\"currentAverageUtilization\":42,\"currentAverageValue\":\"120m\"}},"
                + "{\"type\":\"Pods\",\"pods\":{\"metricName\":\"qps\",\"currentAverageValue\":\"12\"}}]",
                annotations.get("autoscaling.alpha.kubernetes.io/current-metrics").asText());
        assertEquals("[{\"type\":\"AbleToScale\",\"status\":\"True\",\"lastTransitionTime\":\"2025-01-01T00:00:00Z\",\"reason\":\"ReadyForNewScale\","
                + "\"message\":\"recommended size matches current size\"}]",
                annotations.get("autoscaling.alpha.kubernetes.io/conditions").asText());
        // upstream marshals its internal Go type here: capitalised field names, nil as null
        assertEquals("{\"ScaleUp\":null,\"ScaleDown\":{\"StabilizationWindowSeconds\":60,\"SelectPolicy\":\"Min\","
                + "\"Policies\":[{\"Type\":\"Percent\",\"Value\":10,\"PeriodSeconds\":60}],\"Tolerance\":null}}",
                annotations.get("autoscaling.alpha.kubernetes.io/behavior").asText());
    }

    @Test
    void v2SurvivesTheWayThroughV1() {
        ObjectNode v1 = conversion.fromStorage(fullV2(), "autoscaling/v1");

        assertEquals(fullV2(), conversion.toStorage(v1, "autoscaling/v1"));
    }

    @Test
    void v1WithAnnotationsSurvivesTheWayThroughV2() {
        ObjectNode v1 = conversion.fromStorage(fullV2(), "autoscaling/v1");

        assertEquals(v1, conversion.fromStorage(conversion.toStorage(v1.deepCopy(), "autoscaling/v1"), "autoscaling/v1"));
    }

    @Test
    void behaviorAnnotationIsReadAsGoReadsIt() {
        ObjectNode v1 = json("{'apiVersion':'autoscaling/v1','kind':'HorizontalPodAutoscaler','metadata':{'name':'web','annotations':{"
                + "'autoscaling.alpha.kubernetes.io/behavior':'{\\'scaleUp\\':{\\'selectPolicy\\':\\'Disabled\\'}}'}},"
                + "'spec':{" + REF + ",'maxReplicas':5}}");

        ObjectNode v2 = conversion.toStorage(v1, "autoscaling/v1");

        assertEquals(json("{'scaleUp':{'selectPolicy':'Disabled'}}"), v2.at("/spec/behavior"));
        assertFalse(v2.get("metadata").has("annotations"));
    }

    @Test
    void malformedAnnotationsAreDropped() {
        ObjectNode v1 = json("{'apiVersion':'autoscaling/v1','kind':'HorizontalPodAutoscaler','metadata':{'name':'web','annotations':{"
                + "'autoscaling.alpha.kubernetes.io/metrics':'not json','autoscaling.alpha.kubernetes.io/behavior':'{}'}},"
                + "'spec':{" + REF + ",'maxReplicas':5,'targetCPUUtilizationPercentage':30}}");

        ObjectNode v2 = conversion.toStorage(v1, "autoscaling/v1");

        assertEquals(1, v2.at("/spec/metrics").size());
        assertFalse(v2.get("spec").has("behavior"));
        assertFalse(v2.get("metadata").has("annotations"));
    }

    @Test
    void roundTripAnnotationsSetThroughV2AreNotKept() {
        ObjectNode v2 = json("{'apiVersion':'autoscaling/v2','kind':'HorizontalPodAutoscaler','metadata':{'name':'web','annotations':{"
                + "'autoscaling.alpha.kubernetes.io/conditions':'[]'}},'spec':{" + REF + ",'maxReplicas':5,'metrics':[{'type':'Resource',"
                + "'resource':{'name':'cpu','target':{'type':'Utilization','averageUtilization':50}}}]}}");

        assertFalse(conversion.fromStorage(v2, "autoscaling/v1").get("metadata").has("annotations"));
    }

    @Test
    void otherVersionsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> conversion.toStorage(Json.object(), "autoscaling/v2beta2"));
    }
}
