package io.crmbridge.sandbox.identity;

/** A value, or the refusal that stands in its way. */
record Checked<T>(T value, OAuthError error) {

    static <T> Checked<T> ok(T value) {
        return new Checked<>(value, null);
    }

    static <T> Checked<T> refused(OAuthError error) {
        return new Checked<>(null, error);
    }

    boolean isRefused() {
        return error != null;
    }
}
