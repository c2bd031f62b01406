package io.crmbridge.sandbox.identity;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import io.crmbridge.sandbox.identity.DeviceCodes.DeviceAuthorization;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The device authorization endpoint ({@code /{tenant}/oauth2/v2.0/devicecode}, {@code /adfs/oauth2/devicecode}) and
 * the page where a person enters the user code and signs in ({@code /devicelogin}, {@code /adfs/oauth2/deviceauth}).
 */
final class DeviceCodeEndpoint {

    private static final OAuthError CODE_DID_NOT_WORK = new OAuthError(400, "invalid_request", null,
            "That code didn't work. Check the code and try again.", null);

    private final Directory directory;
    private final DeviceCodes codes;
    private final Tenant tenant;
    private final Clock clock;
    private final Supplier<Lifetimes> lifetimes;
    private final Duration pollInterval;
    private final Replies replies;

    DeviceCodeEndpoint(Directory directory, DeviceCodes codes, Tenant tenant, Clock clock,
                       Supplier<Lifetimes> lifetimes, Duration pollInterval, Replies replies) {
        this.directory = directory;
        this.codes = codes;
        this.tenant = tenant;
        this.clock = clock;
        this.lifetimes = lifetimes;
        this.pollInterval = pollInterval;
        this.replies = replies;
    }

    Mono<ServerResponse> start(ServerRequest request, Authority authority) {
        String correlationId = Replies.correlationId(request);
        return Form.body(request).flatMap(form -> {
            Checked<Map<String, Object>> answer = begin(form, authority);
            return answer.isRefused() ? replies.error(answer.error(), authority.realm(), correlationId)
                    : replies.json(200, answer.value(), correlationId, UUID.randomUUID().toString());
        });
    }

    Mono<ServerResponse> page(ServerRequest request, Authority authority) {
        String userCode = request.queryParam("user_code").orElse("");
        return Replies.html(200, Pages.deviceLogin(realmName(authority), authority.verificationUri(), userCode, "",
                null));
    }

    Mono<ServerResponse> submit(ServerRequest request, Authority authority) {
        return Form.body(request).flatMap(form -> answer(form, authority));
    }

    /** Approves {@code userCode} for {@code user}, as if they signed in on the page; false if unknown or expired. */
    boolean approve(String userCode, DirectoryUser user) {
        Session session = new Session(user, clock.instant(), directory.policy(user).mfaRequired());
        return codes.answer(userCode, session, false, clock.instant());
    }

    private Checked<Map<String, Object>> begin(Form form, Authority authority) {
        if (!authority.isAdfs() && !tenant.answersTo(authority.segment())) {
            return Checked.refused(EntraErrors.unknownTenant(authority.segment()));
        }
        String clientId = form.get("client_id");
        if (clientId == null || !authority.isAdfs() && !form.has("scope")) {
            return Checked.refused(EntraErrors.missingParameter(clientId == null ? "client_id" : "scope"));
        }
        if (directory.client(clientId, authority.realm()).isEmpty()) {
            return Checked.refused(authority.isAdfs()
                    ? AdfsErrors.unknownClient() : EntraErrors.unknownClient(clientId, tenant));
        }
        Duration lifetime = lifetimes.get().deviceCode();
        DeviceAuthorization code = codes.start(clientId, authority.realm(), Scopes.requested(form, authority.isAdfs()),
                clock.instant().plus(lifetime));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("user_code", code.userCode());
        body.put("device_code", code.deviceCode());
        body.put("verification_uri", authority.verificationUri());
        body.put("expires_in", lifetime.getSeconds());
        body.put("interval", pollInterval.getSeconds());
        body.put("message", "To sign in, use a web browser to open the page " + authority.verificationUri()
                + " and enter the code " + code.userCode() + " to authenticate.");
        return Checked.ok(body);
    }

    private Mono<ServerResponse> answer(Form form, Authority authority) {
        String userCode = form.values().getOrDefault("user_code", "");
        String username = form.values().getOrDefault("username", "");
        if ("deny".equals(form.get("consent"))) {
            boolean known = codes.answer(userCode, null, true, clock.instant());
            return known ? Replies.html(200, Pages.message("Sign in canceled", "You have declined to sign in to"
                    + " the application on your device.")) : retry(authority, userCode, username, CODE_DID_NOT_WORK);
        }
        Optional<DirectoryUser> user = directory.user(username);
        if (user.isEmpty() || !user.get().password().equals(form.values().getOrDefault("password", ""))) {
            return retry(authority, userCode, username,
                    user.isEmpty() ? GrantErrors.unknownUser(username, tenant) : GrantErrors.badPassword());
        }
        if (!approve(userCode, user.get())) {
            return retry(authority, userCode, username, CODE_DID_NOT_WORK);
        }
        return Replies.html(200, Pages.message("You're signed in", "You have signed in to the application on your"
                + " device. You may now close this window."));
    }

    private static Mono<ServerResponse> retry(Authority authority, String userCode, String username, OAuthError error) {
        return Replies.html(200, Pages.deviceLogin(realmName(authority), authority.verificationUri(), userCode,
                username, error));
    }

    private static String realmName(Authority authority) {
        return authority.isAdfs() ? "AD FS" : "Microsoft Entra ID";
    }
}
