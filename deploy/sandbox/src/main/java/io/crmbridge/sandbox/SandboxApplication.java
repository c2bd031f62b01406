package io.crmbridge.sandbox;

import java.util.List;

import io.crmbridge.sandbox.dataverse.Dataverse;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Runs the sandbox as a process ({@code java -jar sandbox-0.1.0-SNAPSHOT-exec.jar}); it serves on its own Reactor
 * Netty servers, so Spring Boot's web server stays off. Stopping the process (Ctrl-C, SIGTERM) closes both servers.
 */
@SpringBootApplication
@EnableConfigurationProperties(SandboxProperties.class)
public class SandboxApplication {

    /** Its configuration file is {@code sandbox.yml}, so it can share a class path with the services. */
    public static final String CONFIG_NAME = "sandbox";

    public static void main(String[] args) {
        application().run(args);
    }

    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(SandboxApplication.class)
                .web(WebApplicationType.NONE)
                .properties("spring.config.name=" + CONFIG_NAME);
    }

    @Bean(destroyMethod = "close")
    Sandbox sandbox(SandboxProperties properties) {
        return Sandbox.start(properties.toSettings());
    }

    /** Prints where everything is, as plain {@code key=value} lines that scripts can read from the output. */
    @Bean
    ApplicationRunner printUrls(Sandbox sandbox) {
        return args -> urls(sandbox).forEach(System.out::println);
    }

    static List<String> urls(Sandbox sandbox) {
        return List.of(
                "sandbox.https-base=" + sandbox.httpsBase(),
                "sandbox.org-url=" + sandbox.dataverse().org(Dataverse.SEEDED_ORG).url(),
                "sandbox.registry-url=" + sandbox.registryUrl(),
                "sandbox.admin-url=" + sandbox.httpsBase() + "/admin",
                "sandbox.admin-url-http=" + sandbox.httpBase() + "/admin",
                "sandbox.trust-store=" + SandboxTls.trustStoreFile() + " (PKCS12, password "
                        + SandboxTls.STORE_PASSWORD + ", TEST ONLY)");
    }
}
