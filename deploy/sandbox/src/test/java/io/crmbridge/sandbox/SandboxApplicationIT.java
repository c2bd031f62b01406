package io.crmbridge.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.crmbridge.sandbox.dataverse.Dataverse;
import io.crmbridge.sandbox.identity.Lifetimes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(OutputCaptureExtension.class)
class SandboxApplicationIT {

    private final HttpClient client = HttpClient.newBuilder().sslContext(SandboxTls.sslContext())
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void startsOnTheConfiguredPortsPrintsItsUrlsAnswersAndStopsCleanly(CapturedOutput output) throws Exception {
        URI admin;
        URI registry;
        try (ConfigurableApplicationContext app = SandboxApplication.application()
                .run("--sandbox.https-port=0", "--sandbox.http-port=0")) {
            Sandbox sandbox = app.getBean(Sandbox.class);
            String orgUrl = sandbox.dataverse().org(Dataverse.SEEDED_ORG).url();
            admin = URI.create(sandbox.httpsBase() + "/admin");
            registry = URI.create(sandbox.registryUrl() + "/subjects");

            assertThat(output).contains("sandbox.https-base=" + sandbox.httpsBase(), "sandbox.org-url=" + orgUrl,
                    "sandbox.registry-url=" + sandbox.registryUrl(), "sandbox.admin-url=" + admin);
            assertThat(get(URI.create(orgUrl + "/api/data/v9.2/accounts?$top=1"),
                    "Authorization", "Bearer " + sandbox.appAccessToken(orgUrl)).statusCode()).isEqualTo(200);
            assertThat(get(registry).statusCode()).isEqualTo(200);
            assertThat(get(admin).statusCode()).isEqualTo(200);
            assertThat(get(URI.create(sandbox.httpBase() + "/admin/clock")).statusCode()).isEqualTo(200);
        }

        // Closed means closed: no answers on new connections nor on the keep-alive ones this client still holds.
        assertThatThrownBy(() -> get(admin)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> get(registry)).isInstanceOf(IOException.class);
    }

    @Test
    void bindsLifetimesFromConfigurationAndKeepsDefaultsForTheRest() {
        try (ConfigurableApplicationContext app = SandboxApplication.application().run("--sandbox.https-port=0",
                "--sandbox.http-port=0", "--sandbox.identity.access-token-lifetime=5m",
                "--sandbox.dataverse.change-tracking-retention=2d")) {
            SandboxSettings settings = app.getBean(SandboxProperties.class).toSettings();

            assertThat(settings.identity().accessTokenLifetime()).isEqualTo(Duration.ofMinutes(5));
            assertThat(settings.identity().lifetimes().refreshTokenInactivity())
                    .isEqualTo(Lifetimes.defaults().refreshTokenInactivity());
            assertThat(settings.dataverse().changeTrackingRetention()).isEqualTo(Duration.ofDays(2));
        }
    }

    @Test
    void refusesToStartWithAnInvalidPortOrLifetime() {
        assertThatThrownBy(() -> SandboxApplication.application().run("--sandbox.https-port=70000"))
                .hasStackTraceContaining("httpsPort");
        assertThatThrownBy(() -> SandboxApplication.application().run("--sandbox.https-port=0",
                "--sandbox.http-port=0", "--sandbox.identity.access-token-lifetime=0s"))
                .hasStackTraceContaining("accessTokenLifetime");
    }

    private HttpResponse<String> get(URI uri, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5));
        return client.send((headers.length == 0 ? request : request.headers(headers)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
