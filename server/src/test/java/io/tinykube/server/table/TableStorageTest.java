package io.tinykube.server.table;

import static io.tinykube.server.table.Fixtures.cells;
import static io.tinykube.server.table.Fixtures.text;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PersistentVolume, PersistentVolumeClaim, StorageClass and CSIDriver rows. */
class TableStorageTest {

    private static List<Object> values(List<JsonNode> cells) {
        return cells.stream().map(c -> c.isBoolean() ? (Object) c.asBoolean() : c.asText()).toList();
    }

    @Test
    void boundPersistentVolume() {
        List<JsonNode> cells = cells("""
                {"kind":"PersistentVolume","apiVersion":"v1","metadata":{"name":"pv-1","creationTimestamp":"2025-05-01T11:00:00Z"},
                 "spec":{"capacity":{"storage":"1024Mi"},"accessModes":["ReadWriteMany","ReadWriteOnce"],
                   "persistentVolumeReclaimPolicy":"Delete","storageClassName":"local-path","volumeMode":"Filesystem",
                   "claimRef":{"namespace":"default","name":"data"}},
                 "status":{"phase":"Bound"}}""");
        assertEquals(List.of("pv-1", "1Gi", "RWO,RWX", "Delete", "Bound", "default/data", "local-path", "<unset>", "",
                "60m", "Filesystem"), values(cells));
    }

    @Test
    void deletedPersistentVolumeIsTerminatingAndDefaultsApply() {
        List<JsonNode> cells = cells("""
                {"kind":"PersistentVolume","apiVersion":"v1",
                 "metadata":{"name":"pv-2","deletionTimestamp":"2025-05-01T11:00:00Z",
                             "annotations":{"volume.beta.kubernetes.io/storage-class":"old-class"}},
                 "spec":{"accessModes":["ReadWriteOncePod"],"volumeAttributesClassName":"gold"}}""");
        assertEquals(List.of("pv-2", "0", "RWOP", "Retain", "Terminating", "", "old-class", "gold", "", "<unknown>",
                "Filesystem"), values(cells));
    }

    @Test
    void boundAndPendingClaims() {
        List<JsonNode> bound = cells("""
                {"kind":"PersistentVolumeClaim","apiVersion":"v1","metadata":{"name":"data","creationTimestamp":"2025-05-01T11:00:00Z"},
                 "spec":{"accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"1Gi"}},
                   "storageClassName":"local-path","volumeName":"pvc-123","volumeMode":"Block"},
                 "status":{"phase":"Bound","accessModes":["ReadWriteOnce"],"capacity":{"storage":"2048Mi"}}}""");
        assertEquals(List.of("data", "Bound", "pvc-123", "2Gi", "RWO", "local-path", "<unset>", "60m", "Block"),
                values(bound));
        List<JsonNode> pending = cells("""
                {"kind":"PersistentVolumeClaim","apiVersion":"v1","metadata":{"name":"data"},
                 "spec":{"accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"1Gi"}}},"status":{"phase":"Pending"}}""");
        assertEquals(List.of("data", "Pending", "", "", "", "", "<unset>", "<unknown>", "Filesystem"), values(pending));
    }

    @Test
    void storageClass() {
        List<JsonNode> cells = cells("""
                {"kind":"StorageClass","apiVersion":"storage.k8s.io/v1",
                 "metadata":{"name":"local-path","annotations":{"storageclass.kubernetes.io/is-default-class":"true"}},
                 "provisioner":"tinykube.io/local-path","volumeBindingMode":"WaitForFirstConsumer"}""");
        assertEquals(List.of("local-path (default)", "tinykube.io/local-path", "Delete", "WaitForFirstConsumer", false,
                "<unknown>"), values(cells));
        assertEquals("fast", text("""
                {"kind":"StorageClass","apiVersion":"storage.k8s.io/v1","metadata":{"name":"fast"},"provisioner":"x",
                 "reclaimPolicy":"Retain","allowVolumeExpansion":true}""", "Name"));
    }

    @Test
    void csiDriver() {
        List<JsonNode> cells = cells("""
                {"kind":"CSIDriver","apiVersion":"storage.k8s.io/v1","metadata":{"name":"csi.example.com"},
                 "spec":{"attachRequired":false,"podInfoOnMount":true,"tokenRequests":[{"audience":"a"},{"audience":"b"}],
                         "volumeLifecycleModes":["Persistent","Ephemeral"]}}""");
        assertEquals(List.of("csi.example.com", false, true, false, "a,b", false, "Persistent,Ephemeral", "<unknown>"),
                values(cells));
        assertEquals(List.of("d", true, false, false, "<unset>", false, "Persistent", "<unknown>"), values(cells("""
                {"kind":"CSIDriver","apiVersion":"storage.k8s.io/v1","metadata":{"name":"d"},"spec":{}}""")));
    }
}
