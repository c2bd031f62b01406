package io.crmbridge.action.execution;

/** A job's outcome and how many times its request went out (0 when it was never sent). */
public record Done(Job job, WriteOutcome outcome, int attempts) {
}
