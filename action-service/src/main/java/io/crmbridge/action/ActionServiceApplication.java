package io.crmbridge.action;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

@SpringBootApplication
public class ActionServiceApplication {

    /** Its configuration file is {@code action-service.yml}, so the three services can share one class path (local stack). */
    public static final String CONFIG_NAME = "action-service";

    public static void main(String[] args) {
        application().run(args);
    }

    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(ActionServiceApplication.class).properties("spring.config.name=" + CONFIG_NAME);
    }
}
