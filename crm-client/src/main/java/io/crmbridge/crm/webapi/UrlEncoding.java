package io.crmbridge.crm.webapi;

import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding as UTF-8. Query option values keep the unreserved characters and the few OData punctuation
 * marks Dataverse expects literally ({@code $ , ' ( ) : / = @ *}); key values in a row's path keep only the
 * unreserved characters and the quote, since a {@code /}, {@code ,} or {@code )} in a value would end its segment.
 */
final class UrlEncoding {

    private static final String KEPT = "-._~$,'():/=@*";
    private static final String KEPT_IN_KEYS = "-._~'";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UrlEncoding() {
    }

    static String encode(String value) {
        return encode(value, KEPT);
    }

    /** A key value of a row address ({@code 'O''Neil & Co'} → {@code 'O''Neil%20%26%20Co'}). */
    static String encodeKeyValue(String value) {
        return encode(value, KEPT_IN_KEYS);
    }

    private static String encode(String value, String kept) {
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (kept(c, kept)) {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(value.length() + 16).append(value, 0, i);
            }
            int end = Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1)) ? i + 2 : i + 1;
            for (byte b : value.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                out.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
            }
            i = end - 1;
        }
        return out == null ? value : out.toString();
    }

    private static boolean kept(char c, String kept) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || kept.indexOf(c) >= 0;
    }
}
