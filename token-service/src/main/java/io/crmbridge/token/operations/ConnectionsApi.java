package io.crmbridge.token.operations;

import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import io.crmbridge.token.connection.AuthKind;
import io.crmbridge.token.connection.Connection;
import io.crmbridge.token.connection.ConnectionAdministration.Outcome;
import io.crmbridge.token.connection.ConnectionAdministration;
import io.crmbridge.token.connection.ConnectionDraft;
import io.crmbridge.crm.connection.ConnectionId;
import io.crmbridge.token.connection.Connections;
import io.crmbridge.token.oauth.OAuthSettings;
import io.crmbridge.token.oauth.SigningIn;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The admin API: create, list, show, update, delete, disable, enable and reconnect connections. An invalid
 * definition gets 400 with every problem listed; a definition from the service's YAML gets 409.
 */
@RestController
@RequestMapping("/api/connections")
class ConnectionsApi {

    private final Connections connections;
    private final ConnectionAdministration administration;
    private final Statuses statuses;
    private final SigningIn signingIn;
    private final OAuthSettings oauth;

    ConnectionsApi(Connections connections, ConnectionAdministration administration, Statuses statuses,
                   SigningIn signingIn, OAuthSettings oauth) {
        this.connections = connections;
        this.administration = administration;
        this.statuses = statuses;
        this.signingIn = signingIn;
        this.oauth = oauth;
    }

    @GetMapping
    List<ConnectionView> list() {
        return connections.all().stream().sorted(Comparator.comparing(c -> c.id().value()))
                .map(this::view).toList();
    }

    @GetMapping("/{id}")
    ResponseEntity<?> show(@PathVariable String id) {
        return find(id).<ResponseEntity<?>>map(c -> ResponseEntity.ok(view(c))).orElseGet(() -> notFound(id));
    }

    @PostMapping
    Mono<ResponseEntity<?>> create(@RequestBody ConnectionDraft draft) {
        return blocking(() -> answer(administration.create(draft), HttpStatus.CREATED));
    }

    @PutMapping("/{id}")
    Mono<ResponseEntity<?>> update(@PathVariable String id, @RequestBody ConnectionDraft draft) {
        return blocking(() -> answer(administration.update(ConnectionId.defined(id), draft), HttpStatus.OK));
    }

    @DeleteMapping("/{id}")
    Mono<ResponseEntity<?>> delete(@PathVariable String id) {
        return blocking(() -> answer(administration.delete(ConnectionId.defined(id)), HttpStatus.NO_CONTENT));
    }

    @PostMapping("/{id}/disable")
    Mono<ResponseEntity<?>> disable(@PathVariable String id) {
        return blocking(() -> answer(administration.disable(ConnectionId.defined(id)), HttpStatus.OK));
    }

    @PostMapping("/{id}/enable")
    Mono<ResponseEntity<?>> enable(@PathVariable String id) {
        return blocking(() -> answer(administration.enable(ConnectionId.defined(id)), HttpStatus.OK));
    }

    /**
     * What reconnecting takes: a browser link for authorization-code connections, a device code to enter for
     * device-code ones, and for app-only connections an immediate retry (after a configuration fix).
     */
    @PostMapping("/{id}/reconnect")
    Mono<ResponseEntity<?>> reconnect(@PathVariable String id) {
        return blocking(() -> {
            Optional<Connection> found = find(id);
            if (found.isEmpty()) {
                return notFound(id);
            }
            Connection c = found.get();
            if (c.authKind() == AuthKind.DEVICE_CODE) {
                return ResponseEntity.ok(signingIn.startDeviceCode(c.id()));
            }
            if (c.authKind() == AuthKind.CLIENT_CREDENTIALS) {
                signingIn.retry(c.id());
                return ResponseEntity.accepted().body(Map.of("retrying", true));
            }
            return ResponseEntity.ok(Map.of("connectUrl", oauth.connectUrl(c.id().value())));
        });
    }

    private ResponseEntity<?> answer(Outcome outcome, HttpStatus success) {
        if (outcome instanceof Outcome.Done done) {
            return done.connection().<ResponseEntity<?>>map(c -> ResponseEntity.status(success)
                            .location(URI.create("/api/connections/" + c.id())).body(view(c)))
                    .orElseGet(() -> ResponseEntity.status(success).build());
        }
        if (outcome instanceof Outcome.Refused refused) {
            return ResponseEntity.badRequest().body(Map.of("error", "invalid connection definition",
                    "problems", refused.problems()));
        }
        if (outcome instanceof Outcome.NotFound notFound) {
            return notFound(notFound.id().value());
        }
        return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", ((Outcome.Conflict) outcome).reason()));
    }

    private ConnectionView view(Connection c) {
        return ConnectionView.of(c, administration.configured(c.id()), statuses.of(c.id()));
    }

    private Optional<Connection> find(String id) {
        return ConnectionId.problem(id).isPresent() ? Optional.empty() : connections.find(ConnectionId.defined(id));
    }

    private static ResponseEntity<?> notFound(String id) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "no connection " + id));
    }

    private static Mono<ResponseEntity<?>> blocking(Callable<ResponseEntity<?>> work) {
        return Mono.fromCallable(work).subscribeOn(Schedulers.boundedElastic())
                .onErrorResume(SigningIn.Unavailable.class, e -> Mono.just(ResponseEntity.badRequest()
                        .body(Map.of("error", e.getMessage()))))
                .onErrorResume(IllegalArgumentException.class, e -> Mono.just(ResponseEntity.badRequest()
                        .body(Map.of("error", e.getMessage()))));
    }
}
