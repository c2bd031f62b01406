package io.crmbridge.local.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CliTest {

    @Test
    void anUnknownCommandExitsWithTwoAndPrintsTheUsage() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exitCode = Cli.run(new String[] {"frobnicate"}, new ByteArrayInputStream(new byte[0]),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exitCode).isEqualTo(Cli.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command: frobnicate", "usage: cli");
    }

    @Test
    void aCommandWithoutItsRequiredFieldsIsAUsageError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        byte[] json = "{\"entity\": \"account\", \"operation\": \"CREATE\"}".getBytes(StandardCharsets.UTF_8);

        int exitCode = Cli.run(new String[] {"send", "-"}, new ByteArrayInputStream(json),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exitCode).isEqualTo(Cli.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("the command needs \"connectionId\"");
    }

    @Test
    void parsesTheOptionsWithTheLocalStacksDefaults() {
        CliOptions options = CliOptions.parse(new String[] {"tail", "account", "--max", "3"});

        assertThat(options.bootstrap()).isEqualTo("localhost:9092");
        assertThat(options.registry()).isEqualTo("http://localhost:8081");
        assertThat(options.argument()).isEqualTo("account");
        assertThat(options.max()).contains(3L);
    }
}
