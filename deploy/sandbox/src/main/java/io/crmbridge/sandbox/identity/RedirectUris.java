package io.crmbridge.sandbox.identity;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Entra's redirect URI rules (shared/reference/identity.md §1.6): exact, case-sensitive match, except that the port
 * of a localhost / 127.0.0.1 URI is ignored; a URI without a path is answered with a trailing {@code /}.
 */
final class RedirectUris {

    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1");
    private static final String FORBIDDEN = "!$'(),;*";
    private static final int MAX_LENGTH = 256;

    private RedirectUris() {
    }

    /** Refuses a URI Entra would not let an admin register. */
    static void requireRegistrable(String uri) {
        if (uri.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a redirect URI has at most 256 characters");
        }
        if (uri.chars().anyMatch(c -> FORBIDDEN.indexOf(c) >= 0)) {
            throw new IllegalArgumentException("a redirect URI may not contain ! $ ' ( ) , ; or wildcards: " + uri);
        }
        URI parsed = parse(uri).orElseThrow(() -> new IllegalArgumentException("not a URI: " + uri));
        if (parsed.getScheme() == null || parsed.getRawFragment() != null) {
            throw new IllegalArgumentException("a redirect URI is absolute and has no fragment: " + uri);
        }
        if ("[::1]".equals(parsed.getHost())) {
            throw new IllegalArgumentException("the IPv6 loopback [::1] is not supported: " + uri);
        }
        if ("http".equalsIgnoreCase(parsed.getScheme()) && !isLoopback(parsed)) {
            throw new IllegalArgumentException("http is only allowed for localhost and 127.0.0.1: " + uri);
        }
    }

    /** Where to send the browser if {@code requested} matches a registered URI; empty if none matches. */
    static Optional<URI> match(List<String> registered, String requested) {
        Optional<URI> target = parse(requested).filter(uri -> uri.getScheme() != null);
        boolean matches = target.isPresent() && registered.stream()
                .map(RedirectUris::parse).flatMap(Optional::stream)
                .anyMatch(candidate -> matches(candidate, target.get()));
        return matches ? target.map(RedirectUris::withPath) : Optional.empty();
    }

    /** Whether a token request's {@code redirect_uri} is the one the code was issued to (both absent counts). */
    static boolean same(String atAuthorize, String atToken) {
        if (atAuthorize == null || atToken == null) {
            return atAuthorize == null && atToken == null;
        }
        Optional<URI> first = parse(atAuthorize).map(RedirectUris::withPath);
        Optional<URI> second = parse(atToken).map(RedirectUris::withPath);
        return first.isPresent() && first.equals(second);
    }

    static boolean matches(URI registered, URI requested) {
        return registered.getScheme().equalsIgnoreCase(requested.getScheme())
                && Objects.equals(lower(registered.getHost()), lower(requested.getHost()))
                && (isLoopback(registered) || registered.getPort() == requested.getPort())
                && path(registered).equals(path(requested))
                && Objects.equals(registered.getRawQuery(), requested.getRawQuery())
                && requested.getRawFragment() == null;
    }

    private static boolean isLoopback(URI uri) {
        return uri.getHost() != null && LOOPBACK_HOSTS.contains(lower(uri.getHost()));
    }

    private static String path(URI uri) {
        String path = uri.getRawPath();
        return path == null || path.isEmpty() ? "/" : path;
    }

    private static URI withPath(URI uri) {
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() || uri.getRawAuthority() == null) {
            return uri;
        }
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + "/" + query);
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }

    private static Optional<URI> parse(String uri) {
        if (uri == null || uri.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new URI(uri));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
