package io.crmbridge.sandbox.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.crmbridge.sandbox.SandboxTls;

/**
 * Drives the sandbox's sign-in pages over HTTPS the way a browser would: GET the page, post its form back with the
 * user's credentials, and stop at the redirect to the app (which a loopback app would receive).
 */
final class BrowserSignIn {

    private static final Pattern FORM = Pattern.compile("<form[^>]*method=\"(?:post|POST)\"[^>]*action=\"([^\"]*)\"");
    private static final Pattern HIDDEN =
            Pattern.compile("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">");

    private final HttpClient http = HttpClient.newBuilder().sslContext(SandboxTls.sslContext())
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /** Opens {@code authorizeUrl}, signs in as {@code username} and accepts; the sandbox's answer to the post. */
    HttpResponse<String> signIn(URL authorizeUrl, String username, String password) {
        return submit(authorizeUrl, username, password, "accept");
    }

    HttpResponse<String> submit(URL authorizeUrl, String username, String password, String consent) {
        HttpResponse<String> page = get(URI.create(authorizeUrl.toString()));
        if (page.statusCode() != 200) {
            throw new AssertionError("sign-in page answered " + page.statusCode() + ": " + page.body());
        }
        Map<String, String> fields = new LinkedHashMap<>(hiddenFields(page.body()));
        fields.put("username", username);
        fields.put("password", password);
        fields.put("consent", consent);
        return post(URI.create(formAction(page.body())), fields);
    }

    HttpResponse<String> get(URI uri) {
        return send(HttpRequest.newBuilder(uri).GET().build());
    }

    HttpResponse<String> post(URI uri, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /**
     * What reaches the app's redirect URI: the fields of the self-posting form ({@code response_mode=form_post},
     * which MSAL4J 1.26 always asks for) or the query / fragment parameters of a 302.
     */
    static Map<String, String> callbackParameters(HttpResponse<String> response) {
        if (response.statusCode() == 200 && response.body().contains("name=\"hiddenform\"")) {
            return hiddenFields(response.body());
        }
        return redirectParameters(response);
    }

    /** The query (or fragment) parameters of a redirect the sandbox answered with. */
    static Map<String, String> redirectParameters(HttpResponse<String> response) {
        String location = response.headers().firstValue("Location")
                .orElseThrow(() -> new AssertionError("no redirect: " + response.statusCode() + " " + response.body()));
        URI uri = URI.create(location);
        String raw = uri.getRawQuery() != null ? uri.getRawQuery() : uri.getRawFragment();
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            parameters.put(decode(pair.substring(0, equals)), decode(pair.substring(equals + 1)));
        }
        return parameters;
    }

    static Map<String, String> hiddenFields(String html) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher matcher = HIDDEN.matcher(html);
        while (matcher.find()) {
            fields.put(unescape(matcher.group(1)), unescape(matcher.group(2)));
        }
        return fields;
    }

    static String formAction(String html) {
        Matcher matcher = FORM.matcher(html);
        if (!matcher.find()) {
            throw new AssertionError("no form in " + html);
        }
        return unescape(matcher.group(1));
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String unescape(String html) {
        return html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}
