package io.crmbridge.action.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.crmbridge.action.command.ColumnValue;
import io.crmbridge.action.command.Command;
import io.crmbridge.action.command.Commands;
import io.crmbridge.action.command.Operation;
import io.crmbridge.action.command.RecordReference;
import io.crmbridge.action.execution.WriteOutcome;
import io.crmbridge.action.planning.Decoded;
import io.crmbridge.action.planning.Result;
import io.crmbridge.action.testing.AvroCommands;
import io.crmbridge.events.DateTimeValue;
import io.crmbridge.events.DecimalValue;
import io.crmbridge.events.OptionSetValue;
import io.crmbridge.events.OptionSetValues;
import io.crmbridge.events.WriteCommand;
import io.crmbridge.events.WriteOperation;
import io.crmbridge.events.WriteResult;
import io.crmbridge.events.WriteStatus;
import io.crmbridge.schemas.serde.AvroDeserializer;
import io.crmbridge.schemas.serde.AvroSerializer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AvroCommandCodecTest {

    private static final Map<String, Object> SERDE = Map.of("schema.registry.url", "mock://codec-test");
    private final AvroCommandCodec codec = new AvroCommandCodec(SERDE);

    @Test
    void readsEveryAttributeValueKindOfACommand() {
        WriteCommand avro = AvroCommands.base("cmd-1", "contoso", "account", WriteOperation.UPSERT)
                .setAttributes(new java.util.LinkedHashMap<>(Map.of("name", "Contoso", "flag", true, "count", 3,
                        "big", 5L, "ratio", 0.5, "money", new DecimalValue("12.30"),
                        "when", new DateTimeValue(Instant.EPOCH), "choice", new OptionSetValue(7, "Seven"),
                        "choices", new OptionSetValues(List.of(new OptionSetValue(1, null))))))
                .setLookups(Map.of("primarycontactid", AvroCommands.reference("contact", "c-1")))
                .setIfMatch("W/\"9\"").build();
        avro.getAttributes().put("cleared", null);
        byte[] bytes = serialize(avro);

        Decoded decoded = codec.decode("crm.write-commands", bytes);

        Command command = ((Decoded.Readable) decoded).command();
        assertThat(command.operation()).isEqualTo(Operation.UPSERT);
        assertThat(command.sizeBytes()).isEqualTo(bytes.length);
        assertThat(command.ifMatch()).isEqualTo("W/\"9\"");
        assertThat(command.attributes()).containsEntry("name", new ColumnValue.Text("Contoso"))
                .containsEntry("flag", new ColumnValue.Flag(true)).containsEntry("count", new ColumnValue.Int32(3))
                .containsEntry("big", new ColumnValue.Int64(5)).containsEntry("ratio", new ColumnValue.Real(0.5))
                .containsEntry("money", new ColumnValue.Exact("12.30"))
                .containsEntry("when", new ColumnValue.Moment(Instant.EPOCH))
                .containsEntry("choice", new ColumnValue.Choice(7))
                .containsEntry("choices", new ColumnValue.Choices(List.of(1)))
                .containsEntry("cleared", new ColumnValue.Empty());
        assertThat(command.lookups()).containsEntry("primarycontactid", new RecordReference("contact", "c-1"));
    }

    @Test
    void readsAnOperationOfANewerProducerAsUnknown() {
        Command command = ((Decoded.Readable) codec.decode("crm.write-commands", serialize(AvroCommands.base("c", "x",
                "account", WriteOperation.UNKNOWN).build()))).command();

        assertThat(command.operation()).isEqualTo(Operation.UNKNOWN);
    }

    @Test
    void callsBytesThatAreNoCommandUnreadable() {
        assertThat(codec.decode("crm.write-commands", new byte[] {1, 2, 3})).isInstanceOf(Decoded.Unreadable.class);
        assertThat(codec.decode("crm.write-commands", null)).isInstanceOf(Decoded.Unreadable.class);
        AvroSerializer<Object> other = new AvroSerializer<>();
        other.configure(SERDE, false);
        byte[] notACommand = other.serialize("some-other-topic", new DecimalValue("1"));
        assertThat(codec.decode("crm.write-commands", notACommand)).isInstanceOf(Decoded.Unreadable.class);
    }

    @Test
    void writesSucceededAndFailedResultsWithTheCommandsCorrelation() {
        Command command = Commands.update().build();
        Instant at = Instant.parse("2026-01-02T03:04:05Z");

        WriteResult written = deserialize(codec.encode("crm.write-results", new Result(command,
                new WriteOutcome.Written(Commands.ACCOUNT_ID, 204), 2, at)));
        WriteResult failed = deserialize(codec.encode("crm.write-results", new Result(command,
                new WriteOutcome.Rejected(404, "0x80040217", "gone", false), 1, at)));

        assertThat(written.getStatus()).isEqualTo(WriteStatus.SUCCEEDED);
        assertThat(written.getRecordId()).isEqualTo(Commands.ACCOUNT_ID);
        assertThat(written.getAttempts()).isEqualTo(2);
        assertThat(written.getErrorCode()).isNull();
        assertThat(written.getHeaders()).containsEntry("traceparent", "t-1");
        assertThat(failed.getStatus()).isEqualTo(WriteStatus.FAILED);
        assertThat(failed.getHttpStatus()).isEqualTo(404);
        assertThat(failed.getErrorCode()).isEqualTo("0x80040217");
        assertThat(failed.getErrorMessage()).isEqualTo("gone");
        assertThat(failed.getRecordId()).isEqualTo(Commands.ACCOUNT_ID);
        assertThat(failed.getCompletedAt()).isEqualTo(at);
    }

    private static byte[] serialize(WriteCommand command) {
        AvroSerializer<WriteCommand> serializer = new AvroSerializer<>();
        serializer.configure(SERDE, false);
        return serializer.serialize("crm.write-commands", command);
    }

    private static WriteResult deserialize(byte[] bytes) {
        AvroDeserializer<Object> deserializer = new AvroDeserializer<>();
        deserializer.configure(Map.of("schema.registry.url", "mock://codec-test", "specific.avro.reader", true), false);
        return (WriteResult) deserializer.deserialize("crm.write-results", bytes);
    }
}
