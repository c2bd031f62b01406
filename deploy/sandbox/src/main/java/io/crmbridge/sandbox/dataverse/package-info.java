/**
 * The sandbox's Dataverse Web API v9.2 ({@code {httpsBase}/org/{org}/api/data/v9.2/...}), following
 * shared/reference/dataverse-webapi.md; behaviours the reference marks UNVERIFIED are {@link
 * io.crmbridge.sandbox.dataverse.DataverseSettings}.
 *
 * <p>How it is built:
 * <ul>
 *   <li>{@code Dataverse} holds the orgs; an {@code Org} holds one {@code Rows} store per table, a row-version
 *   counter and its service-protection limits. {@code Table} is the in-process API for tests, the admin API and the
 *   traffic generator.</li>
 *   <li>Rows are immutable; {@code Rows} indexes them by primary key (hashed, and sorted for paging), by version (so a
 *   delta of k changes reads k index entries) and by alternate key, and keeps tombstones by version.</li>
 *   <li>Writes take the org's lock and run in a {@code Transaction} that stages them and applies them together on
 *   commit, so a change set rolls back without leaving a trace; reads take no lock and see only committed
 *   versions.</li>
 *   <li>{@code WebApi} routes transport-free requests; {@code DataverseHttp} adds HTTP, authentication and
 *   throttling, and {@code Batches} feeds {@code $batch} parts through the same {@code WebApi}.</li>
 *   <li>Responses are written with Jackson's streaming generator straight into the transport's buffer.</li>
 * </ul>
 */
package io.crmbridge.sandbox.dataverse;
