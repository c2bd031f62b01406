package io.crmbridge.local;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleReportTest {

    @Test
    void aConnectionEventReadsAsOneLineWithItsReasonAndWhereToReconnect() {
        assertThat(ConsoleReport.line(EventsOnABroker.tokenExpired())).isEqualTo("event  contoso-alice TOKEN_EXPIRED"
                + " -> EXPIRED AADSTS700082 - reconnect at http://localhost:8090/connections/contoso-alice/connect");
    }
}
