package io.crmbridge.sandbox.dataverse;

/** Matching {@code If-Match} / {@code If-None-Match} values ({@code W/"123"}, {@code "123"}, lists) to a row's ETag. */
final class ETags {

    private ETags() {
    }

    /** True if {@code header} names {@code etag} (or is {@code *}); the recommended {@code null} matches nothing. */
    static boolean matches(String header, long etag) {
        if (header == null || header.isBlank() || header.trim().equals("null")) {
            return false;
        }
        for (String tag : header.split(",")) {
            String value = tag.trim();
            if (value.equals("*")) {
                return true;
            }
            if (value.startsWith("W/")) {
                value = value.substring(2);
            }
            value = value.replace("\"", "");
            if (value.equals(Long.toString(etag))) {
                return true;
            }
        }
        return false;
    }

    static boolean isWildcard(String header) {
        return header != null && header.trim().equals("*");
    }

    static boolean isPresent(String header) {
        return header != null && !header.isBlank() && !header.trim().equals("null");
    }
}
