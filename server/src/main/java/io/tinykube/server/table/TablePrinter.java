package io.tinykube.server.table;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * The printer of one kind: its columns and, for one object, the cells of its row (upstream's print handler in
 * {@code pkg/printers/internalversion/printers.go}). The server always prints wide, as upstream does: a row has
 * one cell per column, priority-1 columns included; kubectl hides those without {@code -o wide}.
 */
public interface TablePrinter {

    List<Column> columns();

    /**
     * The row's cells, in column order: {@link String}, {@link Long}/{@link Integer} (JSON numbers),
     * {@link Boolean} or {@code null}. {@code now} is the time durations (Age…) are measured to.
     */
    List<Object> cells(ObjectNode object, Instant now);

    /** {@code metav1.TableRowCondition}s of the row ({@code type}, {@code status}, {@code reason}, {@code message}); usually none. */
    default List<ObjectNode> conditions(ObjectNode object) {
        return List.of();
    }
}
