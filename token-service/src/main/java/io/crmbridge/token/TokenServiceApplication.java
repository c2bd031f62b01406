package io.crmbridge.token;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

@SpringBootApplication
public class TokenServiceApplication {

    /** Its configuration file is {@code token-service.yml}, so the three services can share one class path (local stack). */
    public static final String CONFIG_NAME = "token-service";

    public static void main(String[] args) {
        application().run(args);
    }

    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(TokenServiceApplication.class).properties("spring.config.name=" + CONFIG_NAME);
    }
}
