package io.tinykube.server.table;

import static io.tinykube.server.table.KindPrinter.row;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Printers of Lease, PriorityClass, RoleBinding, ClusterRoleBinding, StorageClass and CSIDriver, and the two
 * tables of kinds without a printer: upstream's default table convertor (Name, Created At) used for Role,
 * ClusterRole, LimitRange and CustomResourceDefinition, and the custom-resource table (Name, Age).
 */
final class ClusterPrinters {
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private ClusterPrinters() {
    }

    static TablePrinter lease() {
        return new KindPrinter(List.of(
                Column.nameColumn(),
                Column.string("Holder", "holderIdentity contains the identity of the holder of a current lease."),
                Column.age()),
                (o, now) -> row(o.name(), o.str("spec", "holderIdentity"), Cells.age(o, now)));
    }

    static TablePrinter priorityClass() {
        return new KindPrinter(List.of(
                Column.nameColumn(),
                Column.integer("Value", "value represents the integer value of this priority class."),
                Column.bool("Global-Default", "globalDefault specifies whether this PriorityClass should be considered"
                        + " as the default priority for pods that do not have any priority class."),
                Column.age(),
                Column.string("PreemptionPolicy", "preemptionPolicy is the Policy for preempting pods with lower"
                        + " priority.")),
                (o, now) -> row(o.name(), o.i64("value"), o.bool("globalDefault"), Cells.age(o, now),
                        o.strOr("PreemptLowerPriority", "preemptionPolicy")));
    }

    static TablePrinter roleBinding(String kindWord) {
        return new KindPrinter(List.of(
                Column.nameColumn(),
                Column.string("Role", "RoleRef can reference a Role in the current namespace or a ClusterRole in the"
                        + " global namespace."),
                Column.age(),
                Column.string("Users", "Users in the " + kindWord).wide(),
                Column.string("Groups", "Groups in the " + kindWord).wide(),
                Column.string("ServiceAccounts", "ServiceAccounts in the " + kindWord).wide()),
                (o, now) -> {
                    List<String> users = new ArrayList<>();
                    List<String> groups = new ArrayList<>();
                    List<String> serviceAccounts = new ArrayList<>();
                    for (Obj subject : o.list("subjects")) {
                        switch (subject.str("kind")) {
                            case "ServiceAccount" -> serviceAccounts.add(subject.str("namespace") + "/" + subject.str("name"));
                            case "User" -> users.add(subject.str("name"));
                            case "Group" -> groups.add(subject.str("name"));
                            default -> {
                            }
                        }
                    }
                    return row(o.name(), o.str("roleRef", "kind") + "/" + o.str("roleRef", "name"), Cells.age(o, now),
                            String.join(", ", users), String.join(", ", groups), String.join(", ", serviceAccounts));
                });
    }

    static TablePrinter storageClass() {
        return new KindPrinter(List.of(
                Column.nameColumn(),
                Column.string("Provisioner", "provisioner indicates the type of the provisioner."),
                Column.string("ReclaimPolicy", "reclaimPolicy controls the reclaimPolicy for dynamically provisioned"
                        + " PersistentVolumes of this storage class. Defaults to Delete."),
                Column.string("VolumeBindingMode", "volumeBindingMode indicates how PersistentVolumeClaims should be"
                        + " provisioned and bound. When unset, VolumeBindingImmediate is used."),
                Column.string("AllowVolumeExpansion", "allowVolumeExpansion shows whether the storage class allow"
                        + " volume expand."),
                Column.age()),
                (o, now) -> {
                    Map<String, String> annotations = o.stringMap("metadata", "annotations");
                    boolean isDefault = "true".equals(annotations.get("storageclass.kubernetes.io/is-default-class"))
                            || "true".equals(annotations.get("storageclass.beta.kubernetes.io/is-default-class"));
                    return row(isDefault ? o.name() + " (default)" : o.name(), o.str("provisioner"),
                            o.strOr("Delete", "reclaimPolicy"), o.strOr("Immediate", "volumeBindingMode"),
                            o.bool("allowVolumeExpansion"), Cells.age(o, now));
                });
    }

    static TablePrinter csiDriver() {
        return new KindPrinter(List.of(
                Column.nameColumn(),
                Column.bool("AttachRequired", "attachRequired indicates this CSI volume driver requires an attach"
                        + " operation."),
                Column.bool("PodInfoOnMount", "podInfoOnMount indicates this CSI volume driver requires additional pod"
                        + " information (like podName, podUID, etc.) during mount operations."),
                Column.bool("StorageCapacity", "storageCapacity indicates that the CSI volume driver wants pod"
                        + " scheduling to consider the storage capacity that the driver deployment will report."),
                Column.string("TokenRequests", "tokenRequests indicates the CSI driver needs pods' service account"
                        + " tokens it is mounting volume for to do necessary authentication."),
                Column.bool("RequiresRepublish", "requiresRepublish indicates the CSI driver wants `NodePublishVolume`"
                        + " being periodically called to reflect any possible change in the mounted volume."),
                Column.string("Modes", "volumeLifecycleModes defines what kind of volumes this CSI volume driver"
                        + " supports."),
                Column.age()),
                (o, now) -> {
                    boolean attachRequired = !o.has("spec", "attachRequired") || o.bool("spec", "attachRequired");
                    List<String> modes = o.strings("spec", "volumeLifecycleModes");
                    String tokenRequests = "<unset>";
                    if (o.has("spec", "tokenRequests")) {
                        List<String> audiences = new ArrayList<>();
                        for (Obj request : o.list("spec", "tokenRequests")) {
                            audiences.add(request.str("audience"));
                        }
                        tokenRequests = String.join(",", audiences);
                    }
                    return row(o.name(), attachRequired, o.bool("spec", "podInfoOnMount"),
                            o.bool("spec", "storageCapacity"), tokenRequests, o.bool("spec", "requiresRepublish"),
                            modes.isEmpty() ? "Persistent" : String.join(",", modes), Cells.age(o, now));
                });
    }

    /**
     * Upstream's {@code rest.NewDefaultTableConvertor}, which the API server uses for kinds without a printer
     * (Role, ClusterRole, LimitRange, CustomResourceDefinition): the name and the creation time in RFC 3339.
     */
    static TablePrinter createdAt() {
        return new KindPrinter(List.of(
                Column.nameColumn(),
                new Column("Created At", "date", "", Column.CREATION_TIMESTAMP_DESCRIPTION, 0)),
                (o, now) -> {
                    var created = o.time("metadata", "creationTimestamp");
                    return row(o.name(), created == null ? "0001-01-01T00:00:00Z" : RFC3339.format(created));
                });
    }

    /**
     * The table of a custom resource whose definition has no additional printer columns: the name and the
     * default {@code Age} column (type {@code date}; {@code null} without a creation timestamp).
     */
    static TablePrinter nameAndAge() {
        return new KindPrinter(List.of(
                Column.nameColumn(),
                new Column("Age", "date", "", Column.CREATION_TIMESTAMP_DESCRIPTION, 0)),
                (o, now) -> row(o.name(), o.has("metadata", "creationTimestamp") ? Cells.age(o, now) : null));
    }
}
