package io.crmbridge.action.dataverse;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.crmbridge.action.execution.Dataverse;
import io.crmbridge.action.execution.Exchange;
import io.crmbridge.action.execution.RequestFailure;
import io.crmbridge.action.execution.WriteRequest;
import io.crmbridge.action.execution.WriteResponse;
import io.crmbridge.crm.connection.ConnectionId;
import io.crmbridge.crm.failure.DataverseError;
import io.crmbridge.crm.failure.FailureKind;
import io.crmbridge.crm.webapi.Batch;
import io.crmbridge.crm.webapi.BatchPart;
import io.crmbridge.crm.webapi.BatchResponse;
import io.crmbridge.crm.webapi.Outcome;
import io.crmbridge.crm.webapi.WebApiResponse;
import reactor.core.publisher.Mono;

/**
 * Writes through crm-client's Web API client, which authenticates, paces each connection with its governor
 * (Retry-After, concurrency, adaptive rate) and retries whole requests; this adapter maps its outcomes to what
 * execution decides on. A request that got an answer Dataverse meant for the write (404, 412...) is passed on as
 * that answer, crm-client's {@link DataverseError} as it is, so the idempotency rules can read it.
 */
final class WebApiDataverse implements Dataverse {

    private final OrgConnections connections;

    WebApiDataverse(OrgConnections connections) {
        this.connections = connections;
    }

    @Override
    public CompletableFuture<Exchange> batch(ConnectionId connection, List<WriteRequest> requests) {
        Batch.Builder batch = Batch.builder();
        requests.forEach(request -> batch.add(request.webApi()));
        return connections.of(connection)
                .flatMap(api -> api.batch(batch.build(), true))
                .map(WebApiDataverse::answered)
                .switchIfEmpty(Mono.fromSupplier(() -> noToken(connection)))
                .toFuture();
    }

    @Override
    public CompletableFuture<Exchange> single(ConnectionId connection, WriteRequest request) {
        return connections.of(connection)
                .flatMap(api -> api.execute(request.webApi()))
                .map(WebApiDataverse::single)
                .switchIfEmpty(Mono.fromSupplier(() -> noToken(connection)))
                .toFuture();
    }

    private static Exchange answered(Outcome<BatchResponse> outcome) {
        if (outcome instanceof Outcome.Failure<BatchResponse> failure) {
            return unanswered(failure);
        }
        BatchResponse response = ((Outcome.Success<BatchResponse>) outcome).value();
        return new Exchange.Answered(response.parts().stream().map(WebApiDataverse::part).toList(), 1);
    }

    private static Exchange single(Outcome<WebApiResponse> outcome) {
        if (outcome instanceof Outcome.Success<WebApiResponse> success) {
            return new Exchange.Answered(List.of(success(success.value())), 1);
        }
        Outcome.Failure<WebApiResponse> failure = (Outcome.Failure<WebApiResponse>) outcome;
        if (failure.kind() == FailureKind.PERMANENT && failure.error().status() != 0) {
            return new Exchange.Answered(List.of(WriteResponse.failed(failure.error())), failure.attempts());
        }
        return unanswered(failure);
    }

    private static WriteResponse part(BatchPart part) {
        if (part.response().isEmpty()) {
            return WriteResponse.failed(new DataverseError(0, "", "Dataverse did not run this part of the $batch",
                    Optional.empty()));
        }
        return part.succeeded() ? success(part.response().get()) : WriteResponse.failed(part.error().orElseThrow());
    }

    private static WriteResponse success(WebApiResponse response) {
        return WriteResponse.success(response.status(),
                io.crmbridge.crm.webapi.WriteResponse.of(response).entityUrl().orElse(null));
    }

    private static Exchange unanswered(Outcome.Failure<?> failure) {
        DataverseError error = failure.error();
        return new Exchange.Unanswered(new RequestFailure(failure.kind(), error.status(), error.code(),
                error.message()), Math.max(failure.attempts(), 0));
    }

    private Exchange noToken(ConnectionId connection) {
        return new Exchange.Unanswered(new RequestFailure(FailureKind.UNAUTHORIZED, 0, "", "no access token for "
                + "connection " + connection + " within " + connections.tokenWait()), 0);
    }
}
