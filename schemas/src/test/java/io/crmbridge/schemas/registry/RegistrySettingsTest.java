package io.crmbridge.schemas.registry;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegistrySettingsTest {

    @Test
    void readsACommaSeparatedListOfUrls() {
        RegistrySettings settings = RegistrySettings.from(Map.of(
                "schema.registry.url", "http://a:8081/, http://b:8081"));

        assertThat(settings.urls()).containsExactly(URI.create("http://a:8081"), URI.create("http://b:8081"));
        assertThat(settings.basicAuth()).isEmpty();
        assertThat(settings.mockScope()).isEmpty();
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void takesCredentialsFromUserInfoWhenToldSo() {
        RegistrySettings settings = RegistrySettings.from(Map.of(
                "schema.registry.url", List.of("https://registry:8081"),
                "basic.auth.credentials.source", "USER_INFO",
                "basic.auth.user.info", "svc-bridge:s3cret"));

        assertThat(settings.basicAuth()).map(RegistrySettings.BasicAuth::header)
                .contains("Basic c3ZjLWJyaWRnZTpzM2NyZXQ=");
        assertThat(settings.toString()).contains("svc-bridge").doesNotContain("s3cret");
    }

    @Test
    void takesCredentialsFromTheUrlByDefaultAndKeepsThemOutOfTheUrl() {
        RegistrySettings settings = RegistrySettings.from(Map.of(
                "schema.registry.url", "https://svc-bridge:s3cret@registry:8081/base"));

        assertThat(settings.urls()).containsExactly(URI.create("https://registry:8081/base"));
        assertThat(settings.basicAuth()).map(RegistrySettings.BasicAuth::userInfo).contains("svc-bridge:s3cret");
        assertThat(settings.toString()).doesNotContain("s3cret");
    }

    @Test
    void readsTheScopeOfAMockUrl() {
        assertThat(RegistrySettings.from(Map.of("schema.registry.url", "mock://tests")).mockScope()).contains("tests");
        assertThatThrownBy(() -> RegistrySettings.from(Map.of("schema.registry.url", "mock://a,mock://b")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("only one mock scope");
    }

    @Test
    void refusesMissingOrBrokenSettingsNamingTheKeyButNeverTheSecret() {
        assertThatThrownBy(() -> RegistrySettings.from(Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("schema.registry.url");
        assertThatThrownBy(() -> RegistrySettings.from(Map.of("schema.registry.url", "http://x",
                "basic.auth.credentials.source", "USER_INFO")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("basic.auth.user.info");
        assertThatThrownBy(() -> RegistrySettings.from(Map.of("schema.registry.url", "http://x",
                "basic.auth.credentials.source", "SASL_INHERIT")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("basic.auth.credentials.source");
        assertThatThrownBy(() -> RegistrySettings.from(Map.of("schema.registry.url", "http://u:s3cret@bad host")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("malformed")
                .hasMessageNotContaining("s3cret");
    }
}
