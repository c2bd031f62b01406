package io.crmbridge.action.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import io.crmbridge.action.ActionSettings;
import io.crmbridge.action.command.CommandValidation;
import io.crmbridge.action.execution.Dataverse;
import io.crmbridge.action.execution.ExecutingWrites;
import io.crmbridge.action.execution.ExecutionSettings;
import io.crmbridge.action.holding.ConnectionHolds;
import io.crmbridge.action.parking.HoldDeadline;
import io.crmbridge.action.parking.WaitingCommands;
import io.crmbridge.action.planning.CommandCodec;
import io.crmbridge.action.planning.Planning;
import io.crmbridge.action.monitoring.ActionMetrics;
import io.crmbridge.action.monitoring.MeteredDataverse;
import io.crmbridge.action.table.Tables;
import io.crmbridge.crm.failure.FailureClassification;
import io.crmbridge.crm.failure.RetrySettings;
import io.crmbridge.schemas.topics.Topics;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the command loops: validation, execution, holds, and the Kafka clients they run on. */
@Configuration(proxyBeanMethods = false)
class PipelineConfiguration {

    @Bean
    ConnectionHolds connectionHolds() {
        return new ConnectionHolds();
    }

    @Bean
    ActionMetrics actionMetrics(io.micrometer.core.instrument.MeterRegistry registry, ConnectionHolds holds) {
        return new ActionMetrics(registry, holds);
    }

    @Bean
    CommandValidation commandValidation(Tables tables, ActionSettings settings) {
        return new CommandValidation(tables, settings.maxCommandBytes());
    }

    @Bean
    ExecutingWrites executingWrites(Dataverse dataverse, RetrySettings retry, ActionSettings settings,
                                    ActionMetrics metrics) {
        return new ExecutingWrites(new MeteredDataverse(dataverse, metrics), new FailureClassification(retry),
                new ExecutionSettings(settings.batching(), settings.batchSize(), settings.maxAttempts(),
                        settings.maxInFlight()));
    }

    @Bean
    PipelineSettings pipelineSettings(ActionSettings settings, Topics topics) {
        String commands = topics.writeCommands().name();
        return new PipelineSettings(new PipelineTopics(commands, commands + ".waiting", topics.writeResults().name(),
                topics.writeCommandsDlt().name()), settings.maxRecords(), settings.linger(), settings.pollTimeout(),
                new HoldDeadline(settings.holdDeadline()));
    }

    @Bean
    CommandPipeline commandPipeline(ActionSettings settings, PipelineSettings pipeline, KafkaProperties kafka,
                                    CommandCodec codec, CommandValidation validation, ExecutingWrites executing,
                                    ConnectionHolds holds, ActionMetrics metrics,
                                    ObjectProvider<Readiness> readiness) {
        Clock clock = Clock.systemUTC();
        return new CommandPipeline(settings.consumers(), index -> {
            String member = settings.groupId() + "-" + settings.instanceId() + "-" + index;
            Map<String, Object> consumer = KafkaClients.consumer(kafka.buildConsumerProperties(), settings.groupId(),
                    member, settings.maxRecords());
            Planning planning = new Planning(codec, validation, holds, new WaitingCommands(), pipeline.holdDeadline(),
                    pipeline.topics().waiting(), clock);
            return new CommandLoop(pipeline, KafkaClients.of(consumer,
                    KafkaClients.producer(kafka.buildProducerProperties(), member)), planning, executing,
                    new OutputRecords(pipeline.topics(), settings.groupId(), codec), metrics, clock);
        }, readiness.orderedStream().toList());
    }

    @Bean
    PipelineHealth commandLoopsHealthIndicator(CommandPipeline pipeline, ConnectionHolds holds) {
        return new PipelineHealth(pipeline, holds, Duration.ofMinutes(10), Clock.systemUTC());
    }
}
