package io.crmbridge.sandbox.admin;

/** A request body the admin API cannot use; {@link Admin} answers it with 400 and the message. */
final class BadRequest extends RuntimeException {

    BadRequest(String message) {
        super(message, null, false, false);
    }
}
