package io.crmbridge.token.events;

import io.crmbridge.crm.token.TokenCipher;
import io.crmbridge.events.AccessTokenGrant;
import io.crmbridge.events.ConnectionEvent;
import io.crmbridge.token.ownership.UpdateRecords;
import io.crmbridge.token.refresh.Grant;
import io.crmbridge.token.refresh.LifecycleEvent;

/** The published parts of an update as the {@code ConnectionEvent} and {@code AccessTokenGrant} contracts. */
public final class AvroUpdateRecords implements UpdateRecords {

    private final ConnectionEvents events;
    private final AccessTokenGrants grants;

    /** {@code instanceId} names this instance in the events; {@code cipher} encrypts the granted tokens. */
    public AvroUpdateRecords(String instanceId, TokenCipher cipher) {
        this.events = new ConnectionEvents(instanceId);
        this.grants = new AccessTokenGrants(cipher);
    }

    @Override
    public ConnectionEvent event(LifecycleEvent event) {
        return events.toAvro(event);
    }

    @Override
    public AccessTokenGrant grant(Grant grant) {
        return grants.toAvro(grant);
    }
}
