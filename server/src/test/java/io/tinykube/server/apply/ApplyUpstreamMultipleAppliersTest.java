package io.tinykube.server.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.schema.FieldSchema;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scenarios of upstream's merge/multiple_appliers_test.go (TestMultipleAppliersSet and the listOfLists cases of
 * TestMultipleAppliersNestedType): several appliers and a controller on one associative list, ending with the
 * object and every manager's set exactly as upstream expects. Objects are compared as upstream's fixture does
 * (typed comparison, so associative items match by key).
 */
class ApplyUpstreamMultipleAppliersTest {

    private static final FieldSchema SCHEMA = TestSchemas.type("NestedRoot");

    record Op(String kind, String manager, String apiVersion, String yaml, String conflict) {
    }

    record Scenario(String name, List<Op> ops, String object, Map<String, List<String>> managed) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Op apply(String manager, String v, String yaml) {
        return new Op("Apply", manager, v, yaml, null);
    }

    private static Op update(String manager, String v, String yaml) {
        return new Op("Update", manager, v, yaml, null);
    }

    private static Op conflicting(String manager, String v, String yaml, String conflict) {
        return new Op("Apply", manager, v, yaml, conflict);
    }

    static Stream<Scenario> scenarios() {
        return Stream.of(
                new Scenario("remove_one", List.of(
                        apply("apply-one", "v1", "{list: [{name: a}, {name: b}]}"),
                        apply("apply-two", "v2", "{list: [{name: c}]}"),
                        apply("apply-one", "v3", "{list: [{name: a}]}")),
                        "{list: [{name: a}, {name: c}]}",
                        Map.of("apply-one@v3", List.of(".list[name=\"a\"]", ".list[name=\"a\"].name"),
                                "apply-two@v2", List.of(".list[name=\"c\"]", ".list[name=\"c\"].name"))),
                new Scenario("same_value_no_conflict", List.of(
                        apply("apply-one", "v1", "{list: [{name: a, value: 0}]}"),
                        apply("apply-two", "v2", "{list: [{name: a, value: 0}]}")),
                        "{list: [{name: a, value: 0}]}",
                        Map.of("apply-one@v1", List.of(".list[name=\"a\"]", ".list[name=\"a\"].name", ".list[name=\"a\"].value"),
                                "apply-two@v2", List.of(".list[name=\"a\"]", ".list[name=\"a\"].name", ".list[name=\"a\"].value"))),
                new Scenario("change_value_yes_conflict", List.of(
                        apply("apply-one", "v1", "{list: [{name: a, value: 0}]}"),
                        conflicting("apply-two", "v2", "{list: [{name: a, value: 1}]}",
                                "Apply failed with 1 conflict: conflict with \"apply-one\": .list[name=\"a\"].value")),
                        "{list: [{name: a, value: 0}]}",
                        Map.of("apply-one@v1", List.of(".list[name=\"a\"]", ".list[name=\"a\"].name", ".list[name=\"a\"].value"))),
                new Scenario("remove_one_keep_one", List.of(
                        apply("apply-one", "v1", "{list: [{name: a}, {name: b}, {name: c}]}"),
                        apply("apply-two", "v2", "{list: [{name: c}, {name: d}]}"),
                        apply("apply-one", "v3", "{list: [{name: a}]}")),
                        "{list: [{name: a}, {name: c}, {name: d}]}",
                        Map.of("apply-one@v3", List.of(".list[name=\"a\"]", ".list[name=\"a\"].name"),
                                "apply-two@v2", List.of(".list[name=\"c\"]", ".list[name=\"d\"]", ".list[name=\"c\"].name",
                                        ".list[name=\"d\"].name"))),
                new Scenario("remove_one_keep_one_with_two_sub_items", List.of(
                        apply("apply-one", "v1", "{listOfLists: [{name: a}, {name: b, value: [c]}]}"),
                        apply("apply-two", "v2", "{listOfLists: [{name: b, value: [d]}]}"),
                        apply("apply-one", "v3", "{listOfLists: [{name: a}]}")),
                        "{listOfLists: [{name: a}, {name: b, value: [d]}]}",
                        Map.of("apply-one@v3", List.of(".listOfLists[name=\"a\"]", ".listOfLists[name=\"a\"].name"),
                                "apply-two@v2", List.of(".listOfLists[name=\"b\"]", ".listOfLists[name=\"b\"].name",
                                        ".listOfLists[name=\"b\"].value[=\"d\"]"))),
                new Scenario("remove_one_keep_one_with_dangling_subitem", List.of(
                        apply("apply-one", "v1", "{listOfLists: [{name: a}, {name: b, value: [c]}]}"),
                        apply("apply-two", "v2", "{listOfLists: [{name: b, value: [d]}]}"),
                        update("controller", "v2", "{listOfLists: [{name: a}, {name: b, value: [c, d, e]}]}"),
                        apply("apply-one", "v3", "{listOfLists: [{name: a}]}")),
                        "{listOfLists: [{name: a}, {name: b, value: [d, e]}]}",
                        Map.of("apply-one@v3", List.of(".listOfLists[name=\"a\"]", ".listOfLists[name=\"a\"].name"),
                                "apply-two@v2", List.of(".listOfLists[name=\"b\"]", ".listOfLists[name=\"b\"].name",
                                        ".listOfLists[name=\"b\"].value[=\"d\"]"),
                                "controller@v2", List.of(".listOfLists[name=\"b\"].value[=\"e\"]"))),
                new Scenario("remove_one_with_dangling_subitem_keep_one", List.of(
                        apply("apply-one", "v1", "{listOfLists: [{name: a}, {name: b, value: [c]}]}"),
                        apply("apply-two", "v2", "{listOfLists: [{name: a, value: [b]}]}"),
                        update("controller", "v2", "{listOfLists: [{name: a, value: [b]}, {name: b, value: [c, d]}]}"),
                        apply("apply-one", "v3", "{listOfLists: [{name: a}]}")),
                        "{listOfLists: [{name: a, value: [b]}]}",
                        Map.of("apply-one@v3", List.of(".listOfLists[name=\"a\"]", ".listOfLists[name=\"a\"].name"),
                                "apply-two@v2", List.of(".listOfLists[name=\"a\"]", ".listOfLists[name=\"a\"].name",
                                        ".listOfLists[name=\"a\"].value[=\"b\"]"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void scenario(Scenario s) {
        ObjectNode live = null;
        Instant t = Fx.T0;
        for (Op op : s.ops()) {
            ObjectNode object = TestSchemas.yaml(op.yaml());
            if (op.conflict() != null) {
                ObjectNode before = live;
                String v = op.apiVersion();
                ApplyConflictException e = assertThrows(ApplyConflictException.class,
                        () -> ServerSideApply.apply(before, object, op.manager(), false, SCHEMA, v, Fx.T3));
                assertEquals(op.conflict(), e.getMessage());
            } else if (op.kind().equals("Apply")) {
                live = ServerSideApply.apply(live, object, op.manager(), false, SCHEMA, op.apiVersion(), t);
            } else {
                ObjectNode next = object.deepCopy();
                if (live != null && live.has("metadata")) {
                    next.set("metadata", live.get("metadata").deepCopy());
                }
                live = ManagedFields.recordUpdate(live, next, op.manager(), op.apiVersion(), null, t, SCHEMA);
            }
            t = t.plusSeconds(60);
        }

        JsonNode want = TestSchemas.yaml(s.object());
        ObjectNode got = Fx.bare(live);
        if (got.path("metadata").isEmpty()) {
            got.remove("metadata"); // held only managedFields: these schemaless test objects have no metadata
        }
        Typed.Comparison cmp = Typed.compare(want, got, Typed.root(SCHEMA));
        assertTrue(cmp.isSame(), "object differs from upstream's: " + got + "\n" + cmp);

        Map<String, List<String>> managed = new TreeMap<>();
        for (ManagedFields.Entry e : ManagedFields.read(live)) {
            List<String> paths = new ArrayList<>();
            e.fields().paths().forEach(p -> paths.add(p.toString()));
            managed.put(e.manager() + "@" + e.apiVersion(), paths);
        }
        assertEquals(new TreeMap<>(s.managed()), managed);
    }
}
