package io.crmbridge.schemas.registry;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * Where the registry is and how to reach it, read from the Confluent client keys so that a serde configuration
 * works unchanged with Confluent's own classes: {@code schema.registry.url} (comma-separated or a list;
 * {@code mock://<scope>} for an in-memory registry), {@code basic.auth.credentials.source} ({@code URL}, the
 * default, takes {@code user:password@} from the URL; {@code USER_INFO} takes {@code basic.auth.user.info}),
 * {@code http.connect.timeout.ms} and {@code http.read.timeout.ms}.
 *
 * @param urls           registry base URLs, tried in turn when one is unreachable; without user info
 * @param basicAuth      credentials sent with every request, if any
 * @param connectTimeout how long to wait for a connection
 * @param requestTimeout how long to wait for an answer
 */
public record RegistrySettings(List<URI> urls, Optional<BasicAuth> basicAuth, Duration connectTimeout,
                               Duration requestTimeout) {

    public static final String URL = "schema.registry.url";
    public static final String CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    public static final String USER_INFO = "basic.auth.user.info";
    /** The older spelling Confluent still accepts. */
    public static final String LEGACY_USER_INFO = "schema.registry.basic.auth.user.info";
    public static final String CONNECT_TIMEOUT = "http.connect.timeout.ms";
    public static final String READ_TIMEOUT = "http.read.timeout.ms";

    private static final String MOCK_SCHEME = "mock://";

    private static final ConfigDef DEFINITION = new ConfigDef()
            .define(URL, Type.LIST, Importance.HIGH, "Schema registry base URLs, or mock://<scope>")
            .define(CREDENTIALS_SOURCE, Type.STRING, "URL", ConfigDef.ValidString.in("URL", "USER_INFO"),
                    Importance.MEDIUM, "Where basic-auth credentials come from: URL or USER_INFO")
            .define(USER_INFO, Type.PASSWORD, "", Importance.MEDIUM, "user:password for USER_INFO")
            .define(LEGACY_USER_INFO, Type.PASSWORD, "", Importance.LOW, "older spelling of basic.auth.user.info")
            .define(CONNECT_TIMEOUT, Type.INT, 10_000, ConfigDef.Range.atLeast(1), Importance.LOW,
                    "Connect timeout in milliseconds")
            .define(READ_TIMEOUT, Type.INT, 30_000, ConfigDef.Range.atLeast(1), Importance.LOW,
                    "Request timeout in milliseconds");

    /** Basic-auth credentials; never printed. */
    public record BasicAuth(String userInfo) {

        public BasicAuth {
            if (!userInfo.contains(":")) {
                throw new ConfigException("basic-auth user info must read user:password");
            }
        }

        String header() {
            return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String toString() {
            return "BasicAuth[user=" + userInfo.substring(0, userInfo.indexOf(':')) + ", password=****]";
        }
    }

    /** Reads the settings from serde or client configuration; throws {@link ConfigException} naming a bad key. */
    public static RegistrySettings from(Map<String, ?> configs) {
        Map<String, Object> values = DEFINITION.parse(configs);
        @SuppressWarnings("unchecked")
        List<String> urls = ((List<String>) values.get(URL)).stream().map(String::trim).filter(u -> !u.isEmpty())
                .toList();
        if (urls.isEmpty()) {
            throw new ConfigException(URL, configs.get(URL), "at least one schema registry URL is needed");
        }
        if (urls.size() > 1 && urls.stream().anyMatch(u -> u.startsWith(MOCK_SCHEME))) {
            throw new ConfigException(URL, String.join(",", urls), "only one mock scope is permitted");
        }
        List<URI> parsed = urls.stream().map(RegistrySettings::uri).toList();
        return new RegistrySettings(parsed.stream().map(RegistrySettings::withoutUserInfo).toList(),
                basicAuth(values, parsed),
                Duration.ofMillis((Integer) values.get(CONNECT_TIMEOUT)),
                Duration.ofMillis((Integer) values.get(READ_TIMEOUT)));
    }

    /** The scope of a {@code mock://<scope>} URL, if that is what was configured. */
    public Optional<String> mockScope() {
        URI first = urls.get(0);
        return "mock".equals(first.getScheme())
                ? Optional.of(first.toString().substring(MOCK_SCHEME.length()))
                : Optional.empty();
    }

    private static Optional<BasicAuth> basicAuth(Map<String, Object> values, List<URI> urls) {
        if ("USER_INFO".equals(values.get(CREDENTIALS_SOURCE))) {
            String userInfo = ((Password) values.get(USER_INFO)).value();
            String legacy = ((Password) values.get(LEGACY_USER_INFO)).value();
            String chosen = userInfo.isEmpty() ? legacy : userInfo;
            if (chosen.isEmpty()) {
                throw new ConfigException(CREDENTIALS_SOURCE + "=USER_INFO needs " + USER_INFO);
            }
            return Optional.of(new BasicAuth(chosen));
        }
        return urls.stream().map(URI::getRawUserInfo).filter(info -> info != null && !info.isEmpty()).findFirst()
                .map(info -> new BasicAuth(URLDecoder.decode(info, StandardCharsets.UTF_8)));
    }

    private static URI uri(String text) {
        try {
            URI uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
            if (uri.getScheme() == null) {
                throw new ConfigException(URL + " holds a URL without a scheme (http:// or https://)");
            }
            return uri;
        } catch (URISyntaxException e) {
            // The URL may carry credentials: name the problem, never the value.
            throw new ConfigException(URL + " holds a malformed URL: " + e.getReason() + " at index " + e.getIndex());
        }
    }

    private static URI withoutUserInfo(URI uri) {
        if (uri.getRawUserInfo() == null) {
            return uri;
        }
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority().substring(uri.getRawUserInfo().length() + 1)
                + (uri.getRawPath() == null ? "" : uri.getRawPath()));
    }
}
