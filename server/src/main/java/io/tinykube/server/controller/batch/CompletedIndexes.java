package io.tinykube.server.controller.batch;

import java.util.Iterator;
import java.util.TreeSet;

/** An Indexed Job's {@code status.completedIndexes}: ascending intervals as upstream writes them, "0-2,4". */
final class CompletedIndexes {
    private CompletedIndexes() {
    }

    /** The indexes below {@code completions} that {@code text} lists; malformed parts are skipped as upstream does. */
    static TreeSet<Integer> parse(String text, int completions) {
        TreeSet<Integer> indexes = new TreeSet<>();
        if (text == null || text.isEmpty()) {
            return indexes;
        }
        for (String part : text.split(",")) {
            String[] bounds = part.split("-", 2);
            try {
                int first = Integer.parseInt(bounds[0]);
                int last = bounds.length == 2 ? Integer.parseInt(bounds[1]) : first;
                for (int i = first; i <= last && i < completions; i++) {
                    indexes.add(i);
                }
            } catch (NumberFormatException e) {
                // not an interval: ignored
            }
        }
        return indexes;
    }

    static String format(TreeSet<Integer> indexes) {
        StringBuilder text = new StringBuilder();
        Iterator<Integer> it = indexes.iterator();
        Integer first = null;
        Integer last = null;
        while (it.hasNext() || first != null) {
            Integer next = it.hasNext() ? it.next() : null;
            if (first != null && next != null && next == last + 1) {
                last = next;
                continue;
            }
            if (first != null) {
                text.append(text.length() == 0 ? "" : ",").append(first);
                if (!last.equals(first)) {
                    text.append('-').append(last);
                }
            }
            first = next;
            last = next;
        }
        return text.toString();
    }
}
