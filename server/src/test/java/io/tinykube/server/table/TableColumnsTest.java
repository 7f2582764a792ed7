package io.tinykube.server.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.tinykube.server.registry.BuiltinResources;
import io.tinykube.server.registry.ResourceType;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Every printer's columns as upstream's {@code pkg/printers/internalversion/printers.go} defines them: name, type,
 * format and priority, in order. Written {@code Name:type:format:priority}.
 */
class TableColumnsTest {

    static Stream<Arguments> upstream() {
        String name = "Name:string:name:0";
        String age = "Age:string::0";
        String containers = "Containers:string::1";
        String images = "Images:string::1";
        String selector = "Selector:string::1";
        return Stream.of(
                Arguments.of("", "Pod", List.of(name, "Ready:string::0", "Status:string::0", "Restarts:string::0", age,
                        "IP:string::1", "Node:string::1", "Nominated Node:string::1", "Readiness Gates:string::1")),
                Arguments.of("", "PodTemplate", List.of(name, "Containers:string::0", "Images:string::0",
                        "Pod Labels:string::0")),
                Arguments.of("", "ReplicationController", List.of(name, "Desired:integer::0", "Current:integer::0",
                        "Ready:integer::0", age, containers, images, selector)),
                Arguments.of("apps", "ReplicaSet", List.of(name, "Desired:integer::0", "Current:integer::0",
                        "Ready:integer::0", age, containers, images, selector)),
                Arguments.of("apps", "Deployment", List.of(name, "Ready:string::0", "Up-to-date:string::0",
                        "Available:string::0", age, containers, images, selector)),
                Arguments.of("apps", "StatefulSet", List.of(name, "Ready:string::0", age, containers, images)),
                Arguments.of("apps", "DaemonSet", List.of(name, "Desired:integer::0", "Current:integer::0",
                        "Ready:integer::0", "Up-to-date:integer::0", "Available:integer::0", "Node Selector:string::0",
                        age, containers, images, selector)),
                Arguments.of("apps", "ControllerRevision", List.of(name, "Controller:string::0", "Revision:string::0",
                        age)),
                Arguments.of("batch", "Job", List.of(name, "Status:string::0", "Completions:string::0",
                        "Duration:string::0", age, containers, images, selector)),
                Arguments.of("batch", "CronJob", List.of(name, "Schedule:string::0", "Timezone:string::0",
                        "Suspend:boolean::0", "Active:integer::0", "Last Schedule:string::0", age, containers, images,
                        selector)),
                Arguments.of("", "Service", List.of(name, "Type:string::0", "Cluster-IP:string::0",
                        "External-IP:string::0", "Port(s):string::0", age, selector)),
                Arguments.of("networking.k8s.io", "Ingress", List.of(name, "Class:string::0", "Hosts:string::0",
                        "Address:string::0", "Ports:string::0", age)),
                Arguments.of("networking.k8s.io", "IngressClass", List.of(name, "Controller:string::0",
                        "Parameters:string::0", age)),
                Arguments.of("networking.k8s.io", "NetworkPolicy", List.of(name, "Pod-Selector:string::0", age)),
                Arguments.of("", "Endpoints", List.of(name, "Endpoints:string::0", age)),
                Arguments.of("discovery.k8s.io", "EndpointSlice", List.of(name, "AddressType:string::0",
                        "Ports:string::0", "Endpoints:string::0", age)),
                Arguments.of("", "Node", List.of(name, "Status:string::0", "Roles:string::0", age,
                        "Version:string::0", "Internal-IP:string::1", "External-IP:string::1", "OS-Image:string::1",
                        "Kernel-Version:string::1", "Container-Runtime:string::1")),
                Arguments.of("", "Event", events()),
                Arguments.of("events.k8s.io", "Event", events()),
                Arguments.of("", "Namespace", List.of(name, "Status:string::0", age)),
                Arguments.of("", "Secret", List.of(name, "Type:string::0", "Data:string::0", age)),
                Arguments.of("", "ServiceAccount", List.of(name, "Secrets:string::0", age)),
                Arguments.of("", "ConfigMap", List.of(name, "Data:string::0", age)),
                Arguments.of("", "PersistentVolume", List.of(name, "Capacity:string::0", "Access Modes:string::0",
                        "Reclaim Policy:string::0", "Status:string::0", "Claim:string::0", "StorageClass:string::0",
                        "VolumeAttributesClass:string::0", "Reason:string::0", age, "VolumeMode:string::1")),
                Arguments.of("", "PersistentVolumeClaim", List.of(name, "Status:string::0", "Volume:string::0",
                        "Capacity:string::0", "Access Modes:string::0", "StorageClass:string::0",
                        "VolumeAttributesClass:string::0", age, "VolumeMode:string::1")),
                Arguments.of("", "ResourceQuota", List.of(name, "Request:string::0", "Limit:string::0", age)),
                Arguments.of("autoscaling", "HorizontalPodAutoscaler", List.of(name, "Reference:string::0",
                        "Targets:string::0", "MinPods:string::0", "MaxPods:string::0", "Replicas:string::0", age)),
                Arguments.of("policy", "PodDisruptionBudget", List.of(name, "Min Available:string::0",
                        "Max Unavailable:string::0", "Allowed Disruptions:integer::0", age)),
                Arguments.of("coordination.k8s.io", "Lease", List.of(name, "Holder:string::0", age)),
                Arguments.of("scheduling.k8s.io", "PriorityClass", List.of(name, "Value:integer::0",
                        "Global-Default:boolean::0", age, "PreemptionPolicy:string::0")),
                Arguments.of("storage.k8s.io", "StorageClass", List.of(name, "Provisioner:string::0",
                        "ReclaimPolicy:string::0", "VolumeBindingMode:string::0", "AllowVolumeExpansion:string::0",
                        age)),
                Arguments.of("storage.k8s.io", "CSIDriver", List.of(name, "AttachRequired:boolean::0",
                        "PodInfoOnMount:boolean::0", "StorageCapacity:boolean::0", "TokenRequests:string::0",
                        "RequiresRepublish:boolean::0", "Modes:string::0", age)),
                Arguments.of("rbac.authorization.k8s.io", "RoleBinding", bindings()),
                Arguments.of("rbac.authorization.k8s.io", "ClusterRoleBinding", bindings()),
                // kinds upstream serves with the default table convertor
                Arguments.of("rbac.authorization.k8s.io", "Role", List.of(name, "Created At:date::0")),
                Arguments.of("rbac.authorization.k8s.io", "ClusterRole", List.of(name, "Created At:date::0")),
                Arguments.of("", "LimitRange", List.of(name, "Created At:date::0")),
                Arguments.of("apiextensions.k8s.io", "CustomResourceDefinition", List.of(name, "Created At:date::0")),
                // a custom resource without additional printer columns
                Arguments.of("example.com", "Widget", List.of(name, "Age:date::0")));
    }

    private static List<String> events() {
        return List.of("Last Seen:string::0", "Type:string::0", "Reason:string::0", "Object:string::0",
                "Subobject:string::1", "Source:string::1", "Message:string::0", "First Seen:string::1",
                "Count:string::1", "Name:string:name:1");
    }

    private static List<String> bindings() {
        return List.of("Name:string:name:0", "Role:string::0", "Age:string::0", "Users:string::1", "Groups:string::1",
                "ServiceAccounts:string::1");
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("upstream")
    void columnsAreUpstreams(String group, String kind, List<String> expected) {
        List<String> actual = new ArrayList<>();
        for (Column c : TablePrinters.builtin().forKind(group, kind).columns()) {
            actual.add(c.name() + ":" + c.type() + ":" + c.format() + ":" + c.priority());
            assertFalse(c.description().isBlank(), kind + " " + c.name() + " has a description");
        }
        assertEquals(expected, actual);
    }

    @Test
    void everyServedKindThatKubectlListsHasAPrinterOrIsUpstreamsDefault() {
        List<String> missing = new ArrayList<>();
        for (ResourceType type : BuiltinResources.all()) {
            if (type.hasVerb("list") && !TablePrinters.builtin().has(type.group(), type.kind())) {
                missing.add(type.group() + "/" + type.kind());
            }
        }
        assertEquals(List.of(), missing);
    }
}
