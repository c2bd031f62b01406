package io.crmbridge.sandbox.dataverse;

import java.util.ArrayList;
import java.util.List;

/**
 * Which instance annotations a client asked for with {@code Prefer: odata.include-annotations="..."}: a comma
 * list of names, {@code *} or {@code Namespace.*} wildcards (reference §1.4).
 */
record Annotations(boolean formattedValue, boolean associatedNavigationProperty, boolean lookupLogicalName,
                   String requested) {

    static final String FORMATTED_VALUE = "OData.Community.Display.V1.FormattedValue";
    static final String NAVIGATION_PROPERTY = "Microsoft.Dynamics.CRM.associatednavigationproperty";
    static final String LOOKUP_LOGICAL_NAME = "Microsoft.Dynamics.CRM.lookuplogicalname";
    static final Annotations NONE = new Annotations(false, false, false, null);

    static Annotations of(String requested) {
        if (requested == null || requested.isBlank()) {
            return NONE;
        }
        List<String> patterns = new ArrayList<>();
        for (String pattern : requested.split(",")) {
            patterns.add(pattern.trim());
        }
        return new Annotations(matches(patterns, FORMATTED_VALUE), matches(patterns, NAVIGATION_PROPERTY),
                matches(patterns, LOOKUP_LOGICAL_NAME), requested);
    }

    boolean any() {
        return formattedValue || associatedNavigationProperty || lookupLogicalName;
    }

    private static boolean matches(List<String> patterns, String annotation) {
        for (String pattern : patterns) {
            if (pattern.equals("*") || pattern.equalsIgnoreCase(annotation)
                    || pattern.endsWith(".*") && annotation.startsWith(pattern.substring(0, pattern.length() - 1))) {
                return true;
            }
        }
        return false;
    }
}
