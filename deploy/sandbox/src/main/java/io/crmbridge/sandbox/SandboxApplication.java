package io.crmbridge.sandbox;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * Runs the sandbox as a process ({@code java -jar sandbox-exec.jar}); it serves on its own Reactor Netty servers,
 * so Spring Boot's web server stays off.
 */
@SpringBootApplication
public class SandboxApplication {

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(SandboxApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.run(args);
    }

    @Bean(destroyMethod = "close")
    Sandbox sandbox() {
        return Sandbox.start(SandboxSettings.defaults().withPorts(8443, 8081));
    }
}
