package io.crmbridge.local.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import io.crmbridge.local.cli.Cli.UsageException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/** {@code tail <entity>}: each RecordChanged of {@code crm.changes.<entity>} as one JSON line, until Ctrl-C. */
final class Tail {

    private final CliOptions options;

    Tail(CliOptions options) {
        this.options = options;
    }

    int run(PrintStream out) {
        String entity = options.argument();
        if (!entity.matches("[a-zA-Z0-9_]+")) {
            throw new UsageException("not an entity logical name: " + entity);
        }
        String topic = KafkaClients.PREFIX + ".changes." + entity.toLowerCase(Locale.ROOT);
        long limit = options.max().orElse(Long.MAX_VALUE);
        long printed = 0;
        try (KafkaConsumer<String, Object> consumer = KafkaClients.consumer(options, options.fromBeginning())) {
            consumer.subscribe(List.of(topic));
            while (printed < limit) {
                for (ConsumerRecord<String, Object> record : consumer.poll(Duration.ofMillis(500))) {
                    if (printed < limit) {
                        out.println(AvroJson.line(record.value()));
                        printed++;
                    }
                }
                out.flush();
            }
        }
        return Cli.OK;
    }
}
