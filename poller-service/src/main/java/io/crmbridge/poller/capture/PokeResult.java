package io.crmbridge.poller.capture;

/** What a request for an immediate poll achieved. */
enum PokeResult {
    /** The subscription is polled by this instance and will be polled at once. */
    SCHEDULED,
    /** The subscription exists but another instance polls it. */
    NOT_OWNED_HERE,
    /** No such subscription. */
    UNKNOWN
}
