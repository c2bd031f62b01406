package io.crmbridge.schemas.registry;

import org.apache.avro.Schema;

/**
 * The {@code schemaType} of a Confluent registry request or answer. Only Avro is spoken here; a request for
 * another type is an invalid schema (42201), as it is on a Confluent registry without that type's provider.
 */
public enum SchemaType {
    AVRO;

    /** The type a request names; Confluent omits {@code schemaType} for Avro. */
    public static SchemaType named(String name) {
        if (name == null || name.isBlank() || name.equalsIgnoreCase(AVRO.name())) {
            return AVRO;
        }
        throw SchemaRegistryException.invalidSchema("Unsupported schema type '" + name + "': only AVRO is supported");
    }

    /** Parses schema text as the registry stores it ({@code schema} fields are JSON strings holding the schema). */
    public Schema parse(String text) {
        if (text == null || text.isBlank()) {
            throw SchemaRegistryException.invalidSchema("Empty schema");
        }
        try {
            return new Schema.Parser().parse(text);
        } catch (RuntimeException e) {
            throw SchemaRegistryException.invalidSchema("Invalid schema " + abbreviated(text) + ": " + e.getMessage());
        }
    }

    private static String abbreviated(String text) {
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }
}
