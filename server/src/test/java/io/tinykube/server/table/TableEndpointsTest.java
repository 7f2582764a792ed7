package io.tinykube.server.table;

import static io.tinykube.server.table.Fixtures.cells;
import static io.tinykube.server.table.Fixtures.text;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Endpoints and EndpointSlice rows: three addresses at most, then {@code + N more...}. */
class TableEndpointsTest {

    private static String endpoints(String subsets) {
        return """
                {"kind":"Endpoints","apiVersion":"v1","metadata":{"name":"web"},"subsets":%s}""".formatted(subsets);
    }

    @Test
    void noSubsetsIsNone() {
        assertEquals("<none>", text("""
                {"kind":"Endpoints","apiVersion":"v1","metadata":{"name":"web"}}""", "Endpoints"));
    }

    @Test
    void addressesWithTheirPort() {
        assertEquals("10.42.0.5:80,10.42.0.6:80", text(endpoints("""
                [{"addresses":[{"ip":"10.42.0.5"},{"ip":"10.42.0.6"}],"ports":[{"port":80,"protocol":"TCP"}]}]"""),
                "Endpoints"));
    }

    @Test
    void moreThanThreeAreTruncated() {
        assertEquals("10.42.0.5:80,10.42.0.6:80,10.42.0.7:80 + 2 more...", text(endpoints("""
                [{"addresses":[{"ip":"10.42.0.5"},{"ip":"10.42.0.6"},{"ip":"10.42.0.7"},{"ip":"10.42.0.8"},{"ip":"10.42.0.9"}],
                  "ports":[{"port":80}]}]"""), "Endpoints"));
    }

    @Test
    void exactlyThreeAreNotTruncated() {
        assertEquals("10.42.0.5:80,10.42.0.6:80,10.42.0.7:80", text(endpoints("""
                [{"addresses":[{"ip":"10.42.0.5"},{"ip":"10.42.0.6"},{"ip":"10.42.0.7"}],"ports":[{"port":80}]}]"""),
                "Endpoints"));
    }

    @Test
    void everyPortOfEverySubsetCounts() {
        assertEquals("10.42.0.5:80,10.42.0.6:80,10.42.0.5:443 + 2 more...", text(endpoints("""
                [{"addresses":[{"ip":"10.42.0.5"},{"ip":"10.42.0.6"}],"ports":[{"name":"http","port":80},{"name":"https","port":443}]},
                 {"addresses":[{"ip":"10.42.1.5"}],"ports":[{"port":8080}]}]"""), "Endpoints"));
    }

    @Test
    void headlessSubsetsWithoutPortsListIPs() {
        assertEquals("10.42.0.5,10.42.0.6", text(endpoints("""
                [{"addresses":[{"ip":"10.42.0.5"},{"ip":"10.42.0.6"}]}]"""), "Endpoints"));
    }

    @Test
    void ipv6AddressesAreBracketed() {
        assertEquals("[fd00::5]:80", text(endpoints("""
                [{"addresses":[{"ip":"fd00::5"}],"ports":[{"port":80}]}]"""), "Endpoints"));
    }

    @Test
    void endpointSlice() {
        List<JsonNode> cells = cells("""
                {"kind":"EndpointSlice","apiVersion":"discovery.k8s.io/v1","metadata":{"name":"web-abc12"},
                 "addressType":"IPv4",
                 "ports":[{"name":"http","port":80,"protocol":"TCP"},{"name":"https","port":443},{"name":"named"},{}],
                 "endpoints":[{"addresses":["10.42.0.5"]},{"addresses":["10.42.0.6","10.42.0.7"]},{"addresses":["10.42.0.8"]}]}""");
        assertEquals(List.of("web-abc12", "IPv4", "80,443,named + 1 more...", "10.42.0.5,10.42.0.6,10.42.0.7 + 1 more...",
                "<unknown>"), cells.stream().map(JsonNode::asText).toList());
    }

    @Test
    void emptyEndpointSliceIsUnset() {
        List<JsonNode> cells = cells("""
                {"kind":"EndpointSlice","apiVersion":"discovery.k8s.io/v1","metadata":{"name":"web-x"},"addressType":"IPv6",
                 "ports":[{}],"endpoints":[]}""");
        assertEquals(List.of("web-x", "IPv6", "*", "<unset>", "<unknown>"), cells.stream().map(JsonNode::asText).toList());
    }
}
