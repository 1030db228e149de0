package io.coursegen.storage;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class StorageServiceApplication {

    public static void main(String[] args) {
        application().run(args);
    }

    /** Also used by the local platform and the end-to-end tests, which run every service in one JVM. */
    public static SpringApplication application() {
        SpringApplication application = new SpringApplication(StorageServiceApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", "storage-service"));
        return application;
    }
}
