package io.crmbridge.sandbox.identity;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ScopesTest {

    private static final String ORG = "https://localhost:8443/org/contoso";

    @Test
    void takesTheAudienceFromTheScopeWithoutItsLastSegment() {
        assertThat(Scopes.audienceOf(ORG + "/.default")).isEqualTo(ORG);
        assertThat(Scopes.audienceOf(ORG + "/user_impersonation")).isEqualTo(ORG);
        assertThat(Scopes.audienceOf(ORG + "//.default")).isEqualTo(ORG);
        assertThat(Scopes.audienceOf("https://contoso.crm.dynamics.com/.default"))
                .isEqualTo("https://contoso.crm.dynamics.com");
    }

    @Test
    void sendsScopesWithoutAUrlToGraph() {
        assertThat(Scopes.audienceOf("User.Read")).isEqualTo(Scopes.GRAPH);
    }

    @Test
    void separatesOpenIdScopesFromResourceScopes() {
        Scopes scopes = Scopes.parse("openid  " + ORG + "/user_impersonation profile offline_access");

        assertThat(scopes.resourceScopes()).containsExactly(ORG + "/user_impersonation");
        assertThat(scopes.openid()).isTrue();
        assertThat(scopes.offlineAccess()).isTrue();
        assertThat(scopes.audiences()).containsExactly(ORG);
        assertThat(scopes.wire()).isEqualTo(ORG + "/user_impersonation openid profile offline_access");
    }

    @Test
    void listsEachAudienceOnceInTheOrderAsked() {
        Scopes scopes = Scopes.parse(ORG + "/user_impersonation https://other.example/org/x/.default " + ORG + "/.default");

        assertThat(scopes.audiences()).containsExactly(ORG, "https://other.example/org/x");
        assertThat(scopes.forAudience(ORG).resourceScopes())
                .containsExactly(ORG + "/user_impersonation", ORG + "/.default");
        assertThat(scopes.allDefault()).isFalse();
    }

    @Test
    void readsTheAdfsResourceParameterAsTheAudience() {
        Form form = new Form(Map.of("resource", ORG + "/", "scope", "openid"));

        Scopes scopes = Scopes.requested(form, true);

        assertThat(scopes.audiences()).isEqualTo(List.of(ORG));
        assertThat(scopes.openid()).isTrue();
        assertThat(Scopes.requested(form, false).audiences()).isEmpty();
    }
}
