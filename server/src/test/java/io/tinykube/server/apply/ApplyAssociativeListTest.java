package io.tinykube.server.apply;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Associative lists (listType map) merge item by item on their keys. */
class ApplyAssociativeListTest {

    private static String containers(String items) {
        return "{apiVersion: apps/v1, kind: Deployment, metadata: {name: d}, spec: {template: {spec: {containers: " + items + "}}}}";
    }

    @Test
    void containersFromTwoAppliersMergeByName() {
        ObjectNode o = Fx.apply(null, containers("[{name: web, image: web:1}]"), "app-team", TestSchemas.DEPLOYMENT, Fx.T0);
        o = Fx.apply(o, containers("[{name: proxy, image: envoy:1}]"), "mesh", TestSchemas.DEPLOYMENT, Fx.T1);
        o = Fx.apply(o, containers("[{name: web, image: web:2, env: [{name: A, value: '1'}]}]"), "app-team", TestSchemas.DEPLOYMENT, Fx.T2);

        assertEquals(TestSchemas.yaml(containers("""
                [{name: web, image: web:2, env: [{name: A, value: '1'}]}, {name: proxy, image: envoy:1}]""")), Fx.bare(o));
        assertEquals(List.of(
                ".spec.template.spec.containers[name=\"proxy\"]",
                ".spec.template.spec.containers[name=\"proxy\"].image",
                ".spec.template.spec.containers[name=\"proxy\"].name"), Fx.owned(o, "mesh", "Apply"));
    }

    @Test
    void oneItemsFieldsCanHaveSeveralOwners() {
        ObjectNode o = Fx.apply(null, containers("[{name: web, image: web:1}]"), "app-team", TestSchemas.DEPLOYMENT, Fx.T0);
        o = Fx.apply(o, containers("[{name: web, resources: {limits: {memory: 64Mi}}}]"), "sizer", TestSchemas.DEPLOYMENT, Fx.T1);

        assertEquals(TestSchemas.yaml(containers("[{name: web, image: web:1, resources: {limits: {memory: 64Mi}}}]")), Fx.bare(o));
        assertEquals(List.of(
                ".spec.template.spec.containers[name=\"web\"]",
                ".spec.template.spec.containers[name=\"web\"].name",
                ".spec.template.spec.containers[name=\"web\"].resources.limits.memory"), Fx.owned(o, "sizer", "Apply"));
    }

    @Test
    void portsAreKeyedByPortAndProtocolWithProtocolDefaultingToTcp() {
        // live as stored after defaulting (protocol filled in); the applied port omits it and is the same item
        ObjectNode live = Fx.apply(null, containers("[{name: web, ports: [{containerPort: 80, protocol: TCP}]}]"), "a",
                TestSchemas.DEPLOYMENT, Fx.T0);
        ObjectNode o = Fx.apply(live, containers("[{name: web, ports: [{containerPort: 80, name: http}]}]"), "b",
                TestSchemas.DEPLOYMENT, Fx.T1);
        assertEquals(TestSchemas.yaml(containers("[{name: web, ports: [{containerPort: 80, protocol: TCP, name: http}]}]")), Fx.bare(o));
    }

    @Test
    void servicePortsWithTheSameNumberAndDifferentProtocolsAreDifferentItems() {
        String svc = """
                {apiVersion: v1, kind: Service, metadata: {name: dns},
                 spec: {ports: [{port: 53, protocol: UDP, name: dns}, {port: 53, protocol: TCP, name: dns-tcp}]}}""";
        ObjectNode o = Fx.apply(null, svc, "kubectl", TestSchemas.SERVICE, Fx.T0);
        assertEquals(2, o.get("spec").get("ports").size());
        assertEquals(List.of(
                ".spec.ports[port=53,protocol=\"TCP\"]",
                ".spec.ports[port=53,protocol=\"UDP\"]",
                ".spec.ports[port=53,protocol=\"TCP\"].name",
                ".spec.ports[port=53,protocol=\"TCP\"].port",
                ".spec.ports[port=53,protocol=\"TCP\"].protocol",
                ".spec.ports[port=53,protocol=\"UDP\"].name",
                ".spec.ports[port=53,protocol=\"UDP\"].port",
                ".spec.ports[port=53,protocol=\"UDP\"].protocol"), Fx.owned(o, "kubectl", "Apply"));
    }

    @Test
    void newItemsFollowTheLiveOnes() {
        ObjectNode live = ManagedFields.recordUpdate(null, TestSchemas.yaml(containers("[{name: a}, {name: b}]")), "creator", "apps/v1",
                null, Fx.T0, TestSchemas.DEPLOYMENT);
        ObjectNode o = Fx.apply(live, containers("[{name: c}]"), "kubectl", TestSchemas.DEPLOYMENT, Fx.T1);
        assertEquals(TestSchemas.node("[{name: a}, {name: b}, {name: c}]"), o.get("spec").get("template").get("spec").get("containers"));
    }

    @Test
    void aListWithAMergeKeyButNoListTypeMergesAndOneWithoutIsReplacedWhole() {
        ObjectNode live = Fx.apply(null, "{apiVersion: example.com/v1, metadata: {name: h}, items: [{key: a, value: '1'}], plain: [{key: a}]}", "one",
                TestSchemas.type("LegacyHolder"), Fx.T0);
        ObjectNode o = Fx.force(live, "{apiVersion: example.com/v1, metadata: {name: h}, items: [{key: b, value: '2'}], plain: [{key: b}]}", "two",
                TestSchemas.type("LegacyHolder"), Fx.T1);
        assertEquals(TestSchemas.node("[{key: a, value: '1'}, {key: b, value: '2'}]"), o.get("items"));
        assertEquals(TestSchemas.node("[{key: b}]"), o.get("plain"));
        assertEquals(List.of(".items[key=\"a\"]", ".items[key=\"a\"].key", ".items[key=\"a\"].value"),
                Fx.owned(o, "one", "Apply"), "the atomic list went to the forcing applier");
    }

    @Test
    void anAtomicListIsReplacedAndOwnedWhole() {
        ObjectNode live = Fx.apply(null, containers("[{name: web, command: [a, b]}]"), "one", TestSchemas.DEPLOYMENT, Fx.T0);
        ObjectNode o = Fx.force(live, containers("[{name: web, command: [c]}]"), "two", TestSchemas.DEPLOYMENT, Fx.T1);
        assertEquals(TestSchemas.node("[c]"), o.at("/spec/template/spec/containers/0/command"));
        assertEquals(List.of(".spec.template.spec.containers[name=\"web\"]", ".spec.template.spec.containers[name=\"web\"].name"),
                Fx.owned(o, "one", "Apply"));
    }
}
