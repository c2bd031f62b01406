package io.crmbridge.sandbox.identity;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

class RedirectUrisTest {

    @Test
    void ignoresThePortOfALocalhostRedirect() {
        assertThat(RedirectUris.match(List.of("http://localhost"), "http://localhost:54321"))
                .contains(URI.create("http://localhost:54321/"));
        assertThat(RedirectUris.match(List.of("http://localhost/oauth/callback"), "http://localhost:8080/oauth/callback"))
                .contains(URI.create("http://localhost:8080/oauth/callback"));
        assertThat(RedirectUris.match(List.of("http://127.0.0.1:1/cb"), "http://127.0.0.1:9999/cb")).isPresent();
    }

    @Test
    void comparesThePortOfOtherHosts() {
        assertThat(RedirectUris.match(List.of("https://app.example/cb"), "https://app.example:8443/cb")).isEmpty();
        assertThat(RedirectUris.match(List.of("https://app.example:8443/cb"), "https://app.example:8443/cb")).isPresent();
    }

    @Test
    void answersAPathlessUriWithATrailingSlash() {
        assertThat(RedirectUris.match(List.of("http://localhost"), "http://localhost"))
                .contains(URI.create("http://localhost/"));
    }

    @Test
    void matchesPathsCaseSensitively() {
        assertThat(RedirectUris.match(List.of("http://localhost/oauth/callback"), "http://localhost/OAuth/callback"))
                .isEmpty();
    }

    @Test
    void refusesAnotherPathSchemeQueryOrAFragment() {
        List<String> registered = List.of("http://localhost/oauth/callback");
        assertThat(RedirectUris.match(registered, "http://localhost/oauth/other")).isEmpty();
        assertThat(RedirectUris.match(registered, "https://localhost/oauth/callback")).isEmpty();
        assertThat(RedirectUris.match(registered, "http://localhost/oauth/callback?x=1")).isEmpty();
        assertThat(RedirectUris.match(registered, "http://localhost/oauth/callback#f")).isEmpty();
        assertThat(RedirectUris.match(registered, "http://evil.example/oauth/callback")).isEmpty();
        assertThat(RedirectUris.match(registered, "not a uri")).isEmpty();
    }

    @Test
    void treatsTheCodesRedirectAndTheTokenRequestsAsTheSameWhenOnlyTheTrailingSlashDiffers() {
        assertThat(RedirectUris.same("http://localhost:5000", "http://localhost:5000/")).isTrue();
        assertThat(RedirectUris.same("http://localhost:5000/cb", "http://localhost:5001/cb")).isFalse();
        assertThat(RedirectUris.same(null, null)).isTrue();
        assertThat(RedirectUris.same("http://localhost/cb", null)).isFalse();
    }

    @Test
    void registersHttpsAndHttpLoopbackOnly() {
        assertThatNoException().isThrownBy(() -> RedirectUris.requireRegistrable("https://app.example/cb"));
        assertThatNoException().isThrownBy(() -> RedirectUris.requireRegistrable("http://localhost"));
        assertThatNoException().isThrownBy(() -> RedirectUris.requireRegistrable("http://127.0.0.1:8400/cb"));
        assertThatIllegalArgumentException().isThrownBy(() -> RedirectUris.requireRegistrable("http://app.example/cb"));
        assertThatIllegalArgumentException().isThrownBy(() -> RedirectUris.requireRegistrable("http://[::1]/cb"));
    }

    @Test
    void refusesForbiddenCharactersWildcardsFragmentsAndLongUris() {
        assertThatIllegalArgumentException().isThrownBy(() -> RedirectUris.requireRegistrable("https://a.example/c;b"));
        assertThatIllegalArgumentException().isThrownBy(() -> RedirectUris.requireRegistrable("https://*.example/cb"));
        assertThatIllegalArgumentException().isThrownBy(() -> RedirectUris.requireRegistrable("https://a.example/cb#x"));
        assertThatIllegalArgumentException().isThrownBy(
                () -> RedirectUris.requireRegistrable("https://a.example/" + "x".repeat(240)));
    }
}
