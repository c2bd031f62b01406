package io.crmbridge.poller.tracking;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RecordIndexTest {

    @Test
    void agreesWithAMapThroughRandomPutsRemovesAndGrowth() {
        RecordIndex index = new RecordIndex();
        Map<String, String> oracle = new HashMap<>();
        Random random = new Random(7);
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            ids.add(i % 10 == 0 ? "Not-A-Guid-" + i : new UUID(random.nextLong(), random.nextLong()).toString());
        }
        for (int step = 0; step < 50_000; step++) {
            String id = ids.get(random.nextInt(ids.size()));
            if (random.nextInt(3) == 0) {
                index.remove(id);
                oracle.remove(id);
            } else {
                String etag = random.nextInt(5) == 0 ? "\"opaque-" + random.nextInt(100) + "\"" : "W/\"" + random.nextInt(1_000_000) + "\"";
                index.put(id, etag);
                oracle.put(id, etag);
            }
        }
        assertThat(index.size()).isEqualTo(oracle.size());
        for (String id : ids) {
            assertThat(index.etag(id)).as(id).isEqualTo(Optional.ofNullable(oracle.get(id)));
        }
    }

    @Test
    void keepsEtagsExactlyAsTextIncludingOnesThatOnlyLookNumeric() {
        RecordIndex index = new RecordIndex();
        String id = "60c4e274-0d87-e711-80e5-00155db19e6d";
        for (String etag : List.of("W/\"915244\"", "W/\"0915244\"", "\"915244\"", "W/\"9152449152449152449152\"", "W/\"\"")) {
            index.put(id, etag);
            assertThat(index.etag(id)).contains(etag);
        }
        index.put("60C4E274-0D87-E711-80E5-00155DB19E6D", "W/\"1\"");
        assertThat(index.etag("60C4E274-0D87-E711-80E5-00155DB19E6D")).contains("W/\"1\"");
        assertThat(index.size()).isEqualTo(2);
    }

    @Test
    void reportsTheRecordsAReSyncHasNotSeen() {
        RecordIndex index = new RecordIndex();
        Set<String> all = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            String id = i == 0 ? "other-id" : UUID.randomUUID().toString();
            index.put(id, "W/\"" + i + "\"");
            all.add(id);
        }
        index.clearSeen();
        List<String> ids = List.copyOf(all);
        ids.subList(0, 40).forEach(index::markSeen);
        index.put(ids.get(40), "W/\"changed\"");

        Set<String> unseen = new HashSet<>();
        index.forEachUnseen(Set.of(ids.get(41)), unseen::add);

        assertThat(unseen).containsExactlyInAnyOrderElementsOf(ids.subList(42, 100));
    }
}
