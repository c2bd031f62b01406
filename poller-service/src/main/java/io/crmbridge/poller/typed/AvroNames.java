package io.crmbridge.poller.typed;

import java.util.regex.Pattern;

/**
 * Names valid in Avro (and, being {@code [A-Za-z_][A-Za-z0-9_]*}, in SQL without quoting). Dataverse logical names
 * already are ({@code [a-z][a-z0-9_]*}) and stay as they are; anything else is {@linkplain #escaped escaped}.
 */
final class AvroNames {

    private static final Pattern VALID = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private AvroNames() {
    }

    /** {@code name} itself when it is a valid Avro name, else {@link #escaped}. */
    static String valid(String name) {
        return VALID.matcher(name).matches() ? name : escaped(name);
    }

    /**
     * An injective escape into a valid Avro name, so that two different inputs never give one name: letters and
     * digits stay (a leading digit is escaped), {@code _} becomes {@code __}, any other character {@code _hh}
     * (its UTF-8 bytes in lower-case hex). {@code contoso-app} → {@code contoso_2dapp}, {@code my_org} →
     * {@code my__org}, {@code 1org} → {@code _31org}.
     */
    static String escaped(String name) {
        StringBuilder escaped = new StringBuilder(name.length() + 8);
        byte[] bytes = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean letter = (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z');
            boolean digit = b >= '0' && b <= '9';
            if (letter || (digit && i > 0)) {
                escaped.append((char) b);
            } else if (b == '_') {
                escaped.append("__");
            } else {
                escaped.append('_').append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 0xf, 16));
            }
        }
        return escaped.toString();
    }
}
