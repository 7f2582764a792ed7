package io.tinykube.server.scheduler;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tinykube.server.json.Json;
import java.util.ArrayList;
import java.util.List;

/** Nodes and pods for scheduler tests, written as the manifests a user would write. */
final class Fx {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Fx() {
    }

    static ObjectNode yaml(String text) {
        try {
            return (ObjectNode) YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A Ready node with the given allocatable cpu and memory, labelled with its hostname. */
    static ObjectNode node(String name, String cpu, String memory) {
        return yaml("""
                kind: Node
                metadata:
                  name: %s
                  labels: {kubernetes.io/hostname: %s}
                status:
                  allocatable: {cpu: "%s", memory: "%s", pods: "110", ephemeral-storage: 10Gi}
                """.formatted(name, name, cpu, memory));
    }

    /** A node whose labels and spec are {@code extra} (YAML for metadata/spec keys) on top of {@link #node}. */
    static ObjectNode node(String name, String cpu, String memory, String extra) {
        ObjectNode node = node(name, cpu, memory);
        ObjectNode more = yaml(extra);
        if (more.has("labels")) {
            Json.with(node, "metadata", "labels").setAll((ObjectNode) more.get("labels"));
        }
        if (more.has("spec")) {
            node.set("spec", more.get("spec"));
        }
        return node;
    }

    /** A pod in {@code default} with one container requesting {@code cpu} and {@code memory} (null: no request). */
    static ObjectNode pod(String name, String cpu, String memory) {
        ObjectNode pod = yaml("""
                kind: Pod
                metadata: {name: %s, namespace: default}
                spec:
                  containers:
                  - name: app
                    image: nginx
                    resources: {requests: {}}
                """.formatted(name));
        ObjectNode requests = (ObjectNode) pod.at("/spec/containers/0/resources/requests");
        if (cpu != null) {
            requests.put("cpu", cpu);
        }
        if (memory != null) {
            requests.put("memory", memory);
        }
        return pod;
    }

    static ObjectNode labelled(ObjectNode pod, String key, String value) {
        Json.with(pod, "metadata", "labels").put(key, value);
        return pod;
    }

    static ObjectNode priority(ObjectNode pod, int priority) {
        ((ObjectNode) pod.get("spec")).put("priority", priority);
        return pod;
    }

    /** {@code pod} with {@code spec} (YAML) merged into its spec. */
    static ObjectNode withSpec(ObjectNode pod, String spec) {
        ((ObjectNode) pod.get("spec")).setAll(yaml(spec));
        return pod;
    }

    static List<NodeInfo> infos(ObjectNode... nodes) {
        List<NodeInfo> infos = new ArrayList<>();
        for (ObjectNode node : nodes) {
            infos.add(new NodeInfo(node));
        }
        return infos;
    }

    static NodeInfo info(List<NodeInfo> infos, String name) {
        for (NodeInfo info : infos) {
            if (info.name().equals(name)) {
                return info;
            }
        }
        throw new IllegalArgumentException(name);
    }

    /** Binds {@code pod} to the named node, as the scheduler's caller would after a result. */
    static ObjectNode bind(List<NodeInfo> infos, String node, ObjectNode pod) {
        ((ObjectNode) pod.get("spec")).put("nodeName", node);
        Json.with(pod, "status").put("phase", "Running");
        info(infos, node).addPod(pod);
        return pod;
    }

    static String schedule(ObjectNode pod, List<NodeInfo> infos) {
        ScheduleResult result = new Scheduler().schedule(pod, infos);
        return result.isScheduled() ? result.nodeName() : result.message();
    }
}
