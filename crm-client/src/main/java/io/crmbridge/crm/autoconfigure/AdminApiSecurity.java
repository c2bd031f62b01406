package io.crmbridge.crm.autoconfigure;

import java.net.URI;
import java.util.Set;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;

/**
 * How every CRM Bridge admin API is protected, the same in each service: HTTP basic for everything but health,
 * info and metrics. Spring's CSRF tokens are off: the APIs are used with basic credentials by scripts, and
 * browser-borne forgery is stopped instead by refusing any write whose {@code Origin} (or {@code Sec-Fetch-Site})
 * says it comes from another site. Each service binds its own credentials and calls this from its configuration.
 */
public final class AdminApiSecurity {

    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    private static final PasswordEncoder ENCODER = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    private AdminApiSecurity() {
    }

    /** The filter chain; {@code alsoOpen} are further path patterns a service serves without a login. */
    public static SecurityWebFilterChain filterChain(ServerHttpSecurity http, String... alsoOpen) {
        return http.authorizeExchange(exchanges -> {
                    exchanges.pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/info",
                            "/actuator/prometheus").permitAll();
                    if (alsoOpen.length > 0) {
                        exchanges.pathMatchers(alsoOpen).permitAll();
                    }
                    exchanges.anyExchange().authenticated();
                })
                .httpBasic(Customizer.withDefaults())
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .addFilterAt(sameSiteWrites(), SecurityWebFiltersOrder.CSRF)
                .build();
    }

    /** The one administrator, its password kept only as a hash. */
    public static MapReactiveUserDetailsService administrator(String username, String password) {
        return new MapReactiveUserDetailsService(User.withUsername(username).password(ENCODER.encode(password))
                .roles("ADMIN").build());
    }

    public static PasswordEncoder passwordEncoder() {
        return ENCODER;
    }

    private static WebFilter sameSiteWrites() {
        return (exchange, chain) -> crossSiteWrite(exchange)
                ? Mono.fromRunnable(() -> exchange.getResponse().setStatusCode(HttpStatus.FORBIDDEN))
                : chain.filter(exchange);
    }

    private static boolean crossSiteWrite(ServerWebExchange exchange) {
        if (SAFE.contains(exchange.getRequest().getMethod())) {
            return false;
        }
        var headers = exchange.getRequest().getHeaders();
        if ("cross-site".equalsIgnoreCase(headers.getFirst("Sec-Fetch-Site"))) {
            return true;
        }
        String origin = headers.getFirst("Origin");
        if (origin == null) {
            return false;
        }
        String host = headers.getFirst("Host");
        try {
            return host == null || !host.equalsIgnoreCase(URI.create(origin).getAuthority());
        } catch (IllegalArgumentException e) {
            return true;
        }
    }
}
