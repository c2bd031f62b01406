package io.crmbridge.schemas.serde;

import org.apache.avro.util.ClassSecurityValidator;
import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;

/**
 * Avro 1.12 refuses to instantiate classes outside a trusted list when reading specific records. The generated
 * contracts live in {@code io.crmbridge.events}; the serde adds that package to whatever the JVM trusts (Avro's
 * defaults and its {@code org.apache.avro.SERIALIZABLE_*} properties), rather than asking every deployment for a
 * JVM flag. Re-checked on every serde construction, so it holds even after something else replaced the global
 * validator.
 */
final class EventsPackageTrust {

    static final String EVENTS_PACKAGE = "io.crmbridge.events";

    private static final ClassSecurityPredicate EVENTS =
            type -> type.getName().startsWith(EVENTS_PACKAGE + ".");
    private static ClassSecurityPredicate installed;

    private EventsPackageTrust() {
    }

    static synchronized void ensure() {
        ClassSecurityPredicate current = ClassSecurityValidator.getGlobal();
        if (current != installed) {
            installed = ClassSecurityValidator.composite(current, EVENTS);
            ClassSecurityValidator.setGlobal(installed);
        }
    }
}
