package io.crmbridge.token.vault;

import java.nio.charset.StandardCharsets;
import java.util.function.IntSupplier;

import io.crmbridge.crm.connection.ConnectionId;
import io.crmbridge.token.vault.Shards;
import org.apache.kafka.common.utils.Utils;

/**
 * The vault partition (shard) of a connection: Kafka's default partitioner applied to the connection id, so the
 * owner of a partition owns exactly the connections whose records land there. The partition count is read once,
 * when first needed (the topic is created at start-up).
 */
public final class KafkaVaultPartitions implements Shards {

    private final IntSupplier partitionCount;
    private volatile int count;

    public KafkaVaultPartitions(IntSupplier partitionCount) {
        this.partitionCount = partitionCount;
    }

    @Override
    public int of(ConnectionId id) {
        return Utils.toPositive(Utils.murmur2(id.value().getBytes(StandardCharsets.UTF_8))) % count();
    }

    int count() {
        if (count == 0) {
            count = partitionCount.getAsInt();
        }
        return count;
    }
}
