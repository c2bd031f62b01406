package io.crmbridge.schemas.serde;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.crmbridge.schemas.ContractFixtures;
import io.crmbridge.schemas.registry.InMemorySchemaRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A producer shares one serializer between all the threads that call send(); a consumer may share too. */
class ThreadSafetyTest {

    @Test
    void servesManyThreadsAtOnceWithoutMixingTheirRecords() throws Exception {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        AvroSerializer<Object> serializer = new AvroSerializer<>(registry, Map.of(), false);
        AvroDeserializer<Object> deserializer = new AvroDeserializer<>(registry,
                Map.of("specific.avro.reader", true), false);
        List<Object> records = List.of(ContractFixtures.recordChanged(), ContractFixtures.writeResult(),
                ContractFixtures.connectionEvent(), ContractFixtures.writeCommand());
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> work = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t;
                work.add(() -> {
                    for (int i = 0; i < 500; i++) {
                        Object record = records.get((i + offset) % records.size());
                        String topic = "topic-" + record.getClass().getSimpleName();
                        assertThat(deserializer.deserialize(topic, serializer.serialize(topic, record)))
                                .isEqualTo(record);
                    }
                    return 500;
                });
            }
            int done = 0;
            for (Future<Integer> result : threads.invokeAll(work)) {
                done += result.get();
            }
            assertThat(done).isEqualTo(2_000);
            assertThat(registry.subjects(false)).hasSize(4);
        } finally {
            threads.shutdownNow();
        }
    }
}
