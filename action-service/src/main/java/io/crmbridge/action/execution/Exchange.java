package io.crmbridge.action.execution;

import java.util.List;

/** What sending some write requests to Dataverse (alone or as one {@code $batch}) gave. */
public sealed interface Exchange permits Exchange.Answered, Exchange.Unanswered {

    /** How many times the request went out (retries of the whole request by the client included). */
    int attempts();

    /** One response per request, in the order they were sent. */
    record Answered(List<WriteResponse> responses, int attempts) implements Exchange {
        public Answered {
            responses = List.copyOf(responses);
        }
    }

    /**
     * The request as a whole failed after the client's own retries (throttled, an outage, no token): no request
     * of it took effect.
     */
    record Unanswered(RequestFailure failure, int attempts) implements Exchange {
    }
}
