package io.tinykube.server.table;

import static io.tinykube.server.table.KindPrinter.row;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Printers of Node, Namespace, ConfigMap, Secret, ServiceAccount, Event (core/v1 and events.k8s.io/v1),
 * PersistentVolume, PersistentVolumeClaim and ResourceQuota.
 */
final class CorePrinters {
    private static final String NODE_ROLE_PREFIX = "node-role.kubernetes.io/";
    private static final String NODE_ROLE_LABEL = "kubernetes.io/role";
    private static final String STORAGE_CLASS_ANNOTATION = "volume.beta.kubernetes.io/storage-class";

    private CorePrinters() {
    }

    static TablePrinter node() {
        String addresses = "List of addresses reachable to the node.";
        return new KindPrinter(List.of(
                Column.nameColumn(),
                Column.string("Status", "The status of the node"),
                Column.string("Roles", "The roles of the node"),
                Column.age(),
                Column.string("Version", "Kubelet Version reported by the node."),
                Column.string("Internal-IP", addresses).wide(),
                Column.string("External-IP", addresses).wide(),
                Column.string("OS-Image", "OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7"
                        + " (wheezy)).").wide(),
                Column.string("Kernel-Version", "Kernel Version reported by the node from 'uname -r' (e.g."
                        + " 3.16.0-0.bpo.4-amd64).").wide(),
                Column.string("Container-Runtime", "ContainerRuntime Version reported by the node through runtime"
                        + " remote API (e.g. containerd://1.4.2).").wide()),
                (o, now) -> {
                    Map<String, Obj> conditions = new HashMap<>();
                    for (Obj condition : o.list("status", "conditions")) {
                        conditions.put(condition.str("type"), condition);
                    }
                    List<String> status = new ArrayList<>();
                    Obj ready = conditions.get("Ready");
                    if (ready != null) {
                        status.add("True".equals(ready.str("status")) ? "Ready" : "NotReady");
                    }
                    if (status.isEmpty()) {
                        status.add("Unknown");
                    }
                    if (o.bool("spec", "unschedulable")) {
                        status.add("SchedulingDisabled");
                    }
                    String roles = String.join(",", nodeRoles(o));
                    return row(o.name(), String.join(",", status), roles.isEmpty() ? "<none>" : roles,
                            Cells.age(o, now), o.str("status", "nodeInfo", "kubeletVersion"),
                            nodeAddress(o, "InternalIP"), nodeAddress(o, "ExternalIP"),
                            o.strOr("<unknown>", "status", "nodeInfo", "osImage"),
                            o.strOr("<unknown>", "status", "nodeInfo", "kernelVersion"),
                            o.strOr("<unknown>", "status", "nodeInfo", "containerRuntimeVersion"));
                });
    }

    /** {@code findNodeRoles}: {@code node-role.kubernetes.io/<role>} labels and {@code kubernetes.io/role=<role>}, sorted. */
    private static TreeSet<String> nodeRoles(Obj node) {
        TreeSet<String> roles = new TreeSet<>();
        for (Map.Entry<String, String> label : node.stringMap("metadata", "labels").entrySet()) {
            String key = label.getKey();
            if (key.startsWith(NODE_ROLE_PREFIX)) {
                String role = key.substring(NODE_ROLE_PREFIX.length());
                if (!role.isEmpty()) {
                    roles.add(role);
                }
            } else if (key.equals(NODE_ROLE_LABEL) && !label.getValue().isEmpty()) {
                roles.add(label.getValue());
            }
        }
        return roles;
    }

    private static String nodeAddress(Obj node, String type) {
        for (Obj address : node.list("status", "addresses")) {
            if (type.equals(address.str("type"))) {
                return address.str("address");
            }
        }
        return "<none>";
    }

    static TablePrinter namespace() {
        return new KindPrinter(List.of(
                Column.nameColumn(),
                Column.string("Status", "The status of the namespace"),
                Column.age()),
                (o, now) -> row(o.name(), o.strOr("Active", "status", "phase"), Cells.age(o, now)));
    }

    static TablePrinter configMap() {
        return new KindPrinter(List.of(
                Column.nameColumn(),
                Column.string("Data", "Data contains the configuration data."),
                Column.age()),
                (o, now) -> row(o.name(), (long) (o.size("data") + o.size("binaryData")), Cells.age(o, now)));
    }

    static TablePrinter secret() {
        return new KindPrinter(List.of(
                Column.nameColumn(),
                Column.string("Type", "Used to facilitate programmatic handling of secret data."),
                Column.string("Data", "Data contains the secret data."),
                Column.age()),
                (o, now) -> row(o.name(), o.strOr("Opaque", "type"), (long) o.size("data"), Cells.age(o, now)));
    }

    static TablePrinter serviceAccount() {
        return new KindPrinter(List.of(
                Column.nameColumn(),
                Column.string("Secrets", "Secrets is a list of the secrets in the same namespace that pods running"
                        + " using this ServiceAccount are allowed to use."),
                Column.age()),
                (o, now) -> row(o.name(), (long) o.size("secrets"), Cells.age(o, now)));
    }

    /**
     * {@code printEvent}, for core/v1 Events and for events.k8s.io/v1 ones read as the API server converts them
     * ({@code regarding} is the involved object, {@code note} the message, {@code deprecated*} the old fields).
     */
    static TablePrinter event(boolean eventsGroup) {
        return new KindPrinter(List.of(
                Column.string("Last Seen", "The time at which the most recent occurrence of this event was recorded."),
                Column.string("Type", "Type of this event (Normal, Warning), new types could be added in the future"),
                Column.string("Reason", "This should be a short, machine understandable string that gives the reason"
                        + " for the transition into the object's current status."),
                Column.string("Object", "The object that this event is about."),
                Column.string("Subobject", "If referring to a piece of an object instead of an entire object, this"
                        + " string should contain a valid JSON/Go field access statement.").wide(),
                Column.string("Source", "The component reporting this event. Should be a short machine understandable"
                        + " string.").wide(),
                Column.string("Message", "A human-readable description of the status of this operation."),
                Column.string("First Seen", "The time at which the event was first recorded. (Time of server receipt is"
                        + " in TypeMeta.)").wide(),
                Column.string("Count", "The number of times this event has occurred.").wide(),
                Column.nameColumn().wide()),
                (o, now) -> eventCells(o, now, eventsGroup));
    }

    private static List<Object> eventCells(Obj o, Instant now, boolean eventsGroup) {
        String involved = eventsGroup ? "regarding" : "involvedObject";
        String message = o.str(eventsGroup ? "note" : "message");
        String source = eventsGroup ? "deprecatedSource" : "source";
        String first = eventsGroup ? "deprecatedFirstTimestamp" : "firstTimestamp";
        String last = eventsGroup ? "deprecatedLastTimestamp" : "lastTimestamp";
        String reportingController = o.str(eventsGroup ? "reportingController" : "reportingComponent");

        String firstTimestamp = Cells.since(o, now, first);
        if (o.time(first) == null) {
            firstTimestamp = Cells.since(o, now, "eventTime");
        }
        String lastTimestamp = Cells.since(o, now, last);
        if (o.time(last) == null) {
            lastTimestamp = firstTimestamp;
        }
        long count = o.i64(eventsGroup ? "deprecatedCount" : "count");
        if (o.has("series")) {
            lastTimestamp = Cells.since(o, now, "series", "lastObservedTime");
            count = o.i64("series", "count");
        } else if (count == 0) {
            count = 1; // singleton events have no count in the new API
        }
        String kind = o.str(involved, "kind").toLowerCase(Locale.ROOT);
        String name = o.str(involved, "name");
        String target = name.isEmpty() ? kind : kind + "/" + name;

        String component = o.str(source, "component");
        if (component.isEmpty()) {
            component = reportingController;
        }
        String host = o.str(source, "host");
        if (host.isEmpty()) {
            host = o.str("reportingInstance");
        }
        String sourceText = host.isEmpty() ? component : component + ", " + host;
        return row(lastTimestamp, o.str("type"), o.str("reason"), target, o.str(involved, "fieldPath"), sourceText,
                message.strip(), firstTimestamp, count, o.name());
    }

    static TablePrinter persistentVolume() {
        return new KindPrinter(List.of(
                Column.nameColumn(),
                Column.string("Capacity", "capacity is the description of the persistent volume's resources and"
                        + " capacity."),
                Column.string("Access Modes", "accessModes contains all ways the volume can be mounted."),
                Column.string("Reclaim Policy", "persistentVolumeReclaimPolicy defines what happens to a persistent"
                        + " volume when released from its claim."),
                Column.string("Status", "phase indicates if a volume is available, bound to a claim, or released by a"
                        + " claim."),
                Column.string("Claim", "claimRef is part of a bi-directional binding between PersistentVolume and"
                        + " PersistentVolumeClaim."),
                Column.string("StorageClass", "StorageClass of the pv"),
                Column.string("VolumeAttributesClass", "VolumeAttributesClass of the pv"),
                Column.string("Reason", "reason is a brief CamelCase string that describes any failure and is meant for"
                        + " machine parsing and tidy display in the CLI."),
                Column.age(),
                Column.string("VolumeMode", "volumeMode defines if a volume is intended to be used with a formatted"
                        + " filesystem or to remain in raw block state.").wide()),
                (o, now) -> {
                    String claim = "";
                    if (o.has("spec", "claimRef")) {
                        claim = o.str("spec", "claimRef", "namespace") + "/" + o.str("spec", "claimRef", "name");
                    }
                    String phase = o.has("metadata", "deletionTimestamp") ? "Terminating"
                            : o.strOr("Pending", "status", "phase");
                    String storageClass = o.stringMap("metadata", "annotations").containsKey(STORAGE_CLASS_ANNOTATION)
                            ? o.stringMap("metadata", "annotations").get(STORAGE_CLASS_ANNOTATION)
                            : o.str("spec", "storageClassName");
                    return row(o.name(), Quantity.canonical(o.str("spec", "capacity", "storage")),
                            accessModes(o.strings("spec", "accessModes")),
                            o.strOr("Retain", "spec", "persistentVolumeReclaimPolicy"), phase, claim, storageClass,
                            o.has("spec", "volumeAttributesClassName") ? o.str("spec", "volumeAttributesClassName") : "<unset>",
                            o.str("status", "reason"), Cells.age(o, now), o.strOr("Filesystem", "spec", "volumeMode"));
                });
    }

    static TablePrinter persistentVolumeClaim() {
        return new KindPrinter(List.of(
                Column.nameColumn(),
                Column.string("Status", "phase represents the current phase of PersistentVolumeClaim."),
                Column.string("Volume", "volumeName is the binding reference to the PersistentVolume backing this"
                        + " claim."),
                Column.string("Capacity", "capacity represents the actual resources of the underlying volume."),
                Column.string("Access Modes", "accessModes contains the actual access modes the volume backing the PVC"
                        + " has."),
                Column.string("StorageClass", "StorageClass of the pvc"),
                Column.string("VolumeAttributesClass", "VolumeAttributesClass of the pvc"),
                Column.age(),
                Column.string("VolumeMode", "volumeMode defines what type of volume is required by the claim.").wide()),
                (o, now) -> {
                    String phase = o.has("metadata", "deletionTimestamp") ? "Terminating"
                            : o.strOr("Pending", "status", "phase");
                    String capacity = "";
                    String modes = "";
                    if (!o.str("spec", "volumeName").isEmpty()) {
                        modes = accessModes(o.strings("status", "accessModes"));
                        capacity = Quantity.canonical(o.str("status", "capacity", "storage"));
                    }
                    Map<String, String> annotations = o.stringMap("metadata", "annotations");
                    String storageClass = annotations.containsKey(STORAGE_CLASS_ANNOTATION)
                            ? annotations.get(STORAGE_CLASS_ANNOTATION) : o.str("spec", "storageClassName");
                    return row(o.name(), phase, o.str("spec", "volumeName"), capacity, modes, storageClass,
                            o.has("spec", "volumeAttributesClassName") ? o.str("spec", "volumeAttributesClassName") : "<unset>",
                            Cells.age(o, now), o.strOr("Filesystem", "spec", "volumeMode"));
                });
    }

    /** {@code helper.GetAccessModesAsString}: {@code RWO,ROX,RWX,RWOP} in that order. */
    static String accessModes(List<String> modes) {
        List<String> text = new ArrayList<>();
        if (modes.contains("ReadWriteOnce")) {
            text.add("RWO");
        }
        if (modes.contains("ReadOnlyMany")) {
            text.add("ROX");
        }
        if (modes.contains("ReadWriteMany")) {
            text.add("RWX");
        }
        if (modes.contains("ReadWriteOncePod")) {
            text.add("RWOP");
        }
        return String.join(",", text);
    }

    static TablePrinter resourceQuota() {
        return new KindPrinter(List.of(
                Column.nameColumn(),
                Column.string("Request", "Request represents a minimum amount of cpu/memory that a container may"
                        + " consume."),
                Column.string("Limit", "Limits control the maximum amount of cpu/memory that a container may use"
                        + " independent of contention on the node."),
                Column.age()),
                (o, now) -> {
                    Map<String, String> hard = o.stringMap("status", "hard");
                    Map<String, String> used = o.stringMap("status", "used");
                    List<String> requests = new ArrayList<>();
                    List<String> limits = new ArrayList<>();
                    for (String resource : new TreeSet<>(hard.keySet())) {
                        String[] pieces = resource.split("\\.", -1);
                        List<String> column = pieces.length > 1 && "limits".equals(pieces[0]) ? limits : requests;
                        column.add(resource + ": " + Quantity.canonical(used.get(resource)) + "/"
                                + Quantity.canonical(hard.get(resource)));
                    }
                    return row(o.name(), String.join(", ", requests), String.join(", ", limits), Cells.age(o, now));
                });
    }
}
