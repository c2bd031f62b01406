package io.crmbridge.action.table;

/**
 * One way to write a lookup column: the single-valued navigation property that sets {@code column} to a row of
 * {@code targetTable}, e.g. {@code parentcustomerid_account} sets {@code parentcustomerid} to an account.
 */
public record LookupColumn(String navigationProperty, String column, String targetTable) {
}
