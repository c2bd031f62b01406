package io.crmbridge.poller.capture;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import static io.crmbridge.poller.capture.SubscriptionFixture.ACCOUNTS;
import static org.assertj.core.api.Assertions.assertThat;

class EventIdsTest {

    private static final String ROW = "60c4e274-0d87-e711-80e5-00155db19e6d";
    private static final String ETAG = "W/\"915244\"";

    @Test
    void derivesAVersion5UuidFromConnectionTableRowAndEtag() {
        UUID id = UUID.fromString(EventIds.upserted(ACCOUNTS, ROW, ETAG));

        assertThat(id.version()).isEqualTo(5);
        assertThat(id.variant()).isEqualTo(2);
        // Python: uuid.uuid5(UUID("6f1d7c1e-2b8a-4f5e-9c3d-0a7b5e4c2d19"), "contoso:account/<row>/W/\"915244\"")
        assertThat(id).isEqualTo(UUID.fromString(EXPECTED_V5));
    }

    @Test
    void derivesTheDeletionIdFromConnectionTableAndRow() {
        // Python: uuid.uuid5(UUID("6f1d7c1e-2b8a-4f5e-9c3d-0a7b5e4c2d19"), "contoso:account/<row>/deleted")
        assertThat(EventIds.deleted(ACCOUNTS, ROW)).isEqualTo("382078d0-2936-5155-869f-7b300e891fc5");
    }

    @Test
    void differsForAnotherEtagConnectionOrDeletion() {
        String id = EventIds.upserted(ACCOUNTS, ROW, ETAG);

        assertThat(EventIds.upserted(ACCOUNTS, ROW, "W/\"915245\"")).isNotEqualTo(id);
        assertThat(EventIds.upserted(io.crmbridge.poller.subscription.SubscriptionKey.of("fabrikam", "account"), ROW,
                ETAG)).isNotEqualTo(id);
        assertThat(EventIds.deleted(ACCOUNTS, ROW)).isNotEqualTo(id).isEqualTo(EventIds.deleted(ACCOUNTS, ROW));
    }

    private static final String EXPECTED_V5 = "80799bc4-32d7-5042-82ee-b59e41075c62";
}
