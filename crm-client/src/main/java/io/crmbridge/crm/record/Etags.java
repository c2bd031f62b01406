package io.crmbridge.crm.record;

/** Reading the row version out of a weak ETag ({@code W/"536530"}), which in practice is the versionnumber. */
public final class Etags {

    private Etags() {
    }

    /** The number inside {@code etag}, or -1 when it holds none (the docs call ETags opaque). */
    public static long version(String etag) {
        if (etag == null) {
            return -1;
        }
        int start = etag.indexOf('"');
        int end = etag.lastIndexOf('"');
        if (start < 0 || end <= start + 1 || end - start > 20) {
            return -1;
        }
        long value = 0;
        for (int i = start + 1; i < end; i++) {
            char c = etag.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** The weak ETag of a version: {@code W/"536530"}. */
    public static String of(long version) {
        return "W/\"" + version + "\"";
    }
}
