package io.crmbridge.local;

/** Fixed local ports of the stack, so outside tools (a Kafka client, a browser, curl) know where to connect. */
record LocalStackSettings(int sandboxHttpsPort, int sandboxHttpPort, int tokenServicePort,
                          int pollerServicePort, int actionServicePort) {

    static LocalStackSettings defaults() {
        return new LocalStackSettings(8443, 8081, 8090, 8091, 8092);
    }
}
