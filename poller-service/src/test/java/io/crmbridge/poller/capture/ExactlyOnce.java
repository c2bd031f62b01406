package io.crmbridge.poller.capture;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.crmbridge.poller.tracking.ChangeKind;

import static org.assertj.core.api.Assertions.assertThat;

/** The exactly-once oracle: no event twice, every row's current version and every deletion published. */
final class ExactlyOnce {

    private ExactlyOnce() {
    }

    static void assertExactlyOnce(List<CapturedChange> events, Map<String, Long> liveVersions, Set<String> deleted) {
        Set<String> seen = new HashSet<>();
        for (CapturedChange event : events) {
            String change = event.recordId() + "@" + (event.kind() == ChangeKind.DELETED ? "deleted" : event.version());
            assertThat(seen.add(change)).as("published once: %s", change).isTrue();
        }
        liveVersions.forEach((id, version) -> assertThat(seen).as("current version of %s", id).contains(id + "@" + version));
        deleted.forEach(id -> assertThat(seen).as("deletion of %s", id).contains(id + "@deleted"));
    }
}
