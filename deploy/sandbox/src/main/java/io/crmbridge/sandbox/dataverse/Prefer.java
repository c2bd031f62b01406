package io.crmbridge.sandbox.dataverse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code Prefer} header (reference §1.2): {@code return=representation}, {@code odata.maxpagesize=N},
 * {@code odata.track-changes}, {@code odata.include-annotations="..."}, {@code odata.continue-on-error}.
 * Values may come in one header separated by commas; commas inside quotes belong to the value.
 */
record Prefer(boolean returnRepresentation, Integer maxPageSize, boolean trackChanges, String includeAnnotations,
              boolean continueOnError) {

    static Prefer parse(String header) {
        boolean representation = false;
        boolean track = false;
        boolean continueOnError = false;
        Integer pageSize = null;
        String annotations = null;
        for (String preference : split(header)) {
            int equals = preference.indexOf('=');
            String name = (equals < 0 ? preference : preference.substring(0, equals)).trim().toLowerCase(Locale.ROOT);
            String value = equals < 0 ? "" : unquote(preference.substring(equals + 1).trim());
            switch (name) {
                case "return" -> representation = value.equalsIgnoreCase("representation");
                case "odata.track-changes" -> track = true;
                case "odata.continue-on-error" -> continueOnError = true;
                case "odata.maxpagesize" -> pageSize = pageSize(value);
                case "odata.include-annotations" -> annotations = value;
                default -> {
                }
            }
        }
        return new Prefer(representation, pageSize, track, annotations, continueOnError);
    }

    private static Integer pageSize(String value) {
        try {
            int size = Integer.parseInt(value);
            return size > 0 ? size : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static List<String> split(String header) {
        List<String> parts = new ArrayList<>();
        if (header == null) {
            return parts;
        }
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : header.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                parts.add(current.toString().trim());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (!current.toString().isBlank()) {
            parts.add(current.toString().trim());
        }
        return parts;
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }
}
