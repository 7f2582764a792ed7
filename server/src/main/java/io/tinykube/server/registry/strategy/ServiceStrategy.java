package io.tinykube.server.registry.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.api.ApiException;
import io.tinykube.server.api.ApiException.Cause;
import io.tinykube.server.json.Json;
import io.tinykube.server.registry.Objects;
import io.tinykube.server.registry.ResourceType;
import io.tinykube.server.registry.Strategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Services: DNS-1035 names, upstream's defaults, a cluster IP from 10.43.0.0/16 and node ports from
 * 30000–32767 (kept across updates, freed on deletion), and the rule that a cluster IP never changes.
 */
public final class ServiceStrategy implements Strategy {
    private static final Pattern DNS1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    private static final Set<String> TYPES = Set.of("ClusterIP", "NodePort", "LoadBalancer", "ExternalName");

    private final ResourceType type;
    private final ServiceAddresses addresses;

    public ServiceStrategy(ResourceType type, ServiceAddresses addresses) {
        this.type = type;
        this.addresses = addresses;
    }

    @Override
    public void prepareForCreate(ObjectNode service) {
        applyDefaults(Json.with(service, "spec"));
        service.putObject("status").putObject("loadBalancer");
    }

    @Override
    public void prepareForUpdate(ObjectNode service, ObjectNode old) {
        ObjectNode spec = Json.with(service, "spec");
        JsonNode oldSpec = old.path("spec");
        // Allocated values the update leaves out are kept, as upstream's patchAllocatedValues does.
        for (String field : new String[] {"clusterIP", "clusterIPs", "ipFamilies", "ipFamilyPolicy"}) {
            if (!spec.hasNonNull(field) && oldSpec.has(field) && needsClusterIp(spec)) {
                spec.set(field, oldSpec.get(field));
            }
        }
        if (spec.path("ports").isArray() && oldSpec.path("ports").isArray()) {
            for (JsonNode port : spec.get("ports")) {
                if (!port.hasNonNull("nodePort") && needsNodePorts(spec)) {
                    for (JsonNode oldPort : oldSpec.get("ports")) {
                        if (oldPort.path("port").asInt() == port.path("port").asInt() && oldPort.has("nodePort")) {
                            ((ObjectNode) port).set("nodePort", oldPort.get("nodePort"));
                        }
                    }
                }
            }
        }
        applyDefaults(spec);
    }

    private static void applyDefaults(ObjectNode spec) {
        PodSpecs.putIfAbsent(spec, "type", "ClusterIP");
        if (spec.get("type").asText().equals("ExternalName")) {
            return;
        }
        PodSpecs.putIfAbsent(spec, "sessionAffinity", "None");
        PodSpecs.putIfAbsent(spec, "internalTrafficPolicy", "Cluster");
        if (needsNodePorts(spec)) {
            PodSpecs.putIfAbsent(spec, "externalTrafficPolicy", "Cluster");
        }
        if (spec.get("type").asText().equals("LoadBalancer") && !spec.has("allocateLoadBalancerNodePorts")) {
            spec.put("allocateLoadBalancerNodePorts", true);
        }
        for (JsonNode port : spec.path("ports")) {
            if (port instanceof ObjectNode p) {
                PodSpecs.putIfAbsent(p, "protocol", "TCP");
                if (!p.hasNonNull("targetPort") && p.has("port")) {
                    p.set("targetPort", p.get("port"));
                }
            }
        }
    }

    private static boolean needsClusterIp(JsonNode spec) {
        return !spec.path("type").asText("ClusterIP").equals("ExternalName") && !"None".equals(spec.path("clusterIP").asText(""));
    }

    private static boolean needsNodePorts(JsonNode spec) {
        String type = spec.path("type").asText("ClusterIP");
        return type.equals("NodePort") || (type.equals("LoadBalancer") && spec.path("allocateLoadBalancerNodePorts").asBoolean(true));
    }

    @Override
    public List<Cause> validate(ObjectNode service) {
        List<Cause> causes = new ArrayList<>();
        String name = Objects.name(service);
        if (name != null && !name.isEmpty() && (name.length() > 63 || !DNS1035_LABEL.matcher(name).matches())) {
            causes.add(new Cause("FieldValueInvalid", "Invalid value: \"" + name + "\": a DNS-1035 label must consist of lower case "
                    + "alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. "
                    + "'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')", "metadata.name"));
        }
        JsonNode spec = service.path("spec");
        String type = spec.path("type").asText("ClusterIP");
        if (!TYPES.contains(type)) {
            causes.add(new Cause("FieldValueNotSupported", "Unsupported value: \"" + type
                    + "\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\"", "spec.type"));
        }
        if (!type.equals("ExternalName") && (!spec.path("ports").isArray() || spec.path("ports").isEmpty())
                && !"None".equals(spec.path("clusterIP").asText(""))) {
            causes.add(PodSpecs.required("spec.ports", null));
        }
        int index = 0;
        for (JsonNode port : spec.path("ports")) {
            int number = port.path("port").asInt(0);
            if (number < 1 || number > 65535) {
                causes.add(PodSpecs.invalid("spec.ports[" + index + "].port", Integer.toString(number), "must be between 1 and 65535, inclusive"));
            }
            if (spec.path("ports").size() > 1 && port.path("name").asText("").isEmpty()) {
                causes.add(PodSpecs.required("spec.ports[" + index + "].name", null));
            }
            index++;
        }
        String clusterIp = spec.path("clusterIP").asText("");
        if (!clusterIp.isEmpty() && !clusterIp.equals("None") && !ServiceAddresses.inServiceRange(clusterIp)) {
            causes.add(PodSpecs.invalid("spec.clusterIPs", "[]string{\"" + clusterIp + "\"}",
                    "failed to allocate IP " + clusterIp + ": the provided IP (" + clusterIp + ") is not in the valid range. "
                            + "The range of valid IPs is 10.43.0.0/16"));
        }
        return causes;
    }

    @Override
    public List<Cause> validateUpdate(ObjectNode service, ObjectNode old) {
        List<Cause> causes = new ArrayList<>(validate(service));
        String oldIp = old.path("spec").path("clusterIP").asText("");
        String newIp = service.path("spec").path("clusterIP").asText("");
        if (!oldIp.isEmpty() && !newIp.equals(oldIp) && needsClusterIp(service.path("spec"))) {
            causes.add(PodSpecs.invalid("spec.clusterIPs[0]", "\"" + newIp + "\"", "may not change once set"));
        }
        return causes;
    }

    @Override
    public void allocate(ObjectNode service) {
        ObjectNode spec = Json.with(service, "spec");
        String owner = Objects.namespace(service) + "/" + Objects.name(service);
        List<Integer> takenPorts = new ArrayList<>();
        String takenIp = null;
        try {
            if (needsClusterIp(spec)) {
                String wanted = spec.path("clusterIP").asText("");
                if (wanted.isEmpty()) {
                    takenIp = addresses.takeAnyIp(owner);
                    if (takenIp == null) {
                        throw new ApiException(500, "InternalError", "Internal error occurred: failed to allocate a serviceIP: range is full", null);
                    }
                } else if (addresses.takeIp(wanted, owner)) {
                    takenIp = wanted;
                } else {
                    throw ApiException.invalid(type, Objects.name(service), List.of(PodSpecs.invalid("spec.clusterIPs",
                            "[]string{\"" + wanted + "\"}", "failed to allocate IP " + wanted + ": provided IP is already allocated")));
                }
                spec.put("clusterIP", takenIp);
                spec.putArray("clusterIPs").add(takenIp);
                spec.putArray("ipFamilies").add("IPv4");
                PodSpecs.putIfAbsent(spec, "ipFamilyPolicy", "SingleStack");
            } else if ("None".equals(spec.path("clusterIP").asText(""))) {
                spec.putArray("clusterIPs").add("None");
                spec.putArray("ipFamilies").add("IPv4");
                PodSpecs.putIfAbsent(spec, "ipFamilyPolicy", "SingleStack");
            }
            if (needsNodePorts(spec)) {
                int index = 0;
                for (JsonNode port : spec.path("ports")) {
                    ObjectNode p = (ObjectNode) port;
                    int nodePort = p.path("nodePort").asInt(0);
                    if (nodePort == 0) {
                        nodePort = addresses.takeAnyPort(owner);
                    } else if (!addresses.takePort(nodePort, owner)) {
                        throw ApiException.invalid(type, Objects.name(service), List.of(PodSpecs.invalid(
                                "spec.ports[" + index + "].nodePort", Integer.toString(nodePort), "provided port is already allocated")));
                    }
                    index++;
                    takenPorts.add(nodePort);
                    p.put("nodePort", nodePort);
                }
            }
        } catch (RuntimeException e) {
            if (takenIp != null) {
                addresses.releaseIp(takenIp);
            }
            takenPorts.forEach(addresses::releasePort);
            throw e;
        }
    }

    @Override
    public void release(ObjectNode service) {
        JsonNode spec = service.path("spec");
        String ip = spec.path("clusterIP").asText("");
        if (!ip.isEmpty() && !ip.equals("None")) {
            addresses.releaseIp(ip);
        }
        for (JsonNode port : spec.path("ports")) {
            if (port.path("nodePort").asInt(0) > 0) {
                addresses.releasePort(port.get("nodePort").asInt());
            }
        }
    }

}
