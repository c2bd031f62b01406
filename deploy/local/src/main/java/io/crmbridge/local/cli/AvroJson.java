package io.crmbridge.local.cli;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Avro events as one line of plain JSON: records become objects, enums their symbol, timestamps ISO-8601 text,
 * unions their value (no Avro type wrappers), so {@code jq} reads them without knowing the schemas.
 */
final class AvroJson {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private AvroJson() {
    }

    static String line(Object avro) {
        return JSON.writeValueAsString(plain(avro));
    }

    static ObjectMapper mapper() {
        return JSON;
    }

    private static Object plain(Object value) {
        if (value instanceof GenericRecord record) {
            Map<String, Object> fields = new LinkedHashMap<>();
            for (Schema.Field field : record.getSchema().getFields()) {
                fields.put(field.name(), plain(record.get(field.pos())));
            }
            return fields;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> entries = new LinkedHashMap<>();
            map.forEach((k, v) -> entries.put(k.toString(), plain(v)));
            return entries;
        }
        if (value instanceof Collection<?> items) {
            return new ArrayList<>(items.stream().map(AvroJson::plain).toList());
        }
        if (value instanceof ByteBuffer bytes) {
            byte[] copy = new byte[bytes.remaining()];
            bytes.duplicate().get(copy);
            return Base64.getEncoder().encodeToString(copy);
        }
        if (value == null || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        // Strings, Utf8, enum symbols, Instants, LocalDates: their text is their JSON.
        return value.toString();
    }
}
