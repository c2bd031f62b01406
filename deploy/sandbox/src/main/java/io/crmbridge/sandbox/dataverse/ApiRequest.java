package io.crmbridge.sandbox.dataverse;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One Web API request, from HTTP or from a {@code $batch} part: method, the path below the API root
 * (percent-decoded, e.g. {@code accounts(accountnumber='A 1')}), query options, headers and body.
 *
 * @param apiBase the API root URLs in responses start with, e.g. {@code https://host/org/contoso/api/data/v9.2}
 * @param scope    the transaction its writes join
 * @param callerId the caller's object id (token {@code oid})
 * @param batchPart true for an operation inside a {@code $batch}
 */
record ApiRequest(String method, String path, String rawQuery, Map<String, String> query, Map<String, String> headers,
                  byte[] body, Org org, String apiBase, TransactionScope scope, String callerId, boolean batchPart) {

    static ApiRequest of(String method, String path, String rawQuery, Map<String, String> headers, byte[] body,
                         Org org, String apiBase, String callerId) {
        return new ApiRequest(method, path, rawQuery == null ? "" : rawQuery, queryOptions(rawQuery), headers,
                body, org, apiBase, TransactionScope.standalone(org), callerId, false);
    }

    /** An operation of a {@code $batch}, its writes joining {@code scope}. */
    ApiRequest part(String partMethod, String partPath, String partQuery, Map<String, String> partHeaders,
                    byte[] partBody, TransactionScope partScope) {
        return new ApiRequest(partMethod, partPath, partQuery == null ? "" : partQuery, queryOptions(partQuery),
                partHeaders, partBody, org, apiBase, partScope, callerId, true);
    }

    String header(String name) {
        return headers.get(name);
    }

    Prefer prefer() {
        return Prefer.parse(header("Prefer"));
    }

    /** Headers looked up case-insensitively; repeated headers joined with a comma, as HTTP allows. */
    static Map<String, String> headerMap() {
        return new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    }

    static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    /** Decodes a path, where {@code +} is a plus sign rather than a space. */
    static String decodePath(String rawPath) {
        return URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static Map<String, String> queryOptions(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Map.of();
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            options.put(name, value);
        }
        return Collections.unmodifiableMap(options);
    }
}
