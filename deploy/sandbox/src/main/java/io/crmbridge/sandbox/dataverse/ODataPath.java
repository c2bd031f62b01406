package io.crmbridge.sandbox.dataverse;

import java.util.ArrayList;
import java.util.List;

/**
 * The resource path below the API root, split into segments such as {@code accounts(accountnumber='A/1')},
 * {@code contact_customer_accounts} and {@code $ref}; slashes and parentheses inside quoted key values are kept.
 */
record ODataPath(List<Segment> segments) {

    /** A path segment: a name and, for {@code name(...)}, the key text between the parentheses. */
    record Segment(String name, String key) {
        boolean hasKey() {
            return key != null;
        }
    }

    static ODataPath parse(String path) {
        List<Segment> segments = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        int depth = 0;
        for (char c : path.toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
            }
            if (c == '/' && !quoted && depth == 0) {
                add(segments, current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        add(segments, current.toString());
        return new ODataPath(segments);
    }

    int size() {
        return segments.size();
    }

    Segment get(int index) {
        return segments.get(index);
    }

    private static void add(List<Segment> segments, String text) {
        if (text.isEmpty()) {
            return;
        }
        int open = text.indexOf('(');
        if (open > 0 && text.endsWith(")")) {
            segments.add(new Segment(text.substring(0, open), text.substring(open + 1, text.length() - 1)));
        } else {
            segments.add(new Segment(text, null));
        }
    }
}
