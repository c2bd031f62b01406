package io.crmbridge.action.execution;

import io.crmbridge.crm.failure.FailureKind;

/**
 * Why a whole request failed, after the client's own retries.
 *
 * @param kind   how it failed, as crm-client's classification put it
 * @param status HTTP status (0 when no response came)
 */
public record RequestFailure(FailureKind kind, int status, String code, String message) {
}
