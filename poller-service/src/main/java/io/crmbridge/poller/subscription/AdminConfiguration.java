package io.crmbridge.poller.subscription;

import io.crmbridge.crm.autoconfigure.AdminApiSecurity;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.server.SecurityWebFilterChain;

/** The poller's admin API, protected as every CRM Bridge admin API is (crm-client's AdminApiSecurity). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AdminSettings.class)
class AdminConfiguration {

    @Bean
    SecurityWebFilterChain adminFilterChain(ServerHttpSecurity http) {
        return AdminApiSecurity.filterChain(http, "/subscriptions/*/*/poke");
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return AdminApiSecurity.passwordEncoder();
    }

    @Bean
    MapReactiveUserDetailsService administrators(AdminSettings settings) {
        return AdminApiSecurity.administrator(settings.username(), settings.password());
    }
}
