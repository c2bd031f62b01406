package io.crmbridge.action.parking;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** The headers a parked command carries on the waiting topic, besides its original ones. */
public final class ParkingHeaders {

    public static final String PREFIX = "crmbridge.";
    public static final String CONNECTION = PREFIX + "connection-id";
    public static final String PARKED_AT = PREFIX + "parked-at";
    public static final String REASON = PREFIX + "parked-reason";
    public static final String ORIGINAL_PARTITION = PREFIX + "original-partition";
    public static final String ORIGINAL_OFFSET = PREFIX + "original-offset";

    private ParkingHeaders() {
    }

    public static Optional<String> text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? Optional.empty()
                : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    /** When the record started waiting; a record without the header counts as parked at its append time. */
    public static Instant parkedAt(Headers headers, long recordTimestamp) {
        return text(headers, PARKED_AT).map(Instant::parse).orElseGet(() -> Instant.ofEpochMilli(recordTimestamp));
    }

    public static byte[] bytes(Object value) {
        return String.valueOf(value).getBytes(StandardCharsets.UTF_8);
    }
}
