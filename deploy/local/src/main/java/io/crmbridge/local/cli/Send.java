package io.crmbridge.local.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.crmbridge.events.WriteCommand;
import io.crmbridge.events.WriteResult;
import io.crmbridge.events.WriteStatus;
import io.crmbridge.local.cli.Cli.UsageException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * {@code send <file.json|->}: produces one WriteCommand to {@code crm.write-commands} and waits for the WriteResult
 * with its commandId on {@code crm.write-results}; exit code 0 when it SUCCEEDED, 1 when it FAILED or never came.
 */
final class Send {

    private final CliOptions options;

    Send(CliOptions options) {
        this.options = options;
    }

    int run(InputStream stdin, PrintStream out) {
        // The clients first: constructing the serde makes Avro trust io.crmbridge.events, which building a command
        // already needs (its defaults are copied through Avro's class checks).
        try (KafkaProducer<String, Object> producer = KafkaClients.producer(options);
             KafkaConsumer<String, Object> results = KafkaClients.consumer(options, false)) {
            WriteCommand command = read(options.argument(), stdin);
            // Listen before sending, from the end of the results: the result cannot come before the command.
            results.subscribe(List.of(KafkaClients.PREFIX + ".write-results"));
            awaitAssignment(results);
            produce(producer, command);
            out.println("sent " + command.getCommandId() + ", waiting for its result");
            WriteResult result = awaitResult(results, command.getCommandId());
            out.println(AvroJson.line(result));
            return result.getStatus() == WriteStatus.SUCCEEDED ? Cli.OK : Cli.FAILED;
        }
    }

    private static WriteCommand read(String file, InputStream stdin) {
        if (file.equals("-")) {
            return WriteCommandJson.read(stdin);
        }
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            return WriteCommandJson.read(in);
        } catch (NoSuchFileException e) {
            throw new UsageException("no such file: " + file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private void awaitAssignment(KafkaConsumer<String, Object> results) {
        long deadline = System.nanoTime() + options.timeout().toNanos();
        while (results.assignment().isEmpty()) {
            results.poll(Duration.ofMillis(100));
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no write-results topic at " + options.bootstrap());
            }
        }
        // Pin "latest" now, so that a result published from here on is read.
        results.assignment().forEach(results::position);
    }

    private static void produce(KafkaProducer<String, Object> producer, WriteCommand command) {
        try {
            producer.send(new ProducerRecord<>(KafkaClients.PREFIX + ".write-commands",
                    WriteCommandJson.key(command), command)).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the command was not accepted: " + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the broker did not acknowledge the command", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private WriteResult awaitResult(KafkaConsumer<String, Object> results, String commandId) {
        long deadline = System.nanoTime() + options.timeout().toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, Object> record : results.poll(Duration.ofMillis(200))) {
                if (record.value() instanceof WriteResult result && result.getCommandId().equals(commandId)) {
                    return result;
                }
            }
        }
        throw new IllegalStateException("no result for command " + commandId + " within "
                + options.timeout().toSeconds() + " s (is the action-service running?)");
    }
}
