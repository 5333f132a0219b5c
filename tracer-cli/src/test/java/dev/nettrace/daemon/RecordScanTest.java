package dev.nettrace.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nettrace.json.Json;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RecordScanTest {
    @Test
    void picksTypePidAndTsFromWellFormedLines() {
        String line = HelperStream.event(4242, 1_795_000_000_123_456_789L, "connect", 3, "[::1]:80");
        RecordScan s = new RecordScan().scan(line);
        assertEquals("event", s.type);
        assertEquals(4242L, s.pid);
        assertEquals(1_795_000_000_123_456_789L, s.ts);

        s.scan(" {\"nested\":{\"pid\":1,\"a\":[1,-2.5e3,true,null,\"x\\\"y\\u00e9\"]},\"type\":\"connection\",\"pid\":-7} ");
        assertEquals("connection", s.type);
        assertEquals(-7L, s.pid, "only the top level counts");
        assertNull(s.ts);
        s.scan("{\"pid\":1.5,\"ts\":\"12\"}");
        assertNull(s.pid, "not an integer");
        assertNull(s.ts);
        s.scan("{\"type\":\"conn\\u0065ction\",\"pid\":2}");
        assertEquals("connection", s.type, "escapes in the type are decoded");
        s.scan("{}");
        assertNull(s.type);
    }

    @Test
    void rejectsWhatIsNotExactlyOneObject() {
        for (String bad : List.of("", "[]", "{", "{\"a\":1", "{\"a\":1}x", "{\"a\" 1}", "{a:1}", "{\"a\":01x}", "{\"a\":-}", "{\"a\":1.}",
                "{\"a\":tru}", "{\"a\":\"\\q\"}", "{\"a\":\"\\u12\"}", "{\"a\":\"tab\there\"}", "{\"a\":[1,]}", "{\"a\":1,}", "{\"a\":" + "[".repeat(100) + "]".repeat(100) + "}")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RecordScan().scan(bad), bad);
            assertEquals(true, e.getMessage().startsWith("bad JSON at offset "), e.getMessage());
        }
    }

    @Test
    void agreesWithTheFullParserOnWhatItAccepts() {
        Random r = new Random(7);
        String[] pieces = {"{", "}", "[", "]", "\"", ":", ",", " ", "\"pid\"", "\"ts\"", "\"type\"", "\"event\"", "12", "-3", "4.5e1", "true", "null", "\\n", "\\u0041"};
        RecordScan scan = new RecordScan();
        for (int n = 0; n < 20_000; n++) {
            StringBuilder b = new StringBuilder("{");
            for (int k = r.nextInt(12); k > 0; k--) b.append(pieces[r.nextInt(pieces.length)]);
            String line = b.toString();
            try {
                scan.scan(line);
            } catch (IllegalArgumentException rejected) {
                continue;
            }
            Map<String, Object> m = Json.parseObject(line); // what the scan accepts, the store's readers can parse
            assertEquals(m.get("pid") instanceof Long l ? l : null, scan.pid, line);
            assertEquals(m.get("type") instanceof String t ? t : null, scan.type, line);
        }
    }
}
