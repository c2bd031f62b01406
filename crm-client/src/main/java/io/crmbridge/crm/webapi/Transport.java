package io.crmbridge.crm.webapi;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/** Sends one HTTP request with Reactor Netty and collects status, headers and the whole body. */
final class Transport {

    private static final byte[] EMPTY = new byte[0];

    private final HttpClient http;

    Transport(HttpClient http) {
        this.http = http;
    }

    /** {@code url} is absolute and used exactly as given (nextLinks must not be re-encoded). */
    Mono<WebApiResponse> send(String method, String url, Map<String, String> headers, byte[] body,
                              Duration timeout) {
        HttpClient.RequestSender sender = http
                .headers(outgoing -> {
                    headers.forEach(outgoing::set);
                    if (body != null) {
                        outgoing.set("Content-Length", body.length);
                    }
                })
                .request(HttpMethod.valueOf(method))
                .uri(url);
        HttpClient.ResponseReceiver<?> receiver = body == null ? sender
                : sender.send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(body)));
        return receiver
                .responseSingle((response, content) -> content.asByteArray().defaultIfEmpty(EMPTY)
                        .map(bytes -> new WebApiResponse(response.status().code(),
                                copy(response.responseHeaders()), bytes)))
                .timeout(timeout);
    }

    private static Map<String, String> copy(HttpHeaders headers) {
        Map<String, String> copy = new HashMap<>();
        headers.forEach(header -> copy.merge(header.getKey(), header.getValue(), (a, b) -> a + "," + b));
        return copy;
    }
}
