package io.crmbridge.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * Confluent's wire format: magic byte 0, the schema's registry id as 4 big-endian bytes, then the record in Avro
 * binary encoding. Nothing else frames the record: its end is the end of the Kafka value.
 */
final class WireFormat {

    static final byte MAGIC_BYTE = 0;
    static final int HEADER_SIZE = 5;

    private WireFormat() {
    }

    /** The schema id of a framed payload, or a {@link SerializationException} saying why it is not one. */
    static int schemaId(String topic, byte[] bytes, int offset, int length) {
        if (length < HEADER_SIZE) {
            throw new SerializationException("Truncated payload on topic '" + topic + "': " + length
                    + " bytes, fewer than the 5-byte Confluent wire-format header (magic byte 0, 4-byte schema id)");
        }
        if (bytes[offset] != MAGIC_BYTE) {
            throw new SerializationException(String.format("Unknown magic byte 0x%02x on topic '%s': not the "
                    + "Confluent wire format, which starts with 0x00", bytes[offset] & 0xff, topic));
        }
        return (bytes[offset + 1] & 0xff) << 24 | (bytes[offset + 2] & 0xff) << 16
                | (bytes[offset + 3] & 0xff) << 8 | (bytes[offset + 4] & 0xff);
    }

    static void writeHeader(byte[] target, int schemaId) {
        target[0] = MAGIC_BYTE;
        target[1] = (byte) (schemaId >>> 24);
        target[2] = (byte) (schemaId >>> 16);
        target[3] = (byte) (schemaId >>> 8);
        target[4] = (byte) schemaId;
    }
}
