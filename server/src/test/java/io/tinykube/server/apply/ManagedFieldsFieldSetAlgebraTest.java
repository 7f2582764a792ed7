package io.tinykube.server.apply;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Union, intersection, difference and recursive difference (upstream fieldpath/set.go). */
class ManagedFieldsFieldSetAlgebraTest {

    private static FieldSet set(String... dotted) {
        FieldPath[] paths = new FieldPath[dotted.length];
        for (int i = 0; i < dotted.length; i++) {
            paths[i] = FieldPath.fields(dotted[i].split("\\."));
        }
        return FieldSet.of(paths);
    }

    private final FieldSet s1 = set("a", "b.c", "b.d");
    private final FieldSet s2 = set("b", "b.c", "e");

    @Test
    void union() {
        assertEquals(set("a", "b", "b.c", "b.d", "e"), s1.union(s2));
        assertEquals(s1, s1.union(FieldSet.EMPTY));
    }

    @Test
    void intersectionKeepsOnlyCommonPaths() {
        assertEquals(set("b.c"), s1.intersection(s2));
        assertTrue(s1.intersection(set("x")).isEmpty());
    }

    @Test
    void differenceIsPathByPath() {
        // a parent in the subtrahend does not remove its children: parent - child = parent, child - parent = child
        assertEquals(set("a", "b.d"), s1.difference(s2));
        assertEquals(set("b", "e"), s2.difference(s1));
    }

    @Test
    void recursiveDifferenceAlsoRemovesEverythingBelowAMember() {
        assertEquals(set("a"), s1.recursiveDifference(s2));
        assertEquals(set("b", "e"), s2.recursiveDifference(s1));
    }

    @Test
    void setsAreValuesAndTheFieldsV1FormRoundTrips() {
        FieldSet s = s1.union(s2);
        assertEquals(s, FieldSet.fromFieldsV1(s.toFieldsV1()));
        assertEquals(s.hashCode(), FieldSet.fromFieldsV1(s.toFieldsV1()).hashCode());
        assertEquals("{\"f:a\":{},\"f:b\":{\".\":{},\"f:c\":{},\"f:d\":{}},\"f:e\":{}}", s.toFieldsV1().toString());
    }
}
