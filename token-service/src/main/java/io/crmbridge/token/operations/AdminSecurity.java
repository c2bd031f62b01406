package io.crmbridge.token.operations;

import io.crmbridge.crm.autoconfigure.AdminApiSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.server.SecurityWebFilterChain;

/** The admin API, the connections page and the sign-in flows, protected as every admin API is (AdminApiSecurity). */
@Configuration(proxyBeanMethods = false)
class AdminSecurity {

    @Bean
    SecurityWebFilterChain adminFilterChain(ServerHttpSecurity http) {
        return AdminApiSecurity.filterChain(http);
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return AdminApiSecurity.passwordEncoder();
    }

    @Bean
    MapReactiveUserDetailsService administrators(AdminProperties properties) {
        return AdminApiSecurity.administrator(properties.username(), properties.password());
    }
}
