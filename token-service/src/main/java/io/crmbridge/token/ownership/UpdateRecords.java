package io.crmbridge.token.ownership;

import io.crmbridge.token.refresh.Grant;
import io.crmbridge.token.refresh.LifecycleEvent;

/**
 * The published parts of an update as the contracts the other services read (port; the Avro mapping lives in
 * {@code events/}).
 */
public interface UpdateRecords {

    /** The value to write to the connection-events topic for {@code event}. */
    Object event(LifecycleEvent event);

    /** The value to write to the access-tokens topic for {@code grant}, its token encrypted. */
    Object grant(Grant grant);
}
