package io.crmbridge.crm.record;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DateTimesTest {

    @Test
    void agreesWithInstantParseAcrossFourCenturies() {
        Random random = new Random(42);
        for (long day = LocalDate.of(1800, 1, 1).toEpochDay(); day < LocalDate.of(2200, 1, 1).toEpochDay(); day += 3) {
            String date = LocalDate.ofEpochDay(day).toString();
            String time = date + "T%02d:%02d:%02dZ".formatted(random.nextInt(24), random.nextInt(60),
                    random.nextInt(60));
            assertThat(DateTimes.epochMillis(time)).as(time).isEqualTo(Instant.parse(time).toEpochMilli());
            assertThat(DateTimes.epochMillis(date)).as(date).isEqualTo(day * 86_400_000L);
        }
    }

    @Test
    void readsMillisecondsAndOffsets() {
        assertThat(DateTimes.epochMillis("2023-04-07T21:59:01.123Z"))
                .isEqualTo(Instant.parse("2023-04-07T21:59:01.123Z").toEpochMilli());
        assertThat(DateTimes.epochMillis("2023-04-07T23:59:01+02:00"))
                .isEqualTo(Instant.parse("2023-04-07T21:59:01Z").toEpochMilli());
        assertThat(DateTimes.epochMillis("2023-04-07T21:59:01.1234567Z"))
                .isEqualTo(Instant.parse("2023-04-07T21:59:01.123Z").toEpochMilli());
    }

    @Test
    void refusesImpossibleDates() {
        assertThatThrownBy(() -> DateTimes.epochMillis("2023-02-30T10:00:00Z"))
                .isInstanceOf(DateTimeParseException.class);
        assertThat(DateTimes.looksLikeDateTime("hello world, long text")).isFalse();
        assertThat(DateTimes.looksLikeDateTime("2023-04-07")).isTrue();
    }
}
