package io.crmbridge.action.execution;

import java.util.Optional;

import io.crmbridge.crm.failure.DataverseError;

/** What Dataverse answered to one write request (or one {@code $batch} part): a 2xx, or the error it sent. */
public sealed interface WriteResponse permits WriteResponse.Succeeded, WriteResponse.Failed {

    int status();

    /**
     * A 2xx answer.
     *
     * @param entityId the {@code OData-EntityId} header ({@code Location} in a batch): the URL of the row written,
     *                 when sent
     */
    record Succeeded(int status, Optional<String> entityId) implements WriteResponse {
        public Succeeded {
            if (status < 200 || status >= 300) {
                throw new IllegalArgumentException("a success is a 2xx, not " + status);
            }
        }
    }

    /** Any other answer, as crm-client read it (status 0: no answer, e.g. a {@code $batch} part not run). */
    record Failed(DataverseError error) implements WriteResponse {
        public Failed {
            if (error.status() >= 200 && error.status() < 300) {
                throw new IllegalArgumentException("a failure is no 2xx, not " + error.status());
            }
        }

        @Override
        public int status() {
            return error.status();
        }
    }

    static WriteResponse success(int status, String entityId) {
        return new Succeeded(status, Optional.ofNullable(entityId));
    }

    static WriteResponse failed(DataverseError error) {
        return new Failed(error);
    }

    /** An error answer without {@code Retry-After}. */
    static WriteResponse error(int status, String code, String message) {
        return new Failed(new DataverseError(status, code, message, Optional.empty()));
    }
}
