package io.coursegen.gateway;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** The gateway calls no chat or image model: llm-support's auto-configuration is for the generating services. */
@SpringBootApplication(excludeName = "io.coursegen.llm.LlmAutoConfiguration")
@EnableConfigurationProperties(GatewayProperties.class)
public class GatewayServiceApplication {

    public static void main(String[] args) {
        application().run(args);
    }

    /** Also used by the local platform and the end-to-end tests, which run every service in one JVM. */
    public static SpringApplication application() {
        SpringApplication application = new SpringApplication(GatewayServiceApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", "gateway-service"));
        return application;
    }
}
