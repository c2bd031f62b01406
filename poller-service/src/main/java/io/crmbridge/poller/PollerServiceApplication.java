package io.crmbridge.poller;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class PollerServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(PollerServiceApplication.class, args);
    }
}
