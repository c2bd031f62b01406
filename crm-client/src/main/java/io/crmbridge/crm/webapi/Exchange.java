package io.crmbridge.crm.webapi;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Predicate;

import io.crmbridge.crm.connection.ConnectionId;
import io.crmbridge.crm.failure.DataverseError;
import io.crmbridge.crm.failure.ErrorBodies;
import io.crmbridge.crm.failure.FailureClassification;
import io.crmbridge.crm.failure.FailureKind;
import io.crmbridge.crm.failure.Verdict;
import io.crmbridge.crm.governor.Governor;
import io.crmbridge.crm.governor.Permit;
import io.crmbridge.crm.token.AccessToken;
import io.crmbridge.crm.token.AccessTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Sends one logical request of a connection until it has an outcome: takes the current token, waits for the
 * governor, sends, and on failure does what {@link FailureClassification} decides — wait and resend, renew the
 * token once, or give up with a {@link Outcome.Failure}.
 */
final class Exchange {

    private static final Logger log = LoggerFactory.getLogger(Exchange.class);
    private static final Duration DEFAULT_THROTTLE = Duration.ofSeconds(1);

    private final ConnectionId connection;
    private final String apiBase;
    private final AccessTokens tokens;
    private final Governor governor;
    private final Transport transport;
    private final FailureClassification classification;
    private final WebApiSettings settings;
    private final Clock clock;

    Exchange(ConnectionId connection, String apiBase, AccessTokens tokens, Governor governor, Transport transport,
             WebApiSettings settings, Clock clock) {
        this.connection = connection;
        this.apiBase = apiBase;
        this.tokens = tokens;
        this.governor = governor;
        this.transport = transport;
        this.classification = new FailureClassification(settings.retry());
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * @param accepts which responses are answers (read by {@code reader}) rather than errors; usually 2xx
     * @param reader  turns an accepted response into the call's value
     */
    <T> Mono<Outcome<T>> run(WebApiRequest request, Predicate<WebApiResponse> accepts,
                             Function<WebApiResponse, T> reader) {
        String url = request.isAbsolute() ? request.url() : apiBase + "/" + request.url();
        return attempt(new Call<>(request, url, accepts, reader), 1, false);
    }

    private record Call<T>(WebApiRequest request, String url, Predicate<WebApiResponse> accepts,
                           Function<WebApiResponse, T> reader) {
    }

    private <T> Mono<Outcome<T>> attempt(Call<T> call, int attempt, boolean reauthenticated) {
        return tokens.current(connection)
                .timeout(settings.tokenWait())
                // A token source that is shutting down completes empty: that is no token either.
                .switchIfEmpty(Mono.error(TimeoutException::new))
                .flatMap(token -> send(call, token)
                        .flatMap(response -> decide(call, response, token, attempt, reauthenticated)))
                .onErrorResume(TimeoutException.class, noToken -> Mono.just(failure(new DataverseError(401, "",
                        "no access token for connection " + connection + " within " + settings.tokenWait(),
                        Optional.empty()), FailureKind.UNAUTHORIZED, attempt - 1)));
    }

    /** Sends once through the governor; a missing response becomes a status-0 response. */
    private Mono<Answer> send(Call<?> call, AccessToken token) {
        return governor.acquire().flatMap(permit -> transport
                .send(call.request().method(), call.url(), headers(call.request(), token), call.request().body(),
                        settings.requestTimeout())
                .map(response -> new Answer(response, null))
                .onErrorResume(error -> Mono.just(new Answer(null, DataverseError.noResponse(error))))
                .doOnNext(answer -> report(permit, answer))
                .doFinally(signal -> permit.finished()));
    }

    private <T> Mono<Outcome<T>> decide(Call<T> call, Answer answer, AccessToken token, int attempt,
                                        boolean reauthenticated) {
        if (answer.response() != null && call.accepts().test(answer.response())) {
            return Mono.just(new Outcome.Success<>(call.reader().apply(answer.response())));
        }
        DataverseError error = answer.error(clock);
        Verdict verdict = classification.classify(error, attempt, reauthenticated);
        if (verdict instanceof Verdict.Retry retry) {
            log.info("{} of connection {} failed with {}, retry {} of {} in {}", call.request().method(),
                    connection, error.label(), attempt, settings.retry().maxAttempts() - 1, retry.delay());
            // After a 429 the governor already holds every request of the connection for Retry-After.
            Mono<Long> wait = retry.throttled() ? Mono.just(0L) : Mono.delay(retry.delay());
            return wait.then(Mono.defer(() -> attempt(call, attempt + 1, reauthenticated)));
        }
        if (verdict instanceof Verdict.Reauthenticate) {
            log.info("{} of connection {} got 401 with token generation {}; asking for a newer token",
                    call.request().method(), connection, token.generation());
            return tokens.renewed(connection, token)
                    .timeout(settings.tokenWait())
                    .switchIfEmpty(Mono.error(TimeoutException::new))
                    .flatMap(renewed -> attempt(call, attempt + 1, true))
                    .onErrorResume(TimeoutException.class, noToken -> Mono.just(
                            failure(error, FailureKind.UNAUTHORIZED, attempt)));
        }
        return Mono.just(failure(error, ((Verdict.GiveUp) verdict).kind(), attempt));
    }

    private void report(Permit permit, Answer answer) {
        WebApiResponse response = answer.response();
        if (response != null && response.status() == 429) {
            permit.throttled(ErrorBodies.retryAfter(response.header("Retry-After").orElse(null), clock.instant())
                    .orElse(DEFAULT_THROTTLE));
        } else if (response != null && response.status() < 400) {
            permit.succeeded();
        } else {
            permit.finished();
        }
    }

    private static Map<String, String> headers(WebApiRequest request, AccessToken token) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        headers.put("OData-MaxVersion", "4.0");
        headers.put("OData-Version", "4.0");
        if (request.method().equals("GET")) {
            // Defeats caching of GETs; on writes If-None-Match has a meaning of its own (upsert), so not there.
            headers.put("If-None-Match", "null");
        }
        headers.putAll(request.headers());
        headers.put("Authorization", "Bearer " + token.value());
        return headers;
    }

    private static <T> Outcome<T> failure(DataverseError error, FailureKind kind, int attempts) {
        return new Outcome.Failure<>(error, kind, attempts);
    }

    /** A response, or why there was none. */
    private record Answer(WebApiResponse response, DataverseError noResponse) {
        DataverseError error(Clock clock) {
            if (noResponse != null) {
                return noResponse;
            }
            return ErrorBodies.parse(response.status(), response.body(),
                    response.header("Retry-After").orElse(null), clock.instant());
        }
    }
}
