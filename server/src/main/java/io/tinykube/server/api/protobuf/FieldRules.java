package io.tinykube.server.api.protobuf;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Go-side facts about Kubernetes fields that a .proto descriptor lacks (pointer or not, omitempty or not,
 * inline embedding, JSON name), read from {@code field-rules.txt}, and the per-message plan built from them.
 */
final class FieldRules {
    private FieldRules() {
    }

    /** How one field of a message is written as JSON. */
    record Plan(FieldDescriptor field, String jsonName, boolean inline, boolean keepZero) {
    }

    /** A rule line's parts, kept for the test that checks every named field exists. */
    record Rule(String kind, String message, String field, String jsonName) {
    }

    private static final String RESOURCE = "field-rules.txt";

    private static final class Holder {
        static final List<Rule> RULES = load();
        static final Map<String, Rule> BY_FIELD = index(RULES);
    }

    private static final Map<Descriptor, List<Plan>> PLANS = new ConcurrentHashMap<>();

    static List<Rule> rules() {
        return Holder.RULES;
    }

    static List<Plan> plan(Descriptor message) {
        List<Plan> plan = PLANS.get(message);
        if (plan == null) {
            plan = build(message);
            PLANS.putIfAbsent(message, plan);
        }
        return plan;
    }

    private static List<Plan> build(Descriptor message) {
        List<Plan> plan = new ArrayList<>(message.getFields().size());
        for (FieldDescriptor field : message.getFields()) {
            String key = message.getFullName() + "." + field.getName();
            boolean pointer = Holder.BY_FIELD.containsKey("pointer " + key);
            boolean always = Holder.BY_FIELD.containsKey("always " + key);
            boolean inline = Holder.BY_FIELD.containsKey("inline " + key)
                    && field.getType() == FieldDescriptor.Type.MESSAGE && !field.isRepeated();
            Rule rename = Holder.BY_FIELD.get("rename " + key);
            String jsonName = rename != null ? rename.jsonName() : field.getName();
            plan.add(new Plan(field, jsonName, inline, pointer || always));
        }
        return List.copyOf(plan);
    }

    private static Map<String, Rule> index(List<Rule> rules) {
        Map<String, Rule> byField = new HashMap<>();
        for (Rule rule : rules) {
            byField.put(rule.kind() + " " + rule.message() + "." + rule.field(), rule);
        }
        return Map.copyOf(byField);
    }

    private static List<Rule> load() {
        try (InputStream in = FieldRules.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            List<Rule> rules = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            int number = 0;
            for (String line; (line = reader.readLine()) != null; ) {
                number++;
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] words = line.split("\\s+");
                if (words.length < 3 || !List.of("pointer", "always", "inline", "rename").contains(words[0])) {
                    throw new IllegalStateException(RESOURCE + ":" + number + ": not RULE MESSAGE FIELD...: " + line);
                }
                String message = words[1].startsWith("k8s.io.") ? words[1] : "k8s.io." + words[1];
                for (int i = 2; i < words.length; i++) {
                    String field = words[i];
                    String jsonName = null;
                    if (words[0].equals("rename")) {
                        int eq = field.indexOf('=');
                        if (eq <= 0 || eq == field.length() - 1) {
                            throw new IllegalStateException(RESOURCE + ":" + number + ": rename needs FIELD=json");
                        }
                        jsonName = field.substring(eq + 1);
                        field = field.substring(0, eq);
                    }
                    rules.add(new Rule(words[0], message, field, jsonName));
                }
            }
            return List.copyOf(rules);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
