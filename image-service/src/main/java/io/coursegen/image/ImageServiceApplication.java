package io.coursegen.image;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Illustrates courses: plans each picture (the visual concept, caption and alt text), has it drawn,
 * stores the bytes in object storage and announces the stored picture.
 */
@SpringBootApplication
public class ImageServiceApplication {

    public static void main(String[] args) {
        application().run(args);
    }

    /** Also used by the local platform and the end-to-end tests, which run every service in one JVM. */
    public static SpringApplication application() {
        SpringApplication application = new SpringApplication(ImageServiceApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", "image-service"));
        return application;
    }
}
