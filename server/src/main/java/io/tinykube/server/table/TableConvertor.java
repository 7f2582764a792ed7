package io.tinykube.server.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tinykube.server.registry.ResourceType;
import java.time.Instant;
import java.util.List;

/**
 * Server-side printing: turns API objects into the {@code meta.k8s.io/v1 Table} that {@code kubectl get} asks for
 * with {@code Accept: application/json;as=Table;v=v1;g=meta.k8s.io}, as upstream's API server builds it.
 *
 * <p>Like upstream's, the table is always wide: every column comes with its priority and every row has a cell
 * for each column; kubectl shows priority-1 columns only with {@code -o wide}. Objects are used as given, not
 * copied: the table references them.
 */
public final class TableConvertor {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final TablePrinters printers;

    public TableConvertor() {
        this(TablePrinters.builtin());
    }

    public TableConvertor(TablePrinters printers) {
        this.printers = printers;
    }

    /**
     * A table of {@code objects} of {@code type} (a list, or one object of a GET or a watch event).
     *
     * @param include               what each row carries besides its cells
     * @param resourceVersion       the table's {@code metadata.resourceVersion} (the list's, or the object's); omitted when null or empty
     * @param continueToken         the table's {@code metadata.continue}; omitted when null or empty
     * @param withColumnDefinitions false for watch events after the first (upstream's {@code NoHeaders}):
     *                              {@code columnDefinitions} is then {@code null}
     * @param now                   the time Age and other durations are measured to
     */
    public ObjectNode toTable(ResourceType type, List<ObjectNode> objects, IncludeObject include, String resourceVersion,
                              String continueToken, boolean withColumnDefinitions, Instant now) {
        TablePrinter printer = printers.forKind(type.group(), type.kind());
        ObjectNode table = JSON.objectNode();
        table.put("kind", "Table");
        table.put("apiVersion", "meta.k8s.io/v1");
        ObjectNode metadata = table.putObject("metadata");
        if (resourceVersion != null && !resourceVersion.isEmpty()) {
            metadata.put("resourceVersion", resourceVersion);
        }
        if (continueToken != null && !continueToken.isEmpty()) {
            metadata.put("continue", continueToken);
        }
        if (withColumnDefinitions) {
            ArrayNode columns = table.putArray("columnDefinitions");
            for (Column column : printer.columns()) {
                ObjectNode definition = columns.addObject();
                definition.put("name", column.name());
                definition.put("type", column.type());
                definition.put("format", column.format());
                definition.put("description", column.description());
                definition.put("priority", column.priority());
            }
        } else {
            table.putNull("columnDefinitions");
        }
        ArrayNode rows = table.putArray("rows");
        for (ObjectNode object : objects) {
            ObjectNode row = rows.addObject();
            ArrayNode cells = row.putArray("cells");
            for (Object cell : printer.cells(object, now)) {
                cells.add(cell(cell));
            }
            List<ObjectNode> conditions = printer.conditions(object);
            if (!conditions.isEmpty()) {
                row.putArray("conditions").addAll(conditions);
            }
            row.set("object", rowObject(object, include == null ? IncludeObject.Metadata : include));
        }
        return table;
    }

    /** The one-row table of a single object (a GET, or a watch event); its resourceVersion is the object's. */
    public ObjectNode toTable(ResourceType type, ObjectNode object, IncludeObject include, boolean withColumnDefinitions,
                              Instant now) {
        JsonNode resourceVersion = object.path("metadata").path("resourceVersion");
        return toTable(type, List.of(object), include, resourceVersion.isTextual() ? resourceVersion.asText() : null,
                null, withColumnDefinitions, now);
    }

    private static JsonNode rowObject(ObjectNode object, IncludeObject include) {
        return switch (include) {
            case None -> JSON.nullNode();
            case Object -> object;
            case Metadata -> {
                ObjectNode partial = JSON.objectNode();
                partial.put("kind", "PartialObjectMetadata");
                partial.put("apiVersion", "meta.k8s.io/v1");
                JsonNode metadata = object.get("metadata");
                partial.set("metadata", metadata != null && metadata.isObject() ? metadata : JSON.objectNode());
                yield partial;
            }
        };
    }

    private static JsonNode cell(Object value) {
        if (value == null) {
            return JSON.nullNode();
        } else if (value instanceof String s) {
            return JSON.textNode(s);
        } else if (value instanceof Long l) {
            return JSON.numberNode(l);
        } else if (value instanceof Integer i) {
            return JSON.numberNode(i.longValue());
        } else if (value instanceof Boolean b) {
            return JSON.booleanNode(b);
        }
        throw new IllegalArgumentException("unsupported cell " + value.getClass());
    }
}
