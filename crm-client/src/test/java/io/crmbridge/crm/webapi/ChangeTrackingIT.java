package io.crmbridge.crm.webapi;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.crmbridge.crm.failure.DataverseError;
import io.crmbridge.crm.failure.FailureKind;
import io.crmbridge.crm.metadata.TableMetadata;
import io.crmbridge.crm.record.DeltaLink;
import io.crmbridge.crm.record.EntityRecord;
import io.crmbridge.crm.record.RecordPage;
import io.crmbridge.crm.record.RecordParser;
import io.crmbridge.sandbox.dataverse.Table;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Change tracking against the sandbox: initial sync in pages, deltas with deletions, an expired delta token. */
class ChangeTrackingIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ReadOptions TRACKING = ReadOptions.tracking(4);
    private static SandboxConnection sandbox;
    private static RecordParser parser;
    private static Table contacts;

    @BeforeAll
    static void connect() {
        sandbox = new SandboxConnection("tracking");
        contacts = sandbox.org.table("contact");
        TableMetadata contact = sandbox.connection.table("contact").block(WAIT).orElseThrow();
        parser = new RecordParser(contact);
    }

    @Test
    void syncsEveryRowInPagesThenSeesOnlyTheChangesAndTheDeletions() {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(contacts.create(Map.of("firstname", "F" + i, "lastname", "Initial")));
        }
        Sync initial = sync(sandbox.connection.query(parser, Query.of("contacts").select("firstname", "lastname"),
                TRACKING).block(WAIT));
        assertThat(initial.pages).isEqualTo(3);
        assertThat(initial.records).hasSize(10);
        assertThat(initial.deletions).isEmpty();

        UUID created = contacts.create(Map.of("firstname", "New", "lastname", "Row"));
        contacts.update(ids.get(2), Map.of("lastname", "Changed"));
        contacts.delete(ids.get(5));
        Sync delta = sync(sandbox.connection.changes(parser, initial.deltaLink, TRACKING).block(WAIT));

        assertThat(delta.records).extracting(EntityRecord::id)
                .containsExactlyInAnyOrder(created.toString(), ids.get(2).toString());
        assertThat(delta.records).filteredOn(record -> record.id().equals(ids.get(2).toString()))
                .singleElement().satisfies(record -> assertThat(record.attributes())
                        .containsEntry("lastname", "Changed"));
        assertThat(delta.deletions).containsExactly(ids.get(5).toString());
        assertThat(delta.deltaLink).isNotEqualTo(initial.deltaLink);

        Sync quiet = sync(sandbox.connection.changes(parser, delta.deltaLink, TRACKING).block(WAIT));
        assertThat(quiet.records).isEmpty();
        assertThat(quiet.deletions).isEmpty();
    }

    @Test
    void asksForAFullSyncWhenTheDeltaTokenExpired() {
        RecordParser accounts = new RecordParser(TableMetadata.minimal("account", "accounts"));
        sandbox.org.table("account").create(Map.of("name", "Before the break"));
        RecordPage initial = sandbox.connection.query(accounts, Query.of("accounts").select("name"), TRACKING)
                .block(WAIT).orElseThrow();

        sandbox.org.breakDeltaTokens();
        Outcome<RecordPage> expired = sandbox.connection.changes(accounts, initial.deltaLink().orElseThrow(),
                TRACKING).block(WAIT);

        assertThat(expired).isInstanceOfSatisfying(Outcome.Failure.class, failure -> {
            assertThat(failure.kind()).isEqualTo(FailureKind.FULL_SYNC_REQUIRED);
            assertThat(failure.error().code()).isEqualTo(DataverseError.EXPIRED_VERSION_STAMP);
            assertThat(failure.attempts()).isEqualTo(1);
        });
    }

    /** Follows nextLinks to the end of a sync and collects what it returned. */
    private Sync sync(Outcome<RecordPage> first) {
        Sync sync = new Sync();
        RecordPage page = first.orElseThrow();
        while (true) {
            sync.pages++;
            sync.records.addAll(page.records());
            sync.deletions.addAll(page.deletions());
            if (page.isLast()) {
                sync.deltaLink = page.deltaLink().orElseThrow();
                return sync;
            }
            assertThat(page.deltaLink()).as("deltaLink only on the last page").isEmpty();
            page = sandbox.connection.page(parser, page.nextLink().orElseThrow(), TRACKING).block(WAIT).orElseThrow();
        }
    }

    private static final class Sync {
        int pages;
        final List<EntityRecord> records = new ArrayList<>();
        final List<String> deletions = new ArrayList<>();
        DeltaLink deltaLink;
    }
}
