package io.crmbridge.crm.webapi;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a successful write answered: the status (204, or 201/200 with the row), the row's URL
 * ({@code OData-EntityId}, or {@code Location} in a batch), its id taken from that URL, its new ETag, and the body
 * when {@code return=representation} was asked for.
 */
public record WriteResponse(int status, Optional<String> entityUrl, Optional<String> id, Optional<String> etag,
                            byte[] body) {

    private static final Pattern ID = Pattern.compile(
            "\\(([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\\)$");

    /** Reads a response to a write, sent alone or as a batch part. */
    public static WriteResponse of(WebApiResponse response) {
        Optional<String> url = response.header("OData-EntityId").or(() -> response.header("Location"));
        Optional<String> id = url.map(ID::matcher).filter(Matcher::find).map(m -> m.group(1).toLowerCase());
        Optional<String> etag = response.header("ETag").or(() -> response.header("OData-EntityTag"));
        return new WriteResponse(response.status(), url, id, etag, response.body());
    }

    /** Whether the write created the row (201); a 204 upsert cannot tell (reference §3.3). */
    public boolean created() {
        return status == 201;
    }
}
