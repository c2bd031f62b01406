package io.crmbridge.poller;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * A producer interceptor that stops the sending thread at the n-th change record, inside its transaction, until
 * the thread is interrupted: the poller is then stopped (or killed) in the middle of a page. Each test makes its own
 * {@link Pause} and installs it with {@link Pause#properties()}; the producers configured with it share that pause
 * and nothing else, so tests neither see nor reset each other's.
 */
public final class PausingInterceptor implements ProducerInterceptor<Object, Object> {

    /** The producer property naming the pause an interceptor instance reports to. */
    static final String PAUSE = "crmbridge.test.pause";
    private static final Map<String, Pause> pauses = new ConcurrentHashMap<>();

    private Pause pause;

    /** A pause at the {@code n}-th change record its producers send. */
    public static Pause pauseAt(int n) {
        Pause pause = new Pause(UUID.randomUUID().toString(), n);
        pauses.put(pause.name, pause);
        return pause;
    }

    /** One test's pause point. */
    public static final class Pause {

        private final String name;
        private final int at;
        private final AtomicInteger changeRecords = new AtomicInteger();
        private final CountDownLatch paused = new CountDownLatch(1);

        private Pause(String name, int at) {
            this.name = name;
            this.at = at;
        }

        public boolean isPaused() {
            return paused.getCount() == 0;
        }

        /** The Spring properties that install this pause in the poller's producers. */
        public Map<String, String> properties() {
            return Map.of("spring.kafka.producer.properties.interceptor.classes", PausingInterceptor.class.getName(),
                    "spring.kafka.producer.properties." + PAUSE, name);
        }
    }

    @Override
    public void configure(Map<String, ?> configs) {
        Object name = configs.get(PAUSE);
        pause = name == null ? null : pauses.get(name.toString());
    }

    @Override
    public ProducerRecord<Object, Object> onSend(ProducerRecord<Object, Object> record) {
        if (pause != null && record.topic().contains(".changes.") && pause.changeRecords.incrementAndGet() == pause.at) {
            pause.paused.countDown();
            try {
                new CountDownLatch(1).await(); // until the poller is stopped and interrupts its worker
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // keep it: the producer's next blocking call must fail
            }
        }
        return record;
    }

    @Override
    public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
    }

    @Override
    public void close() {
    }
}
