package io.tinykube.server.table;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Cell helpers shared by the printers. */
final class Cells {
    private Cells() {
    }

    /** {@code translateTimestampSince(obj.CreationTimestamp)}. */
    static String age(Obj o, Instant now) {
        return HumanDuration.since(o.time("metadata", "creationTimestamp"), now);
    }

    /** {@code translateTimestampSince} of any timestamp field. */
    static String since(Obj o, Instant now, String... path) {
        return HumanDuration.since(o.time(path), now);
    }

    /** {@code layoutContainerCells}: the names of the containers joined by commas. */
    static String containerNames(List<Obj> containers) {
        List<String> names = new ArrayList<>();
        for (Obj c : containers) {
            names.add(c.str("name"));
        }
        return String.join(",", names);
    }

    /** {@code layoutContainerCells}: the images of the containers joined by commas. */
    static String containerImages(List<Obj> containers) {
        List<String> images = new ArrayList<>();
        for (Obj c : containers) {
            images.add(c.str("image"));
        }
        return String.join(",", images);
    }

    /** {@code printBoolPtr}: {@code True}, {@code False} or {@code <unset>}. */
    static String boolPtr(Obj o, String... path) {
        if (!o.has(path)) {
            return "<unset>";
        }
        return o.bool(path) ? "True" : "False";
    }

    /** {@code intstr.IntOrString.String()}. */
    static String intOrString(Obj o, String... path) {
        var value = o.at(path);
        return value.isNumber() ? Long.toString(value.asLong()) : value.asText("");
    }

    /** The status of the first condition of {@code type} is {@code True} (upstream's {@code hasJobCondition} and kin). */
    static boolean conditionTrue(List<Obj> conditions, String type) {
        for (Obj c : conditions) {
            if (type.equals(c.str("type"))) {
                return "True".equals(c.str("status"));
            }
        }
        return false;
    }

    /** A {@code list + " + N more..."} text as upstream's {@code listWithMoreString}; {@code <unset>} when empty. */
    static String listWithMore(List<String> list, boolean more, int count, int max) {
        String text = String.join(",", list);
        if (more) {
            return text + " + " + (count - max) + " more...";
        }
        return text.isEmpty() ? "<unset>" : text;
    }
}
