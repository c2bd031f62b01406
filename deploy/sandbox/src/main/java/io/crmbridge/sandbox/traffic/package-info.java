/**
 * A traffic generator that mutates one org's table at a steady rate through the in-process Dataverse API, for demos
 * and benchmarks; {@code TrafficGenerator#adminRoutes()} serves {@code /admin/traffic}.
 */
package io.crmbridge.sandbox.traffic;
