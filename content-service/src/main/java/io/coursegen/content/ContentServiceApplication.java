package io.coursegen.content;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class ContentServiceApplication {

    public static void main(String[] args) {
        application().run(args);
    }

    /** Also used by the local platform and the end-to-end tests, which run every service in one JVM. */
    public static SpringApplication application() {
        SpringApplication application = new SpringApplication(ContentServiceApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", "content-service"));
        return application;
    }
}
