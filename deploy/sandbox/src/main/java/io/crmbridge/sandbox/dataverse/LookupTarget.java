package io.crmbridge.sandbox.dataverse;

/**
 * One table a lookup column may point to.
 *
 * @param table                logical name of the referenced table
 * @param navigationProperty   single-valued navigation property on the referencing table (used with
 *                             {@code @odata.bind} and {@code $ref}); case-sensitive, e.g. {@code cr123_AccountId}
 * @param collectionProperty   collection-valued navigation property on the referenced table, e.g.
 *                             {@code contact_customer_accounts}
 */
record LookupTarget(String table, String navigationProperty, String collectionProperty) {
}
