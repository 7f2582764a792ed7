package io.tinykube.server.table;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/** A {@link TablePrinter} made of a column list and a function from the object to its cells. */
final class KindPrinter implements TablePrinter {
    private final List<Column> columns;
    private final BiFunction<Obj, Instant, List<Object>> cells;
    private final Function<Obj, List<ObjectNode>> conditions;

    KindPrinter(List<Column> columns, BiFunction<Obj, Instant, List<Object>> cells) {
        this(columns, cells, o -> List.of());
    }

    KindPrinter(List<Column> columns, BiFunction<Obj, Instant, List<Object>> cells, Function<Obj, List<ObjectNode>> conditions) {
        this.columns = List.copyOf(columns);
        this.cells = cells;
        this.conditions = conditions;
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    @Override
    public List<Object> cells(ObjectNode object, Instant now) {
        List<Object> row = cells.apply(new Obj(object), now);
        if (row.size() != columns.size()) {
            throw new IllegalStateException("printer made " + row.size() + " cells for " + columns.size() + " columns");
        }
        return row;
    }

    @Override
    public List<ObjectNode> conditions(ObjectNode object) {
        return conditions.apply(new Obj(object));
    }

    /** Cells that may contain {@code null}. */
    static List<Object> row(Object... cells) {
        return new ArrayList<>(Arrays.asList(cells));
    }
}
