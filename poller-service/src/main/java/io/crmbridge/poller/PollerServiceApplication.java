package io.crmbridge.poller;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.ReactorResourceFactory;

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

    /**
     * Event loops of the web server owned by this application: with Reactor Netty's global resources (the default)
     * stopping the application would stop the event loops of everything else in the JVM that uses them (the
     * Dataverse client, and in the local stack and tests the other services and the sandbox).
     */
    @Bean
    ReactorResourceFactory reactorResourceFactory() {
        ReactorResourceFactory factory = new ReactorResourceFactory();
        factory.setUseGlobalResources(false);
        return factory;
    }
}
