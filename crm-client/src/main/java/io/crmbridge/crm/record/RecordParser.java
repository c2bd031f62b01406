package io.crmbridge.crm.record;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.crmbridge.crm.metadata.TableMetadata;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Parses Web API response bodies of one table into typed {@link EntityRecord}s with Jackson's streaming parser
 * (no tree, one pass): pages of a query or of change tracking, and single records. Expects the annotations of
 * {@code Prefer: odata.include-annotations="*"} for lookup targets and labels; see {@link AttributeTyping} for how
 * values are typed. Thread-safe; keep one per table, since it caches what each property name means.
 */
public final class RecordParser {

    private static final JsonFactory JSON = new JsonFactory();

    private final TableMetadata table;
    private final AttributeTyping typing;
    private final Map<String, Property> properties = new ConcurrentHashMap<>();

    public RecordParser(TableMetadata table) {
        this.table = table;
        this.typing = new AttributeTyping(table);
    }

    public TableMetadata table() {
        return table;
    }

    /** A collection response: {@code value} rows and deletions, {@code @odata.nextLink}, {@code @odata.deltaLink}. */
    public RecordPage page(byte[] body) {
        List<EntityRecord> records = new ArrayList<>();
        List<String> deletions = new ArrayList<>();
        String nextLink = null;
        String deltaLink = null;
        try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), body)) {
            expect(parser.nextToken(), JsonToken.START_OBJECT);
            RowReader rows = rowReader();
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken token = parser.nextToken();
                if ("value".equals(name) && token == JsonToken.START_ARRAY) {
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        rows.read(parser, records, deletions);
                    }
                } else if ("@odata.nextLink".equals(name) && token == JsonToken.VALUE_STRING) {
                    nextLink = parser.getString();
                } else if ("@odata.deltaLink".equals(name) && token == JsonToken.VALUE_STRING) {
                    deltaLink = parser.getString();
                } else {
                    parser.skipChildren();
                }
            }
        } catch (JacksonException | NumberFormatException | java.time.DateTimeException e) {
            throw new MalformedResponse("unreadable " + table.entitySetName() + " page: " + e.getMessage(), e);
        }
        return new RecordPage(records, deletions, Optional.ofNullable(nextLink).map(NextLink::new),
                Optional.ofNullable(deltaLink).map(DeltaLink::new));
    }

    /** A single-record response ({@code GET accounts(id)}, or a write with {@code return=representation}). */
    public EntityRecord record(byte[] body) {
        List<EntityRecord> records = new ArrayList<>(1);
        try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), body)) {
            expect(parser.nextToken(), JsonToken.START_OBJECT);
            rowReader().read(parser, records, new ArrayList<>());
        } catch (JacksonException | NumberFormatException | java.time.DateTimeException e) {
            throw new MalformedResponse("unreadable " + table.entitySetName() + " record: " + e.getMessage(), e);
        }
        if (records.isEmpty()) {
            throw new MalformedResponse("expected a " + table.logicalName() + " record, got a deleted entity");
        }
        return records.get(0);
    }

    private RowReader rowReader() {
        return new RowReader(this::property, table.primaryIdAttribute(), typing);
    }

    private Property property(String name) {
        Property known = properties.get(name);
        return known != null ? known : properties.computeIfAbsent(name, n -> Property.of(n, table));
    }

    private void expect(JsonToken actual, JsonToken expected) {
        if (actual != expected) {
            throw new MalformedResponse("expected " + expected + " in a " + table.entitySetName() + " response, got "
                    + actual);
        }
    }
}
