package io.crmbridge.action;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.ReactorResourceFactory;

@SpringBootApplication
@ConfigurationPropertiesScan
public class ActionServiceApplication {

    /** Its configuration file is {@code action-service.yml}, so the three services can share one class path (local stack). */
    public static final String CONFIG_NAME = "action-service";

    public static void main(String[] args) {
        application().run(args);
    }

    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(ActionServiceApplication.class).properties("spring.config.name=" + CONFIG_NAME);
    }

    /**
     * Event loops of its own: closing this context must not dispose Reactor Netty's global loops, which other apps
     * in the same JVM use (the local stack, tests with the sandbox in-process).
     */
    @Bean
    ReactorResourceFactory reactorResourceFactory() {
        ReactorResourceFactory factory = new ReactorResourceFactory();
        factory.setUseGlobalResources(false);
        return factory;
    }
}
