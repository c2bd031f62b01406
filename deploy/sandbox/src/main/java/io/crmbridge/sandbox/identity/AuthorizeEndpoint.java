package io.crmbridge.sandbox.identity;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.crmbridge.sandbox.identity.AuthorizationCodes.AuthorizationCode;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * {@code /{tenant}/oauth2/v2.0/authorize} and {@code /adfs/oauth2/authorize}. GET shows a sign-in and consent page
 * whose form carries the request; POST signs the user in and answers per {@code response_mode}: {@code query}
 * (default here) or {@code fragment} with a 302, {@code form_post} (MSAL4J's default) with a self-posting page.
 */
final class AuthorizeEndpoint {

    private final AuthorizeRules rules;
    private final Directory directory;
    private final AuthorizationCodes codes;
    private final Tenant tenant;
    private final Clock clock;
    private final String traceSeparator;

    AuthorizeEndpoint(AuthorizeRules rules, Directory directory, AuthorizationCodes codes, Tenant tenant,
                      Clock clock, String traceSeparator) {
        this.rules = rules;
        this.directory = directory;
        this.codes = codes;
        this.tenant = tenant;
        this.clock = clock;
        this.traceSeparator = traceSeparator;
    }

    Mono<ServerResponse> show(ServerRequest request, Authority authority) {
        Form form = Form.of(request.queryParams());
        return answer(rules.check(form, authority), form, authority,
                accepted -> Replies.html(200, Pages.signIn(page(form, authority, accepted.client(), null))));
    }

    Mono<ServerResponse> submit(ServerRequest request, Authority authority) {
        return Form.body(request).flatMap(form -> answer(rules.check(form, authority), form, authority,
                accepted -> signIn(form, authority, accepted)));
    }

    private Mono<ServerResponse> answer(AuthorizeCheck check, Form form, Authority authority,
                                        Function<AuthorizeCheck.Accepted, Mono<ServerResponse>> next) {
        if (check instanceof AuthorizeCheck.ErrorPage page) {
            return Replies.html(page.error().status(), Pages.message("Sign in", describe(page.error(), authority)));
        }
        if (check instanceof AuthorizeCheck.ErrorRedirect redirect) {
            return deliver(redirect.target(), form, errorParameters(redirect.error(), authority));
        }
        return next.apply((AuthorizeCheck.Accepted) check);
    }

    private Mono<ServerResponse> signIn(Form form, Authority authority, AuthorizeCheck.Accepted accepted) {
        if ("deny".equals(form.get("consent"))) {
            return deliver(accepted.target(), form, errorParameters(GrantErrors.consentDeclined(), authority));
        }
        Optional<DirectoryUser> user = directory.user(form.get("username"));
        if (user.isEmpty() || !user.get().password().equals(form.values().getOrDefault("password", ""))) {
            OAuthError error = user.isEmpty()
                    ? GrantErrors.unknownUser(String.valueOf(form.get("username")), tenant) : GrantErrors.badPassword();
            return Replies.html(200, Pages.signIn(page(form, authority, accepted.client(), error)));
        }
        Instant now = clock.instant();
        // Signing in interactively satisfies MFA when the user's policy asks for it.
        Session session = new Session(user.get(), now, directory.policy(user.get()).mfaRequired());
        String code = codes.issue(new AuthorizationCode(accepted.client().clientId(), authority.realm(),
                form.get("redirect_uri"), requestedScopes(form, authority), form.get("code_challenge"),
                form.get("code_challenge_method"), form.get("nonce"), session, now));
        return deliver(accepted.target(), form, Map.of("code", code));
    }

    private Mono<ServerResponse> deliver(URI target, Form form, Map<String, String> parameters) {
        Map<String, String> all = new LinkedHashMap<>(parameters);
        form.optional("state").ifPresent(state -> all.put("state", state));
        String mode = form.optional("response_mode").orElse("query");
        if ("form_post".equals(mode)) {
            return Replies.html(200, Pages.formPost(target.toString(), all));
        }
        String encoded = all.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        if ("fragment".equals(mode)) {
            return Replies.redirect(URI.create(target + "#" + encoded));
        }
        return Replies.redirect(URI.create(target + (target.getRawQuery() == null ? "?" : "&") + encoded));
    }

    private Map<String, String> errorParameters(OAuthError error, Authority authority) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("error", error.error());
        parameters.put("error_description", describe(error, authority));
        return parameters;
    }

    private String describe(OAuthError error, Authority authority) {
        Object description = error.body(authority.realm(), clock.instant(), UUID.randomUUID().toString(),
                UUID.randomUUID().toString(), traceSeparator).get("error_description");
        return String.valueOf(description);
    }

    private Pages.SignInPage page(Form form, Authority authority, AppRegistration client, OAuthError error) {
        Scopes scopes = requestedScopes(form, authority);
        String resource = scopes.audiences().isEmpty() ? "your profile" : String.join(", ", scopes.audiences());
        Map<String, String> carried = form.without("username", "password", "consent").values();
        return new Pages.SignInPage(authority.isAdfs() ? "AD FS" : "Microsoft Entra ID", tenant.displayName(),
                client.displayName(), resource, authority.authorizeEndpoint(), carried,
                form.optional("username").or(() -> form.optional("login_hint")).orElse(""), error);
    }

    private static Scopes requestedScopes(Form form, Authority authority) {
        return Scopes.requested(form, authority.isAdfs());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
