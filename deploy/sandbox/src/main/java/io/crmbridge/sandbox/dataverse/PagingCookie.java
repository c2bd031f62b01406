package io.crmbridge.sandbox.dataverse;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The position a {@code @odata.nextLink} carries in its {@code $skiptoken}: an XML paging cookie shaped like
 * Dataverse's ({@code <cookie pagenumber="2" pagingcookie="..." istracking="False" />}, the inner cookie
 * URL-encoded twice). Opaque to clients; besides the last primary key it holds what the sandbox needs to
 * continue a change-tracking read (snapshot version, delta start, phase).
 *
 * @param lastId      last row of the previous page (primary-key order), null before the first
 * @param offset      rows already returned ($orderby queries page by position)
 * @param snapshot    change tracking: the version the read is consistent with (-1 when not tracking)
 * @param snapshotAt  change tracking: when that snapshot was taken (epoch seconds)
 * @param from        delta reads: the version of the client's token (-1 for the initial sync)
 * @param phase       delta reads: 0 while returning changed rows, 1 while returning deletions
 * @param lastVersion delta reads: the last version returned in the current phase
 */
record PagingCookie(int page, UUID firstId, UUID lastId, int offset, long snapshot, long snapshotAt, long from,
                    int phase, long lastVersion) {

    private static final Pattern OUTER = Pattern.compile(
            "<cookie pagenumber=\"(\\d+)\" pagingcookie=\"([^\"]*)\" istracking=\"(True|False)\" />");
    private static final Pattern ID = Pattern.compile("<\\w+ last=\"\\{([0-9a-fA-F-]{36})\\}\" first=\"\\{([0-9a-fA-F-]{36})\\}\" />");
    private static final Pattern SANDBOX = Pattern.compile("<sandbox offset=\"(\\d+)\" snapshot=\"(-?\\d+)\" "
            + "at=\"(\\d+)\" from=\"(-?\\d+)\" phase=\"([01])\" version=\"(\\d+)\" />");

    static PagingCookie first() {
        return new PagingCookie(1, null, null, 0, -1, 0, -1, 0, 0);
    }

    boolean tracking() {
        return snapshot >= 0;
    }

    PagingCookie next(UUID pageFirst, UUID pageLast, int rows) {
        return new PagingCookie(page + 1, pageFirst, pageLast, offset + rows, snapshot, snapshotAt, from, phase,
                lastVersion);
    }

    PagingCookie withSnapshot(long version, long at, long deltaFrom) {
        return new PagingCookie(page, firstId, lastId, offset, version, at, deltaFrom, phase, lastVersion);
    }

    PagingCookie inPhase(int newPhase, long version) {
        return new PagingCookie(page, firstId, lastId, offset, snapshot, snapshotAt, from, newPhase, version);
    }

    /** The {@code $skiptoken} value, URL-encoded for a nextLink. */
    String encode(String primaryId) {
        StringBuilder inner = new StringBuilder("<cookie page=\"").append(page - 1).append("\">");
        if (lastId != null) {
            inner.append('<').append(primaryId).append(" last=\"{").append(lastId.toString().toUpperCase())
                    .append("}\" first=\"{").append(firstId.toString().toUpperCase()).append("}\" />");
        }
        inner.append("<sandbox offset=\"").append(offset).append("\" snapshot=\"").append(snapshot)
                .append("\" at=\"").append(snapshotAt).append("\" from=\"").append(from).append("\" phase=\"")
                .append(phase).append("\" version=\"").append(lastVersion).append("\" /></cookie>");
        String outer = "<cookie pagenumber=\"" + page + "\" pagingcookie=\"" + url(url(inner.toString()))
                + "\" istracking=\"" + (tracking() ? "True" : "False") + "\" />";
        return url(outer);
    }

    /** Reads a {@code $skiptoken} (already URL-decoded once, as a query option). */
    static PagingCookie decode(String token) {
        Matcher outer = OUTER.matcher(token);
        if (!outer.matches()) {
            throw invalid();
        }
        String inner = ApiRequest.decode(ApiRequest.decode(outer.group(2)));
        Matcher sandbox = SANDBOX.matcher(inner);
        if (!sandbox.find()) {
            throw invalid();
        }
        Matcher id = ID.matcher(inner);
        boolean hasId = id.find();
        try {
            return new PagingCookie(Integer.parseInt(outer.group(1)),
                    hasId ? UUID.fromString(id.group(2)) : null, hasId ? UUID.fromString(id.group(1)) : null,
                    Integer.parseInt(sandbox.group(1)), Long.parseLong(sandbox.group(2)),
                    Long.parseLong(sandbox.group(3)), Long.parseLong(sandbox.group(4)),
                    Integer.parseInt(sandbox.group(5)), Long.parseLong(sandbox.group(6)));
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    private static DataverseError invalid() {
        return DataverseError.badRequest("The $skiptoken paging cookie is not valid.");
    }

    private static String url(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
