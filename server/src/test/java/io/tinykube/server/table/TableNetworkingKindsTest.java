package io.tinykube.server.table;

import static io.tinykube.server.table.Fixtures.cells;
import static io.tinykube.server.table.Fixtures.text;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ingress, IngressClass, NetworkPolicy, HorizontalPodAutoscaler and PodDisruptionBudget rows. */
class TableNetworkingKindsTest {

    private static List<String> texts(List<JsonNode> cells) {
        return cells.stream().map(JsonNode::asText).toList();
    }

    @Test
    void ingress() {
        assertEquals(List.of("web", "traefik", "a.example.com,b.example.com,c.example.com + 2 more...",
                "192.168.1.20,192.168.1.21", "80, 443", "<unknown>"), texts(cells("""
                {"kind":"Ingress","apiVersion":"networking.k8s.io/v1","metadata":{"name":"web"},
                 "spec":{"ingressClassName":"traefik","tls":[{"hosts":["a.example.com"]}],
                   "rules":[{"host":"a.example.com"},{"host":"b.example.com"},{"host":"c.example.com"},{"host":"d.example.com"},{}]},
                 "status":{"loadBalancer":{"ingress":[{"ip":"192.168.1.21"},{"ip":"192.168.1.20"}]}}}""")));
        assertEquals(List.of("any", "<none>", "*", "", "80", "<unknown>"), texts(cells("""
                {"kind":"Ingress","apiVersion":"networking.k8s.io/v1","metadata":{"name":"any"},
                 "spec":{"defaultBackend":{"service":{"name":"web","port":{"number":80}}}}}""")));
    }

    @Test
    void ingressClass() {
        assertEquals("IngressParameters.k8s.example.com/external-lb", text("""
                {"kind":"IngressClass","apiVersion":"networking.k8s.io/v1","metadata":{"name":"x"},
                 "spec":{"controller":"example.com/ingress","parameters":{"apiGroup":"k8s.example.com","kind":"IngressParameters","name":"external-lb"}}}""",
                "Parameters"));
        assertEquals(List.of("traefik", "traefik.io/ingress-controller", "<none>", "<unknown>"), texts(cells("""
                {"kind":"IngressClass","apiVersion":"networking.k8s.io/v1","metadata":{"name":"traefik"},
                 "spec":{"controller":"traefik.io/ingress-controller"}}""")));
    }

    @Test
    void networkPolicy() {
        assertEquals("<none>", text("""
                {"kind":"NetworkPolicy","apiVersion":"networking.k8s.io/v1","metadata":{"name":"deny"},"spec":{"podSelector":{}}}""",
                "Pod-Selector"));
        assertEquals("app=db,role notin (test)", text("""
                {"kind":"NetworkPolicy","apiVersion":"networking.k8s.io/v1","metadata":{"name":"db"},
                 "spec":{"podSelector":{"matchLabels":{"app":"db"},"matchExpressions":[{"key":"role","operator":"NotIn","values":["test"]}]}}}""",
                "Pod-Selector"));
    }

    @Test
    void autoscalingV2() {
        List<JsonNode> cells = cells("""
                {"kind":"HorizontalPodAutoscaler","apiVersion":"autoscaling/v2","metadata":{"name":"web"},
                 "spec":{"scaleTargetRef":{"apiVersion":"apps/v1","kind":"Deployment","name":"web"},"minReplicas":2,"maxReplicas":10,
                   "metrics":[{"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":70}}},
                              {"type":"Resource","resource":{"name":"memory","target":{"type":"AverageValue","averageValue":"1024Mi"}}},
                              {"type":"Pods","pods":{"metric":{"name":"qps"},"target":{"type":"AverageValue","averageValue":"1k"}}}]},
                 "status":{"currentReplicas":3,"desiredReplicas":3,
                   "currentMetrics":[{"type":"Resource","resource":{"name":"cpu","current":{"averageUtilization":35,"averageValue":"120m"}}}]}}""");
        assertEquals(List.of("web", "Deployment/web", "cpu: 35%/70%, memory: <unknown>/1Gi + 1 more...", "2", "10", "3",
                "<unknown>"), texts(cells));
    }

    @Test
    void autoscalingV1AndDefaults() {
        assertEquals("cpu: 12%/50%", text("""
                {"kind":"HorizontalPodAutoscaler","apiVersion":"autoscaling/v1","metadata":{"name":"web"},
                 "spec":{"scaleTargetRef":{"kind":"Deployment","name":"web"},"maxReplicas":5,"targetCPUUtilizationPercentage":50},
                 "status":{"currentReplicas":1,"desiredReplicas":1,"currentCPUUtilizationPercentage":12}}""", "Targets"));
        String bare = """
                {"kind":"HorizontalPodAutoscaler","apiVersion":"autoscaling/v2","metadata":{"name":"web"},
                 "spec":{"scaleTargetRef":{"kind":"Deployment","name":"web"},"maxReplicas":5}}""";
        assertEquals("cpu: <unknown>/80%", text(bare, "Targets"));
        assertEquals("1", text(bare, "MinPods"));
    }

    @Test
    void externalAndObjectMetrics() {
        assertEquals("<unknown>/10 (avg), 5/7", text("""
                {"kind":"HorizontalPodAutoscaler","apiVersion":"autoscaling/v2","metadata":{"name":"q"},
                 "spec":{"scaleTargetRef":{"kind":"Deployment","name":"w"},"maxReplicas":5,
                   "metrics":[{"type":"External","external":{"metric":{"name":"queue"},"target":{"type":"AverageValue","averageValue":"10"}}},
                              {"type":"Object","object":{"metric":{"name":"rps"},"target":{"type":"Value","value":"7"}}}]},
                 "status":{"currentMetrics":[{"type":"External"},{"type":"Object","object":{"current":{"value":"5"}}}]}}""",
                "Targets"));
    }

    @Test
    void podDisruptionBudget() {
        List<JsonNode> cells = cells("""
                {"kind":"PodDisruptionBudget","apiVersion":"policy/v1","metadata":{"name":"web"},
                 "spec":{"minAvailable":"50%","selector":{"matchLabels":{"app":"web"}}},"status":{"disruptionsAllowed":1}}""");
        assertEquals(List.of("web", "50%", "N/A", "1", "<unknown>"), texts(cells));
        assertEquals("1", text("""
                {"kind":"PodDisruptionBudget","apiVersion":"policy/v1","metadata":{"name":"db"},"spec":{"maxUnavailable":1}}""",
                "Max Unavailable"));
    }
}
