package io.tinykube.server.table;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Upstream's label and selector text: {@code labels.FormatLabels}, {@code metav1.FormatLabelSelector}. */
final class Labels {
    private Labels() {
    }

    /** {@code labels.FormatLabels}: {@code k1=v1,k2=v2} sorted by key, or {@code <none>}. */
    static String format(Map<String, String> labels) {
        if (labels.isEmpty()) {
            return "<none>";
        }
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, String> e : new TreeMap<>(labels).entrySet()) {
            if (text.length() > 0) {
                text.append(',');
            }
            text.append(e.getKey()).append('=').append(e.getValue());
        }
        return text.toString();
    }

    /** {@code metav1.FormatLabelSelector}: the selector, {@code <none>} when it selects everything or is absent, {@code <error>} when invalid. */
    static String formatSelector(Obj selector) {
        String text;
        try {
            text = selectorString(selector);
        } catch (IllegalArgumentException invalid) {
            return "<error>";
        }
        return text.isEmpty() ? "<none>" : text;
    }

    /**
     * {@code metav1.LabelSelectorAsSelector(s).String()}: {@code ""} for an absent or empty selector, else the
     * requirements sorted by key ({@code a=b,c in (d,e),!f}).
     *
     * @throws IllegalArgumentException when the selector is invalid
     */
    static String selectorString(Obj selector) {
        if (!selector.has()) {
            return "";
        }
        record Requirement(String key, String text) {
        }
        List<Requirement> requirements = new ArrayList<>();
        for (Map.Entry<String, String> e : new TreeMap<>(selector.stringMap("matchLabels")).entrySet()) {
            requirements.add(new Requirement(e.getKey(), e.getKey() + "=" + e.getValue()));
        }
        for (Obj expression : selector.list("matchExpressions")) {
            String key = expression.str("key");
            List<String> values = new ArrayList<>(expression.strings("values"));
            String operator = expression.str("operator");
            String text = switch (operator) {
                case "In", "NotIn" -> {
                    if (values.isEmpty()) {
                        throw new IllegalArgumentException("for 'in', 'notin' operators, values set can't be empty");
                    }
                    values.sort(Comparator.naturalOrder());
                    yield key + ("In".equals(operator) ? " in (" : " notin (") + String.join(",", values) + ")";
                }
                case "Exists", "DoesNotExist" -> {
                    if (!values.isEmpty()) {
                        throw new IllegalArgumentException("values set must be empty for exists and does not exist");
                    }
                    yield ("Exists".equals(operator) ? "" : "!") + key;
                }
                default -> throw new IllegalArgumentException("\"" + operator + "\" is not a valid label selector operator");
            };
            requirements.add(new Requirement(key, text));
        }
        requirements.sort(Comparator.comparing(Requirement::key));
        List<String> texts = new ArrayList<>();
        for (Requirement r : requirements) {
            texts.add(r.text());
        }
        return String.join(",", texts);
    }
}
