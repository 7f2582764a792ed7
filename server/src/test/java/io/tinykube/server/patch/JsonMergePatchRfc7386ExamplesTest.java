package io.tinykube.server.patch;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.tinykube.server.patch.Docs.assertJson;
import static io.tinykube.server.patch.Docs.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * All the examples of RFC 7386 appendix A. The engine follows each; through {@code Patches.apply} (an object
 * in, an object out) the object cases give the same results, and the bodies that are not objects fail the way
 * upstream's apiserver fails them.
 */
class JsonMergePatchRfc7386ExamplesTest {

    @ParameterizedTest(name = "{0} + {1} = {2}")
    @CsvSource(delimiter = '|', textBlock = """
            {"a":"b"}                      | {"a":"c"}                        | {"a":"c"}
            {"a":"b"}                      | {"b":"c"}                        | {"a":"b","b":"c"}
            {"a":"b"}                      | {"a":null}                       | {}
            {"a":"b","b":"c"}              | {"a":null}                       | {"b":"c"}
            {"a":["b"]}                    | {"a":"c"}                        | {"a":"c"}
            {"a":"c"}                      | {"a":["b"]}                      | {"a":["b"]}
            {"a":{"b":"c"}}                | {"a":{"b":"d","c":null}}         | {"a":{"b":"d"}}
            {"a":[{"b":"c"}]}              | {"a":[1]}                        | {"a":[1]}
            ["a","b"]                      | ["c","d"]                        | ["c","d"]
            {"a":"b"}                      | ["c"]                            | ["c"]
            {"a":"foo"}                    | null                             | null
            {"a":"foo"}                    | "bar"                            | "bar"
            {"e":null}                     | {"a":1}                          | {"e":null,"a":1}
            [1,2]                          | {"a":"b","c":null}               | {"a":"b"}
            {}                             | {"a":{"bb":{"ccc":null}}}        | {"a":{"bb":{}}}
            """)
    void mergeFollowsTheRfc(String original, String patch, String result) {
        String target = original;
        assertJson(json(result), JsonMergePatch.merge(json(target), json(patch)));

        if (json(target).isObject() && json(patch).isObject()) {
            assertJson(json(result), Docs.merge(Docs.obj(target), patch));
        } else if (json(target).isObject()) {
            PatchException e = Docs.fails(Patches.MERGE_PATCH, Docs.obj(target), patch, null);
            assertEquals(400, e.code());
            String expected = switch (patch) {
                case "null" -> "Invalid JSON Patch";
                case "\"bar\"" -> "error decoding patch: json: cannot unmarshal string into Go value of type "
                        + "map[string]interface {}";
                default -> "error decoding patch: json: cannot unmarshal array into Go value of type "
                        + "map[string]interface {}";
            };
            assertEquals(expected, e.getMessage());
        }
    }
}
