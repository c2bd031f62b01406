package io.crmbridge.crm.record;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Reads one JSON object of a record (the parser positioned on its START_OBJECT) into raw values and annotations,
 * then has {@link AttributeTyping} type them. Annotations may come before or after the value they annotate, so
 * typing waits for the end of the object. One instance per parse call: it reuses its buffers row after row.
 */
final class RowReader {

    private final Function<String, Property> properties;
    private final String primaryId;
    private final AttributeTyping typing;
    private final List<Property> valueProperties = new ArrayList<>(64);
    private final List<JsonToken> valueTokens = new ArrayList<>(64);
    private final List<String> valueTexts = new ArrayList<>(64);
    private final Map<String, String> formatted = new HashMap<>();
    private final Map<String, String> lookupTargets = new HashMap<>();
    private String etag;
    private String context;

    RowReader(Function<String, Property> properties, String primaryId, AttributeTyping typing) {
        this.properties = properties;
        this.primaryId = primaryId;
        this.typing = typing;
    }

    /** Reads the object; adds it to {@code records}, or its id to {@code deletions} for a $deletedEntity. */
    void read(JsonParser parser, List<EntityRecord> records, List<String> deletions) {
        clear();
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            Property property = properties.apply(parser.currentName());
            JsonToken token = parser.nextToken();
            if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                // Expanded navigation properties are not part of the contracts.
                parser.skipChildren();
                continue;
            }
            keep(property, token, parser);
        }
        if (context != null && context.endsWith("$deletedEntity")) {
            String id = text("id");
            if (id != null) {
                deletions.add(AttributeTyping.guid(id));
            }
            return;
        }
        records.add(build());
    }

    private void keep(Property property, JsonToken token, JsonParser parser) {
        switch (property.kind()) {
            case VALUE, LOOKUP_VALUE -> {
                valueProperties.add(property);
                valueTokens.add(token);
                valueTexts.add(token == JsonToken.VALUE_STRING || token.isNumeric() ? parser.getText() : null);
            }
            case FORMATTED -> formatted.put(property.property(), parser.getText());
            case LOOKUP_TARGET -> lookupTargets.put(property.property(), parser.getText());
            case ETAG -> etag = parser.getText();
            case CONTEXT -> context = parser.getText();
            case IGNORED -> {
            }
        }
    }

    private EntityRecord build() {
        Map<String, Object> attributes = new HashMap<>(valueProperties.size() * 2);
        Map<String, String> formattedValues = new HashMap<>(formatted.size() * 2);
        String id = null;
        for (int i = 0; i < valueProperties.size(); i++) {
            Property property = valueProperties.get(i);
            String text = valueTexts.get(i);
            String label = formatted.get(property.property());
            if (label != null) {
                formattedValues.put(property.column(), label);
            }
            if (property.kind() == Property.Kind.LOOKUP_VALUE) {
                attributes.put(property.column(), typing.lookup(property, text,
                        lookupTargets.get(property.property()), label));
                continue;
            }
            Object value = typing.value(property, valueTokens.get(i), text, label);
            attributes.put(property.column(), value);
            if (property.column().equals(primaryId) && text != null) {
                id = AttributeTyping.guid(text);
            }
        }
        if (id == null) {
            throw new MalformedResponse("a record without its primary key " + primaryId);
        }
        return new EntityRecord(id, attributes, formattedValues, etag, version(attributes));
    }

    /**
     * The row's versionnumber, as data only (nothing may order rows by it): the column when returned, else the number
     * the ETag shows, which in practice is the versionnumber (reference §1.5 [OBS]).
     */
    private long version(Map<String, Object> attributes) {
        if (attributes.get("versionnumber") instanceof Long number) {
            return number;
        }
        return Etags.version(etag);
    }

    private String text(String column) {
        for (int i = 0; i < valueProperties.size(); i++) {
            if (valueProperties.get(i).column().equals(column)) {
                return valueTexts.get(i);
            }
        }
        return null;
    }

    private void clear() {
        valueProperties.clear();
        valueTokens.clear();
        valueTexts.clear();
        formatted.clear();
        lookupTargets.clear();
        etag = null;
        context = null;
    }
}
