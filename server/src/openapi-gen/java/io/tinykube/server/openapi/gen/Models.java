package io.tinykube.server.openapi.gen;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the model classes of the official Kubernetes Java client ({@code io.kubernetes:client-java-api}) by
 * reflection: JSON names from gson's {@code @SerializedName}, descriptions and required flags from swagger's
 * {@code @ApiModelProperty} / {@code @ApiModel}. The annotations are read by name, so the generator compiles
 * without the client on its class path.
 */
final class Models {
    static final String PACKAGE = "io.kubernetes.client.openapi.models.";
    static final String CUSTOM = "io.kubernetes.client.custom.";

    /** {@code CoreV1Event} → (Core, 1, Event); {@code V1PodSpec} → (null, 1, PodSpec); {@code V2MetricSpec} → (null, 2, MetricSpec). */
    private static final Pattern CLASS_NAME = Pattern.compile("([A-Z][a-z]+)?V(\\d+(?:alpha\\d+|beta\\d+)?)([A-Z]\\w*)");

    /** The metav1 types among the models (all named V1...). */
    private static final Set<String> META = Set.of("APIGroup", "APIGroupList", "APIResource", "APIResourceList",
            "APIVersions", "Condition", "DeleteOptions", "FieldSelectorRequirement", "GroupVersionForDiscovery",
            "LabelSelector", "LabelSelectorRequirement", "ListMeta", "ManagedFieldsEntry", "ObjectMeta", "OwnerReference",
            "Preconditions", "ServerAddressByClientCIDR", "Status", "StatusCause", "StatusDetails", "WatchEvent");

    /** Core types that only other groups refer to, so the walk from the core kinds does not find them first. */
    private static final Map<String, String> PACKAGE_OF = Map.of(
            "V1TopologySelectorTerm", "core",
            "V1TopologySelectorLabelRequirement", "core");

    record Property(String json, Type type, String description, boolean required) {
    }

    record Model(String description, List<Property> properties) {
    }

    private final ClassLoader loader;
    /** Model class → upstream schema name, fixed on first sight: the API group comes from whoever refers first. */
    private final Map<Class<?>, String> names = new ConcurrentHashMap<>();

    Models(ClassLoader loader) {
        this.loader = loader;
    }

    Class<?> custom(String simpleName) {
        return load(CUSTOM + simpleName);
    }

    /** The model class of a kind, e.g. (core, v1, Event) → CoreV1Event, (apps, v1, Deployment) → V1Deployment; or null. */
    Class<?> kind(String group, String version, String kind) {
        String v = "V" + version.substring(1);
        Class<?> prefixed = model(groupPrefix(group) + v + kind);
        return prefixed != null ? prefixed : model(v + kind);
    }

    Class<?> model(String simpleName) {
        return load(PACKAGE + simpleName);
    }

    private Class<?> load(String name) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    static boolean isModel(Class<?> c) {
        return c.getName().startsWith(PACKAGE);
    }

    /** The Go package segment of an API group: "" → core, apps → apps, rbac.authorization.k8s.io → rbac. */
    static String packageOf(String group) {
        if (group.isEmpty()) {
            return "core";
        }
        int dot = group.indexOf('.');
        return dot < 0 ? group : group.substring(0, dot);
    }

    /** The prefix the Java client uses to tell same-named types apart: "" → Core, events.k8s.io → Events. */
    static String groupPrefix(String group) {
        String p = packageOf(group);
        return p.substring(0, 1).toUpperCase(Locale.ROOT) + p.substring(1);
    }

    /** The upstream schema name of a model class, e.g. V1PodSpec → io.k8s.api.core.v1.PodSpec. */
    String schemaName(Class<?> model, String referrerPackage) {
        return names.computeIfAbsent(model, c -> {
            Matcher m = CLASS_NAME.matcher(c.getSimpleName());
            if (!m.matches()) {
                throw new IllegalStateException("unexpected model class name " + c.getName());
            }
            String version = "v" + m.group(2);
            String type = m.group(3);
            if (m.group(1) == null && version.equals("v1") && META.contains(type)) {
                return FactTable.META + type;
            }
            String pkg = m.group(1) != null ? m.group(1).toLowerCase(Locale.ROOT)
                    : PACKAGE_OF.getOrDefault(c.getSimpleName(), referrerPackage);
            return "io.k8s.api." + pkg + "." + version + "." + type;
        });
    }

    Map<Class<?>, String> names() {
        return names;
    }

    static String packageOfSchema(String schemaName) {
        // io.k8s.api.<pkg>.<version>.<Type>
        String[] parts = schemaName.split("\\.");
        return parts[3];
    }

    Model read(Class<?> c) {
        String description = stringAttribute(c, "io.swagger.annotations.ApiModel", "description");
        List<Property> properties = new ArrayList<>();
        for (Field f : c.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            String json = stringAttribute(f, "com.google.gson.annotations.SerializedName", "value");
            if (json == null) {
                throw new IllegalStateException(c.getName() + "." + f.getName() + " has no @SerializedName"
                        + " (are gson and swagger-annotations on the class path?)");
            }
            Method getter = getter(c, f);
            String propertyDescription = getter == null ? null
                    : stringAttribute(getter, "io.swagger.annotations.ApiModelProperty", "value");
            Object required = getter == null ? null : attribute(getter, "io.swagger.annotations.ApiModelProperty", "required");
            properties.add(new Property(json, f.getGenericType(), blankToNull(propertyDescription), Boolean.TRUE.equals(required)));
        }
        return new Model(blankToNull(description), properties);
    }

    private static Method getter(Class<?> c, Field f) {
        String base = f.getName().startsWith("_") ? f.getName().substring(1) : f.getName();
        String capitalized = base.substring(0, 1).toUpperCase(Locale.ROOT) + base.substring(1);
        for (String name : new String[] {"get" + capitalized, "is" + capitalized}) {
            try {
                return c.getMethod(name);
            } catch (NoSuchMethodException e) {
                // try the next spelling
            }
        }
        return null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String stringAttribute(AnnotatedElement element, String annotation, String attribute) {
        Object value = attribute(element, annotation, attribute);
        return value == null ? null : value.toString();
    }

    private static Object attribute(AnnotatedElement element, String annotation, String attribute) {
        for (Annotation a : element.getAnnotations()) {
            if (a.annotationType().getName().equals(annotation)) {
                try {
                    return a.annotationType().getMethod(attribute).invoke(a);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return null;
    }
}
