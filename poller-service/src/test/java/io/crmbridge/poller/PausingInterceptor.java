package io.crmbridge.poller;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * A producer interceptor that stops the sending thread at the n-th change record, inside its transaction, until
 * the thread is interrupted: the poller is then stopped (or killed) in the middle of a page. Installed with
 * {@code spring.kafka.producer.properties.interceptor.classes}; controlled through static state (one test at a
 * time).
 */
public final class PausingInterceptor implements ProducerInterceptor<Object, Object> {

    private static final AtomicInteger changeRecords = new AtomicInteger();
    private static volatile int pauseAt = Integer.MAX_VALUE;
    private static volatile CountDownLatch paused = new CountDownLatch(1);

    /** Pause at the {@code n}-th change record sent from now on. */
    public static void pauseAt(int n) {
        changeRecords.set(0);
        paused = new CountDownLatch(1);
        pauseAt = n;
    }

    public static boolean isPaused() {
        return paused.getCount() == 0;
    }

    @Override
    public ProducerRecord<Object, Object> onSend(ProducerRecord<Object, Object> record) {
        if (record.topic().contains(".changes.") && changeRecords.incrementAndGet() == pauseAt) {
            paused.countDown();
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

    @Override
    public void configure(Map<String, ?> configs) {
    }
}
