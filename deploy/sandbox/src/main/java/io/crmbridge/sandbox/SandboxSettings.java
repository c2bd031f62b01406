package io.crmbridge.sandbox;

import io.crmbridge.sandbox.dataverse.DataverseSettings;
import io.crmbridge.sandbox.identity.IdentitySettings;

/**
 * How a sandbox starts. Port 0 picks a free port (tests); the runnable app and the local stack use fixed ports.
 *
 * @param host       host name in every URL the sandbox hands out (the TLS certificate covers localhost and 127.0.0.1)
 * @param httpsPort  Dataverse, Entra ID / AD FS and the admin API, over HTTPS
 * @param httpPort   the schema registry and the admin API, over plain HTTP (for tools outside the JVM)
 */
public record SandboxSettings(String host, int httpsPort, int httpPort, IdentitySettings identity,
                              DataverseSettings dataverse) {

    /** Random ports and the documented defaults: what tests start. */
    public static SandboxSettings defaults() {
        return new SandboxSettings("localhost", 0, 0, IdentitySettings.defaults(), DataverseSettings.defaults());
    }

    public SandboxSettings withPorts(int https, int http) {
        return new SandboxSettings(host, https, http, identity, dataverse);
    }

    public SandboxSettings withIdentity(IdentitySettings settings) {
        return new SandboxSettings(host, httpsPort, httpPort, settings, dataverse);
    }

    public SandboxSettings withDataverse(DataverseSettings settings) {
        return new SandboxSettings(host, httpsPort, httpPort, identity, settings);
    }
}
