package com.microsoft.aad.msal4j;

import java.util.List;
import java.util.Map;

/**
 * Builds the exceptions MSAL4J itself throws for a token-endpoint response (its package-private
 * MsalServiceExceptionFactory), so the classification is tested against what MSAL really produces.
 */
public final class MsalResponses {

    private MsalResponses() {
    }

    public static MsalServiceException exceptionFor(int status, String body) {
        return exceptionFor(status, body, Map.of());
    }

    public static MsalServiceException exceptionFor(int status, String body, Map<String, List<String>> headers) {
        HttpResponse response = new HttpResponse().statusCode(status).body(body);
        response.addHeaders(headers);
        return MsalServiceExceptionFactory.fromHttpResponse(response);
    }
}
