package io.crmbridge.crm.record;

import java.util.Objects;

/**
 * An {@code @odata.nextLink}: the absolute URL of the next page, holding Dataverse's paging cookie. Sent back
 * exactly as received, without changes or added options (reference §1.3).
 */
public record NextLink(String url) {

    public NextLink {
        Objects.requireNonNull(url, "url");
    }
}
