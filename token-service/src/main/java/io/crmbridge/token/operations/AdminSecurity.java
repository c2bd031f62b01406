package io.crmbridge.token.operations;

import java.net.URI;
import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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
 * HTTP basic for everything but health, info and metrics. Spring's CSRF tokens are off: the API is used with
 * basic credentials by scripts, and browser-borne forgery is stopped instead by refusing any write whose
 * {@code Origin} (or {@code Sec-Fetch-Site}) says it comes from another site.
 */
@Configuration(proxyBeanMethods = false)
class AdminSecurity {

    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    @Bean
    SecurityWebFilterChain adminFilterChain(ServerHttpSecurity http) {
        return http.authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/info",
                                "/actuator/prometheus").permitAll()
                        .anyExchange().authenticated())
                .httpBasic(Customizer.withDefaults())
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .addFilterAt(sameSiteWrites(), SecurityWebFiltersOrder.CSRF)
                .build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    MapReactiveUserDetailsService administrators(AdminProperties properties, PasswordEncoder encoder) {
        return new MapReactiveUserDetailsService(User.withUsername(properties.username())
                .password(encoder.encode(properties.password())).roles("ADMIN").build());
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
