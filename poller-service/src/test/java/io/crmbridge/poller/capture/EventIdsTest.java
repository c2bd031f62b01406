package io.crmbridge.poller.capture;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import static io.crmbridge.poller.capture.SubscriptionFixture.ACCOUNTS;
import static org.assertj.core.api.Assertions.assertThat;

class EventIdsTest {

    private static final String ROW = "60c4e274-0d87-e711-80e5-00155db19e6d";

    @Test
    void derivesAVersion5UuidFromConnectionTableRowAndVersion() {
        UUID id = UUID.fromString(EventIds.upserted(ACCOUNTS, ROW, 915244));

        assertThat(id.version()).isEqualTo(5);
        assertThat(id.variant()).isEqualTo(2);
        // Python: uuid.uuid5(UUID("6f1d7c1e-2b8a-4f5e-9c3d-0a7b5e4c2d19"), "contoso:account/<row>/915244")
        assertThat(id).isEqualTo(UUID.fromString(EXPECTED_V5));
    }

    @Test
    void differsForAnotherVersionConnectionOrDeletion() {
        String id = EventIds.upserted(ACCOUNTS, ROW, 915244);

        assertThat(EventIds.upserted(ACCOUNTS, ROW, 915245)).isNotEqualTo(id);
        assertThat(EventIds.upserted(io.crmbridge.poller.subscription.SubscriptionKey.of("fabrikam", "account"), ROW,
                915244)).isNotEqualTo(id);
        assertThat(EventIds.deleted(ACCOUNTS, ROW)).isNotEqualTo(id).isEqualTo(EventIds.deleted(ACCOUNTS, ROW));
    }

    private static final String EXPECTED_V5 = "7f10bc7d-fede-509f-a8c7-2a0db9a6118e";
}
