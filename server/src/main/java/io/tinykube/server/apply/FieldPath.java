package io.tinykube.server.apply;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A path to one field or list item, printed as upstream prints it in conflict messages:
 * {@code .spec.replicas}, {@code .spec.template.spec.containers[name="web"].image},
 * {@code .metadata.finalizers[="example.com/x"]}.
 */
public final class FieldPath implements Comparable<FieldPath> {
    private final List<PathElement> elements;

    private FieldPath(List<PathElement> elements) {
        this.elements = elements;
    }

    public static FieldPath of(List<PathElement> elements) {
        return new FieldPath(Collections.unmodifiableList(new ArrayList<>(elements)));
    }

    public static FieldPath of(PathElement... elements) {
        return of(List.of(elements));
    }

    /** A path of field names only: {@code FieldPath.fields("spec", "replicas")}. */
    public static FieldPath fields(String... names) {
        List<PathElement> list = new ArrayList<>();
        for (String n : names) {
            list.add(PathElement.field(n));
        }
        return new FieldPath(Collections.unmodifiableList(list));
    }

    public List<PathElement> elements() {
        return elements;
    }

    public int size() {
        return elements.size();
    }

    public boolean isEmpty() {
        return elements.isEmpty();
    }

    public FieldPath child(PathElement pe) {
        List<PathElement> list = new ArrayList<>(elements.size() + 1);
        list.addAll(elements);
        list.add(pe);
        return new FieldPath(Collections.unmodifiableList(list));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (PathElement pe : elements) {
            sb.append(pe);
        }
        return sb.toString();
    }

    @Override
    public int compareTo(FieldPath o) {
        int n = Math.min(elements.size(), o.elements.size());
        for (int i = 0; i < n; i++) {
            int c = elements.get(i).compareTo(o.elements.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(elements.size(), o.elements.size());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldPath && compareTo((FieldPath) o) == 0;
    }

    @Override
    public int hashCode() {
        return elements.hashCode();
    }
}
