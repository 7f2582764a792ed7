package io.tinykube.server.table;

import static io.tinykube.server.table.Fixtures.cells;
import static io.tinykube.server.table.Fixtures.text;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Service rows: type, cluster IP, external IP ({@code <none>}, {@code <pending>}, load balancer), ports and selector. */
class TableServiceTest {

    @Test
    void clusterIPService() {
        List<JsonNode> cells = cells("""
                {"kind":"Service","apiVersion":"v1","metadata":{"name":"web","creationTimestamp":"2025-04-29T12:00:00Z"},
                 "spec":{"type":"ClusterIP","clusterIP":"10.43.0.20","clusterIPs":["10.43.0.20"],
                   "ports":[{"name":"http","port":80,"targetPort":8080,"protocol":"TCP"},{"name":"dns","port":53,"protocol":"UDP"}],
                   "selector":{"tier":"front","app":"web"}}}""");
        assertEquals(List.of("web", "ClusterIP", "10.43.0.20", "<none>", "80/TCP,53/UDP", "2d", "app=web,tier=front"),
                cells.stream().map(JsonNode::asText).toList());
    }

    @Test
    void nodePortsFollowThePort() {
        assertEquals("80:30080/TCP,443:30443/TCP", text("""
                {"kind":"Service","apiVersion":"v1","metadata":{"name":"web"},
                 "spec":{"type":"NodePort","clusterIP":"10.43.0.21",
                   "ports":[{"port":80,"nodePort":30080,"protocol":"TCP"},{"port":443,"nodePort":30443,"protocol":"TCP"}]}}""",
                "Port(s)"));
    }

    @Test
    void portWithoutProtocolIsTcpAndNoPortsIsNone() {
        assertEquals("8080/TCP", text("""
                {"kind":"Service","apiVersion":"v1","metadata":{"name":"web"},"spec":{"clusterIP":"10.43.0.3","ports":[{"port":8080}]}}""",
                "Port(s)"));
        assertEquals("<none>", text("""
                {"kind":"Service","apiVersion":"v1","metadata":{"name":"web"},"spec":{"type":"ClusterIP","clusterIP":"None"}}""",
                "Port(s)"));
    }

    @Test
    void headlessServiceShowsNone() {
        assertEquals("None", text("""
                {"kind":"Service","apiVersion":"v1","metadata":{"name":"db"},"spec":{"type":"ClusterIP","clusterIP":"None","clusterIPs":["None"]}}""",
                "Cluster-IP"));
    }

    @Test
    void externalIPsOfClusterIPAndNodePortServices() {
        assertEquals("192.168.1.10,192.168.1.11", text("""
                {"kind":"Service","apiVersion":"v1","metadata":{"name":"web"},
                 "spec":{"type":"ClusterIP","clusterIP":"10.43.0.4","externalIPs":["192.168.1.10","192.168.1.11"]}}""",
                "External-IP"));
        assertEquals("<none>", text("""
                {"kind":"Service","apiVersion":"v1","metadata":{"name":"web"},"spec":{"type":"NodePort","clusterIP":"10.43.0.4"}}""",
                "External-IP"));
    }

    @Test
    void loadBalancerWithoutAddressIsPending() {
        assertEquals("<pending>", text("""
                {"kind":"Service","apiVersion":"v1","metadata":{"name":"web"},
                 "spec":{"type":"LoadBalancer","clusterIP":"10.43.0.5"},"status":{"loadBalancer":{}}}""",
                "External-IP"));
    }

    @Test
    void loadBalancerAddressesAreSortedAndNotClipped() {
        assertEquals("192.168.100.201,192.168.100.202,lb.example.com", text("""
                {"kind":"Service","apiVersion":"v1","metadata":{"name":"web"},
                 "spec":{"type":"LoadBalancer","clusterIP":"10.43.0.5"},
                 "status":{"loadBalancer":{"ingress":[{"ip":"192.168.100.202"},{"hostname":"lb.example.com"},
                                                      {"ip":"192.168.100.201"},{"ip":"192.168.100.202"}]}}}""",
                "External-IP"));
    }

    @Test
    void loadBalancerAddressesComeBeforeExternalIPs() {
        assertEquals("192.168.1.50,10.0.0.9", text("""
                {"kind":"Service","apiVersion":"v1","metadata":{"name":"web"},
                 "spec":{"type":"LoadBalancer","clusterIP":"10.43.0.5","externalIPs":["10.0.0.9"]},
                 "status":{"loadBalancer":{"ingress":[{"ip":"192.168.1.50"}]}}}""",
                "External-IP"));
    }

    @Test
    void externalNameService() {
        List<JsonNode> cells = cells("""
                {"kind":"Service","apiVersion":"v1","metadata":{"name":"ext"},
                 "spec":{"type":"ExternalName","externalName":"db.example.com"}}""");
        assertEquals(List.of("ext", "ExternalName", "<none>", "db.example.com", "<none>", "<unknown>", "<none>"),
                cells.stream().map(JsonNode::asText).toList());
    }
}
