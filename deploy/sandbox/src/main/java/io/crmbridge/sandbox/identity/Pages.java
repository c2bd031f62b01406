package io.crmbridge.sandbox.identity;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The HTML pages of the sign-in flows, from templates under {@code /identity/*.html}. Every value is escaped; the
 * forms are plain enough for a test to read their hidden fields and post them back.
 */
final class Pages {

    private static final Map<String, String> TEMPLATES = new ConcurrentHashMap<>();

    private Pages() {
    }

    /** The sign-in and consent page; {@code carried} are the authorize parameters the form posts back. */
    static String signIn(SignInPage page) {
        return fill("sign-in.html", Map.of("realm", page.realmName(), "tenant", page.tenantName(),
                "app", page.appName(), "resource", page.resource(), "action", page.action(),
                "username", page.username(), "error", page.error() == null ? "" : page.error().description()),
                hiddenInputs(page.carried()));
    }

    /** The self-submitting form of {@code response_mode=form_post}. */
    static String formPost(String action, Map<String, String> fields) {
        return fill("form-post.html", Map.of("action", action), hiddenInputs(fields));
    }

    static String deviceLogin(String realmName, String action, String userCode, String username, OAuthError error) {
        return fill("device-login.html", Map.of("realm", realmName, "action", action, "userCode", userCode,
                "username", username, "error", error == null ? "" : error.description()), "");
    }

    static String message(String title, String message) {
        return fill("message.html", Map.of("title", title, "message", message), "");
    }

    static String escape(String value) {
        StringBuilder escaped = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    private static String hiddenInputs(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(field -> "<input type=\"hidden\" name=\"" + escape(field.getKey()) + "\" value=\""
                        + escape(field.getValue()) + "\">")
                .collect(Collectors.joining("\n"));
    }

    private static String fill(String template, Map<String, String> values, String hiddenHtml) {
        String page = TEMPLATES.computeIfAbsent(template, Pages::load);
        for (Map.Entry<String, String> value : values.entrySet()) {
            page = page.replace("{{" + value.getKey() + "}}", escape(value.getValue()));
        }
        return page.replace("{{hidden}}", hiddenHtml);
    }

    private static String load(String template) {
        try (InputStream in = Pages.class.getResourceAsStream("/identity/" + template)) {
            if (in == null) {
                throw new IllegalStateException("missing page template " + template);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the sign-in page shows and carries. */
    record SignInPage(String realmName, String tenantName, String appName, String resource, String action,
                      Map<String, String> carried, String username, OAuthError error) {
    }
}
