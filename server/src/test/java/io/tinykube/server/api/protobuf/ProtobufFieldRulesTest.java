package io.tinykube.server.api.protobuf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** field-rules.txt names only fields that exist, each with a rule that fits its shape. */
class ProtobufFieldRulesTest {
    private static Map<String, Descriptor> allMessages() {
        Map<String, Descriptor> messages = new HashMap<>();
        for (String apiVersion : KubeProtoTypes.API_VERSIONS) {
            FileDescriptor file = KubeProtoTypes.file(apiVersion);
            assertNotNull(file, apiVersion);
            List<Descriptor> pending = new ArrayList<>(file.getMessageTypes());
            while (!pending.isEmpty()) {
                Descriptor message = pending.remove(pending.size() - 1);
                messages.put(message.getFullName(), message);
                pending.addAll(message.getNestedTypes());
            }
        }
        return messages;
    }

    @Test
    void everyRuleNamesAFieldOfTheRightShape() {
        Map<String, Descriptor> messages = allMessages();
        assertFalse(FieldRules.rules().isEmpty());
        Set<String> seen = new HashSet<>();
        for (FieldRules.Rule rule : FieldRules.rules()) {
            Descriptor message = messages.get(rule.message());
            assertNotNull(message, "no message " + rule.message());
            FieldDescriptor field = message.findFieldByName(rule.field());
            assertNotNull(field, "no field " + rule.message() + "." + rule.field());
            assertTrue(seen.add(rule.kind() + " " + rule.message() + "." + rule.field()), "twice: " + rule);
            boolean scalar = field.getJavaType() != FieldDescriptor.JavaType.MESSAGE && !field.isRepeated();
            switch (rule.kind()) {
                case "pointer", "always" -> assertTrue(scalar, rule + ": only a single scalar field has a zero value");
                case "inline" -> assertTrue(!field.isRepeated()
                        && field.getJavaType() == FieldDescriptor.JavaType.MESSAGE, rule + ": inline needs a message");
                case "rename" -> assertTrue(rule.jsonName().matches("[a-zA-Z]+"), rule.toString());
                default -> throw new AssertionError(rule.toString());
            }
        }
    }

    @Test
    void thePlanUsesTheRules() {
        Descriptor spec = allMessages().get("k8s.io.api.apps.v1.DeploymentSpec");
        Map<String, FieldRules.Plan> plan = new HashMap<>();
        FieldRules.plan(spec).forEach(p -> plan.put(p.field().getName(), p));
        assertTrue(plan.get("replicas").keepZero());
        assertFalse(plan.get("minReadySeconds").keepZero());
        assertEquals(spec.getFields().size(), plan.size());
        Descriptor volume = allMessages().get("k8s.io.api.core.v1.Volume");
        assertTrue(FieldRules.plan(volume).stream().anyMatch(p -> p.inline() && p.jsonName().equals("volumeSource")));
        Descriptor reference = allMessages().get("k8s.io.api.authentication.v1.BoundObjectReference");
        assertTrue(FieldRules.plan(reference).stream().anyMatch(p -> p.jsonName().equals("uid")));
    }

    /** The .proto names are the JSON names but for the renamed ones; a new odd name here needs a rule. */
    @Test
    void noUnexpectedProtoNames() {
        Set<String> renamed = new HashSet<>();
        for (FieldRules.Rule rule : FieldRules.rules()) {
            if (rule.kind().equals("rename")) {
                renamed.add(rule.message() + "." + rule.field());
            }
        }
        Set<String> jsonAsIs = Set.of("k8s.io.api.core.v1.DaemonEndpoint.Port", // Go: json:"Port"
                "k8s.io.apimachinery.pkg.apis.meta.v1.FieldsV1.Raw"); // written as its JSON content
        for (Descriptor message : allMessages().values()) {
            for (FieldDescriptor field : message.getFields()) {
                String name = message.getFullName() + "." + field.getName();
                if (field.getName().matches("[A-Z].*|[a-z]{1,2}[A-Z]{2}.*") && !renamed.contains(name)
                        && !jsonAsIs.contains(name) && !name.endsWith(".pdID")) {
                    throw new AssertionError("odd .proto field name without a rename rule: " + name);
                }
            }
        }
    }
}
