package io.crmbridge.action.testing;

import java.util.ArrayDeque;
import java.util.Deque;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Closes a test class's shared fixtures (broker, sandbox) after everything else of the class, the Spring context
 * included: JUnit closes the class's store only after every extension's afterAll callback.
 */
public final class Fixtures implements BeforeAllCallback {

    private final Deque<AutoCloseable> fixtures = new ArrayDeque<>();

    /** Registers {@code fixture} to be closed, in reverse order of registration. */
    public <T extends AutoCloseable> T add(T fixture) {
        fixtures.push(fixture);
        return fixture;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(ExtensionContext.Namespace.create(Fixtures.class)).put("fixtures", (AutoCloseable) () -> {
            while (!fixtures.isEmpty()) {
                fixtures.pop().close();
            }
        });
    }
}
