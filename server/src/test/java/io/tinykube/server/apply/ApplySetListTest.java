package io.tinykube.server.apply;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Set lists (listType set, e.g. finalizers) merge by value; each member has its owners. */
class ApplySetListTest {

    private static String finalizers(String list) {
        return "{apiVersion: v1, kind: ConfigMap, metadata: {name: c, finalizers: " + list + "}}";
    }

    @Test
    void membersFromTwoAppliersAreKeptSideBySide() {
        ObjectNode o = Fx.apply(null, finalizers("[a.example.com/x]"), "one", TestSchemas.CONFIG_MAP, Fx.T0);
        o = Fx.apply(o, finalizers("[b.example.com/y]"), "two", TestSchemas.CONFIG_MAP, Fx.T1);

        assertEquals(TestSchemas.node("[a.example.com/x, b.example.com/y]"), o.get("metadata").get("finalizers"));
        assertEquals(List.of(".metadata.finalizers[=\"a.example.com/x\"]"), Fx.owned(o, "one", "Apply"));
        assertEquals(List.of(".metadata.finalizers[=\"b.example.com/y\"]"), Fx.owned(o, "two", "Apply"));
    }

    @Test
    void aMemberItsApplierDropsIsRemovedOthersStay() {
        ObjectNode o = Fx.apply(null, finalizers("[a.example.com/x, shared.example.com/z]"), "one", TestSchemas.CONFIG_MAP, Fx.T0);
        o = Fx.apply(o, finalizers("[b.example.com/y, shared.example.com/z]"), "two", TestSchemas.CONFIG_MAP, Fx.T1);
        o = Fx.apply(o, finalizers("[]"), "one", TestSchemas.CONFIG_MAP, Fx.T2);

        // the second applier's order (b before z) wins for the items it applies, as upstream orders merged lists
        assertEquals(TestSchemas.node("[b.example.com/y, shared.example.com/z]"), o.get("metadata").get("finalizers"));
        assertEquals(List.of("two/Apply"), Fx.managers(o));
    }

    @Test
    void aMemberAddedByAnUpdateBelongsToTheUpdater() {
        ObjectNode o = Fx.apply(null, finalizers("[a.example.com/x]"), "one", TestSchemas.CONFIG_MAP, Fx.T0);
        ObjectNode added = o.deepCopy();
        ((com.fasterxml.jackson.databind.node.ArrayNode) added.get("metadata").get("finalizers")).add("gc.example.com/q");
        o = ManagedFields.recordUpdate(o, added, "controller", "v1", null, Fx.T1, TestSchemas.CONFIG_MAP);
        o = Fx.apply(o, finalizers("[]"), "one", TestSchemas.CONFIG_MAP, Fx.T2);

        assertEquals(TestSchemas.node("[gc.example.com/q]"), o.get("metadata").get("finalizers"));
        assertEquals(List.of(".metadata.finalizers[=\"gc.example.com/q\"]"), Fx.owned(o, "controller", "Update"));
    }
}
