package io.crmbridge.schemas.serde;

import java.util.Map;

import io.crmbridge.events.RecordChanged;
import io.crmbridge.schemas.ContractFixtures;
import io.crmbridge.schemas.registry.InMemorySchemaRegistry;

/**
 * Records per second through the serde on one thread: serialize, deserialize (specific and generic), and both.
 * A benchmark, not a test: run it by hand ({@code java -cp <test classpath> io.crmbridge.schemas.serde.SerdeBenchmark})
 * and read the figures.
 */
public final class SerdeBenchmark {

    private static final String TOPIC = "crm.changes.account";

    private SerdeBenchmark() {
    }

    public static void main(String[] args) {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        AvroSerializer<Object> serializer = new AvroSerializer<>(registry, Map.of(), false);
        AvroDeserializer<Object> specific = new AvroDeserializer<>(registry,
                Map.of("specific.avro.reader", true), false);
        AvroDeserializer<Object> generic = new AvroDeserializer<>(registry, Map.of(), false);
        RecordChanged record = ContractFixtures.recordChanged();
        byte[] bytes = serializer.serialize(TOPIC, record);
        System.out.printf("RecordChanged fixture: %d bytes framed%n", bytes.length);
        for (int round = 0; round < 3; round++) {
            measure("serialize", () -> serializer.serialize(TOPIC, record));
            measure("deserialize specific", () -> specific.deserialize(TOPIC, bytes));
            measure("deserialize generic", () -> generic.deserialize(TOPIC, bytes));
            measure("serialize + deserialize specific",
                    () -> specific.deserialize(TOPIC, serializer.serialize(TOPIC, record)));
        }
    }

    private static void measure(String what, Runnable operation) {
        int count = 0;
        long start = System.nanoTime();
        long end = start + 2_000_000_000L;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 1_000; i++) {
                operation.run();
            }
            count += 1_000;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%-34s %,10.0f records/s%n", what, count / seconds);
    }
}
