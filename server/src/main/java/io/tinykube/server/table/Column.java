package io.tinykube.server.table;

/**
 * One {@code metav1.TableColumnDefinition}. {@code priority} 0 is always shown; 1 only with {@code -o wide}.
 * {@code type} is an OpenAPI type ({@code string}, {@code integer}, {@code boolean}, {@code date}); {@code format}
 * is {@code name} on the column that holds the object's name, else empty.
 */
public record Column(String name, String type, String format, String description, int priority) {

    /** {@code metav1.ObjectMeta{}.SwaggerDoc()["name"]}. */
    public static final String NAME_DESCRIPTION = "Name must be unique within a namespace. Is required when creating"
            + " resources, although some resources may allow a client to request the generation of an appropriate name"
            + " automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be"
            + " updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names";

    /** {@code metav1.ObjectMeta{}.SwaggerDoc()["creationTimestamp"]}. */
    public static final String CREATION_TIMESTAMP_DESCRIPTION = "CreationTimestamp is a timestamp representing the"
            + " server time when this object was created. It is not guaranteed to be set in happens-before order across"
            + " separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\n"
            + "Populated by the system. Read-only. Null for lists. More info:"
            + " https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";

    static final String CONTAINERS_DESCRIPTION = "Names of each container in the template.";
    static final String IMAGES_DESCRIPTION = "Images referenced by each container in the template.";

    /** The first column of nearly every table: the object's name, format {@code name}. */
    static Column nameColumn() {
        return new Column("Name", "string", "name", NAME_DESCRIPTION, 0);
    }

    /** The Age column: the creation timestamp as a human duration. */
    static Column age() {
        return string("Age", CREATION_TIMESTAMP_DESCRIPTION);
    }

    static Column string(String name, String description) {
        return new Column(name, "string", "", description, 0);
    }

    static Column integer(String name, String description) {
        return new Column(name, "integer", "", description, 0);
    }

    static Column bool(String name, String description) {
        return new Column(name, "boolean", "", description, 0);
    }

    /** This column with priority 1: shown by {@code -o wide} only. */
    Column wide() {
        return new Column(name, type, format, description, 1);
    }

    /** This column with format {@code name}. */
    Column named() {
        return new Column(name, type, "name", description, priority);
    }
}
