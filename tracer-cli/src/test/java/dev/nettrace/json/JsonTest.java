package dev.nettrace.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Strings are where JSON escaping goes wrong: every class of character, at the start, middle and end of a run. */
class JsonTest {
    @Test
    void writesEscapesExactly() {
        assertEquals("\"plain text\"", Json.write("plain text"));
        assertEquals("\"\"", Json.write(""));
        assertEquals("\"a\\\"b\\\\c\"", Json.write("a\"b\\c"));
        assertEquals("\"\\\"\\\\\"", Json.write("\"\\"));
        assertEquals("\"\\n\\r\\t\"", Json.write("\n\r\t"));
        assertEquals("\"\\u0000\\u0001\\u0008\\u000c\\u001f x\"", Json.write("\u0000\u0001\b\f\u001f x"));
        assertEquals("\"\u007f\"", Json.write("\u007f"), "DEL is not a control character to JSON");
        assertEquals("\"caf\u00e9 \u4e2d \ud83d\ude00\"", Json.write("caf\u00e9 \u4e2d \ud83d\ude00"), "non-ASCII and surrogate pairs pass through");
        assertEquals("\"a\\nb\"", Json.write(new StringBuilder("a\nb")), "any CharSequence");
        assertEquals("{\"k\\\"\":[\"v\\t\",1,true,null]}", Json.write(Map.of("k\"", Arrays.asList("v\t", 1, true, null))));
    }

    @Test
    void readsEscapesExactly() {
        assertEquals("plain", Json.parse("\"plain\""));
        assertEquals("", Json.parse("\"\""));
        assertEquals("a\"b\\c/d", Json.parse("\"a\\\"b\\\\c\\/d\""));
        assertEquals("\n\r\t\b\f", Json.parse("\"\\n\\r\\t\\b\\f\""));
        assertEquals("\u0000\u001f\u00e9", Json.parse("\"\\u0000\\u001F\\u00E9\""));
        assertEquals("\ud83d\ude00", Json.parse("\"\\ud83d\\ude00\""), "an escaped surrogate pair");
        assertEquals("caf\u00e9 \ud83d\ude00", Json.parse("\"caf\u00e9 \ud83d\ude00\""), "raw non-ASCII");
        assertEquals("x\\", Json.parse("\"x\\\\\""), "escape at the end of the string");
        assertEquals(Map.of("k\n", "v"), Json.parseObject("{\"k\\n\":\"v\"}"));
    }

    @Test
    void readsNumbersExactly() {
        for (long v : new long[] {0, 7, -7, 10, 999_999_999_999_999_999L, -999_999_999_999_999_999L, 1_000_000_000_000_000_000L,
                Long.MAX_VALUE, Long.MIN_VALUE, 1_764_140_000_123_456_789L}) {
            assertEquals(v, Json.parse(Long.toString(v)), Long.toString(v));
            assertEquals(List.of(v, "x"), Json.parse("[" + v + ",\"x\"]"));
        }
        assertEquals(1.5, Json.parse("1.5"));
        assertEquals(-1000.0, Json.parse("-1e3"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("-"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("99999999999999999999"));
    }

    @Test
    void rejectsBrokenStrings() {
        for (String bad : List.of("\"abc", "\"abc\\", "\"\\u12\"", "\"\\u12", "\"\\u12g4\"", "\"\\u\u0663000\"", "\"a\" x")) {
            assertThrows(IllegalArgumentException.class, () -> Json.parse(bad), bad);
        }
    }

    @Test
    void randomStringsSurviveTheRoundTrip() {
        // Runs of plain characters between escapes of every kind, lone surrogates included.
        char[] alphabet = {'a', 'Z', '0', ' ', '"', '\\', '/', '\n', '\r', '\t', '\b', '\f', '\u0000', '\u001f', '\u007f',
                '\u00e9', '\u4e2d', '\ud83d', '\ude00', '\u2028', '\uffff'};
        Random random = new Random(42);
        for (int n = 0; n < 2000; n++) {
            StringBuilder s = new StringBuilder();
            for (int k = random.nextInt(40); k > 0; k--) s.append(alphabet[random.nextInt(alphabet.length)]);
            String text = s.toString();
            String json = Json.write(text);
            for (char c : json.toCharArray()) {
                if (c < 0x20) throw new AssertionError("raw control character in " + json);
            }
            assertEquals(text, Json.parse(json), json);
            assertEquals(Map.of(text, text), Json.parseObject(Json.write(Map.of(text, text))));
        }
    }
}
