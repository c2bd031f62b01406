package io.crmbridge.crm.topic;

import java.util.HashMap;
import java.util.Map;

/** A service's Kafka client properties reduced to what every client of crm-client shares. */
public final class ClientProperties {

    private ClientProperties() {
    }

    /**
     * Keeps the connection, security and schema-registry settings of {@code properties} and drops what each
     * component sets for itself: serdes, group membership, offset handling and isolation.
     */
    public static Map<String, Object> connectionOnly(Map<String, ?> properties) {
        Map<String, Object> client = new HashMap<>(properties);
        client.keySet().removeIf(key -> key.contains("serializer") || key.contains("deserializer")
                || key.equals("group.id") || key.equals("group.instance.id") || key.startsWith("auto.offset")
                || key.startsWith("enable.auto") || key.startsWith("auto.commit") || key.equals("isolation.level"));
        return client;
    }
}
