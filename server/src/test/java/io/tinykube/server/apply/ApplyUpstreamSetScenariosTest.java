package io.tinykube.server.apply;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Upstream's merge/set_test.go scenarios, run on a ConfigMap's finalizers (a listType=set list of strings).
 * Each step is {@code Apply|Update manager apiVersion [items]}; the expectation is the final list and, per
 * manager, the members it owns with its apiVersion. As upstream's fixture compares objects with
 * {@code Compare} (a set's order does not matter there), the final list is compared as a set here; the item
 * order of merges is pinned by {@link ApplyMergeOrderTest}.
 */
class ApplyUpstreamSetScenariosTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "apply_twice | Apply default v1 a,c; Apply default v1 a,b,c,d | a,b,c,d | default@v1=a,b,c,d",
            "apply_update_apply_no_overlap | Apply default v1 a,c; Update controller v1 a,b,c,d; Apply default v1 a,aprime,c,cprime"
                    + " | a,aprime,b,c,cprime,d | controller@v1=b,d; default@v1=a,aprime,c,cprime",
            "apply_update_apply_no_overlap_and_different_version | Apply default v1 a,c; Update controller v2 a,b,c,d; Apply default v1 a,aprime,c,cprime"
                    + " | a,aprime,b,c,cprime,d | controller@v2=b,d; default@v1=a,aprime,c,cprime",
            "apply_update_apply_with_overlap | Apply default v1 a,c; Update controller v1 a,b,c,d; Apply default v1 a,b,c"
                    + " | a,b,c,d | controller@v1=b,d; default@v1=a,b,c",
            "apply_update_apply_with_overlap_and_different_version | Apply default v1 a,c; Update controller v2 a,b,c,d; Apply default v1 a,b,c"
                    + " | a,b,c,d | controller@v2=b,d; default@v1=a,b,c",
            "apply_twice_reorder | Apply default v1 a,b,c,d; Apply default v1 a,d,c,b | a,d,c,b | default@v1=a,b,c,d",
            "apply_update_apply_reorder | Apply default v1 a,b,c,d; Update controller v1 a,d,c,b; Apply default v1 a,b,c,d"
                    + " | a,b,c,d | default@v1=a,b,c,d",
            "apply_update_apply_reorder_across_versions | Apply default v1 a,b,c,d; Update controller v1 a,d,c,b; Apply default v2 a,b,c,d"
                    + " | a,b,c,d | default@v2=a,b,c,d",
            "apply_twice_remove | Apply default v1 a,b,c,d; Apply default v1 a,c | a,c | default@v1=a,c",
            "apply_twice_remove_across_versions | Apply default v1 a,b,c,d; Apply default v2 a,c,e | a,c,e | default@v2=a,c,e",
    })
    void scenario(String name, String steps, String wantList, String wantOwners) {
        ObjectNode live = null;
        Instant t = Fx.T0;
        for (String step : steps.split(";")) {
            String[] p = step.trim().split(" ");
            ObjectNode object = TestSchemas.yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: s}}");
            ArrayNode items = ((ObjectNode) object.get("metadata")).putArray("finalizers");
            for (String item : p[3].split(",")) {
                items.add(item);
            }
            if (p[0].equals("Apply")) {
                live = ServerSideApply.apply(live, object, p[1], false, TestSchemas.CONFIG_MAP, p[2], t);
            } else {
                live = ManagedFields.recordUpdate(live, object, p[1], p[2], null, t, TestSchemas.CONFIG_MAP);
            }
            t = t.plusSeconds(60);
        }

        List<String> list = new ArrayList<>();
        live.get("metadata").get("finalizers").forEach(v -> list.add(v.asText()));
        list.sort(null);
        List<String> expected = new ArrayList<>(List.of(wantList.split(",")));
        expected.sort(null);
        assertEquals(expected, list);

        TreeMap<String, String> owners = new TreeMap<>();
        for (ManagedFields.Entry e : ManagedFields.read(live)) {
            List<String> members = new ArrayList<>();
            e.fields().paths().forEach(path -> members.add(path.elements().get(path.size() - 1).memberValue().asText()));
            owners.put(e.manager() + "@" + e.apiVersion(), String.join(",", members));
        }
        TreeMap<String, String> want = new TreeMap<>();
        for (String o : wantOwners.split(";")) {
            String[] kv = o.trim().split("=");
            want.put(kv[0], kv[1]);
        }
        assertEquals(want, owners);
    }
}
