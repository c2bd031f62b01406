package io.crmbridge.token.oauth;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Callable;

import io.crmbridge.crm.connection.ConnectionId;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The browser side of connecting: {@code /connections/{id}/connect} sends the person to the authority with state
 * and PKCE (and a cookie binding the sign-in to their browser); {@code /oauth/callback} checks the state and
 * redeems the code. Device code and app-only retries start here too. Pages never echo a code or token.
 */
@RestController
class OAuthCallback {

    static final String BINDING_COOKIE = "crmbridge_signin";

    private final SigningIn signingIn;
    private final OAuthSettings settings;

    OAuthCallback(SigningIn signingIn, OAuthSettings settings) {
        this.signingIn = signingIn;
        this.settings = settings;
    }

    @GetMapping("/connections/{id}/connect")
    Mono<ResponseEntity<String>> connect(@PathVariable String id) {
        return blocking(() -> {
            SigningIn.Redirect redirect = signingIn.start(ConnectionId.defined(id));
            ResponseCookie cookie = ResponseCookie.from(BINDING_COOKIE, redirect.binding()).httpOnly(true)
                    .secure("https".equals(settings.publicUrl().getScheme())).sameSite("Lax").path("/oauth")
                    .maxAge(settings.signInLifetime()).build();
            return ResponseEntity.status(HttpStatus.FOUND).location(redirect.authorizationUrl())
                    .header("Set-Cookie", cookie.toString()).<String>build();
        });
    }

    @GetMapping("/oauth/callback")
    Mono<ResponseEntity<String>> callback(@RequestParam(required = false) String code,
                                          @RequestParam(required = false) String state,
                                          @RequestParam(required = false) String error,
                                          @RequestParam(name = "error_description", required = false) String description,
                                          ServerWebExchange exchange) {
        if (error != null) {
            return Mono.just(page(HttpStatus.BAD_REQUEST, "Sign-in was not completed",
                    "The identity provider answered " + error + (description == null ? "" : ": " + description)));
        }
        if (code == null || state == null) {
            return Mono.just(page(HttpStatus.BAD_REQUEST, "Sign-in refused", "The callback lacks a code or state."));
        }
        var cookie = exchange.getRequest().getCookies().getFirst(BINDING_COOKIE);
        String binding = cookie == null ? null : cookie.getValue();
        return blocking(() -> {
            SigningIn.SignedIn signedIn = signingIn.complete(code, state, binding);
            return page(HttpStatus.OK, "Connected", "Signed in to " + signedIn.connection()
                    + signedIn.account().map(a -> " as " + a).orElse("")
                    + ". The connection becomes ACTIVE in a moment; see the connections page.");
        });
    }

    @PostMapping(path = "/connections/{id}/device-code")
    Mono<ResponseEntity<String>> deviceCode(@PathVariable String id) {
        return blocking(() -> {
            SigningIn.DeviceSignIn sign = signingIn.startDeviceCode(ConnectionId.defined(id));
            return page(HttpStatus.OK, "Sign in with a device code", "Open " + sign.verificationUri()
                    + " and enter the code " + sign.userCode() + " before " + sign.expiresAt() + ".");
        });
    }

    @PostMapping("/connections/{id}/retry")
    Mono<ResponseEntity<String>> retry(@PathVariable String id) {
        return blocking(() -> {
            signingIn.retry(ConnectionId.defined(id));
            return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create("/connections")).<String>build();
        });
    }

    static <T> Mono<ResponseEntity<T>> blocking(Callable<ResponseEntity<T>> work) {
        return Mono.fromCallable(work).subscribeOn(Schedulers.boundedElastic())
                .timeout(Duration.ofSeconds(60))
                .onErrorResume(SigningIn.Unavailable.class, e -> Mono.just(problem(HttpStatus.BAD_REQUEST, e)))
                .onErrorResume(SignInStates.Refused.class, e -> Mono.just(problem(HttpStatus.BAD_REQUEST, e)))
                .onErrorResume(IllegalArgumentException.class, e -> Mono.just(problem(HttpStatus.NOT_FOUND, e)));
    }

    @SuppressWarnings("unchecked")
    private static <T> ResponseEntity<T> problem(HttpStatus status, Exception e) {
        return (ResponseEntity<T>) page(status, "Sign-in refused", e.getMessage());
    }

    private static ResponseEntity<String> page(HttpStatus status, String title, String text) {
        String html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
                + "</title></head><body><h1>" + escape(title) + "</h1><p id=\"message\">" + escape(text)
                + "</p><p><a href=\"/connections\">Connections</a></p></body></html>";
        return ResponseEntity.status(status).contentType(MediaType.TEXT_HTML).body(html);
    }

    static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&#39;");
    }
}
