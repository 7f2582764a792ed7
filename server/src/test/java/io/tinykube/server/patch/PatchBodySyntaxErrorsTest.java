package io.tinykube.server.patch;

import io.tinykube.server.schema.FieldSchema;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Syntax errors in patch bodies read as Go's {@code encoding/json} words them (upstream returns them as the
 * message of a 400; a strategic merge patch body shows them bare).
 */
class PatchBodySyntaxErrorsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            {                  | unexpected end of JSON input
            {"a"               | unexpected end of JSON input
            {"a" 1}            | invalid character '1' after object key
            {"a":1 "b":2}      | invalid character '"' after object key:value pair
            {"a":1,}           | invalid character '}' looking for beginning of object key string
            {1:2}              | invalid character '1' looking for beginning of object key string
            {"a":[1 2]}        | invalid character '2' after array element
            {"a":[1,]}         | invalid character ']' looking for beginning of value
            {"a":tru}          | invalid character '}' in literal true (expecting 'e')
            {"a":nul}          | invalid character '}' in literal null (expecting 'l')
            {"a":fals}         | invalid character '}' in literal false (expecting 'e')
            {"a":-}            | invalid character '}' in numeric literal
            {"a":1.}           | invalid character '}' after decimal point in numeric literal
            {"a":1e}           | invalid character '}' in exponent of numeric literal
            {"a":1e+}          | invalid character '}' in exponent of numeric literal
            {"a":01}           | invalid character '1' after object key:value pair
            {"a":"\\x"}        | invalid character 'x' in string escape code
            {"a":"\\u12g4"}    | invalid character 'g' in \\u hexadecimal character escape
            {"a":'b'}          | invalid character '\\'' looking for beginning of value
            {"a":"b"}}         | invalid character '}' after top-level value
            `{"a":"b\tc"}`     | invalid character '\\t' in string literal
            """)
    void goWordsSyntaxErrors(String body, String message) {
        String json = body.replace("\\\\", "\\");
        String expected = message.replace("\\\\", "\\");
        PatchException e = Docs.fails(Patches.STRATEGIC_MERGE_PATCH, TestObjects.pod(), json, FieldSchema.UNKNOWN);
        assertEquals(400, e.code());
        assertEquals(expected, e.getMessage());
    }
}
