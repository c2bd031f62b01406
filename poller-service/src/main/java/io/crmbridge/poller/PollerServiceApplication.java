package io.crmbridge.poller;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

@SpringBootApplication
public class PollerServiceApplication {

    /** Its configuration file is {@code poller-service.yml}, so the three services can share one class path (local stack). */
    public static final String CONFIG_NAME = "poller-service";

    public static void main(String[] args) {
        application().run(args);
    }

    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(PollerServiceApplication.class).properties("spring.config.name=" + CONFIG_NAME);
    }
}
