package io.crmbridge.poller.typed;

/** The envelope's {@code op}, Debezium's codes. */
public enum Operation {
    CREATE("c"), UPDATE("u"), DELETE("d"), READ("r");

    private final String code;

    Operation(String code) {
        this.code = code;
    }

    /** {@code c}, {@code u}, {@code d} or {@code r}. */
    public String code() {
        return code;
    }
}
