package io.coursegen.gateway.contract;

import io.coursegen.contracts.EventTypes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * {@code asyncapi.yaml} and {@code schemas/*.schema.json} of the course-contracts jar, loaded at start-up:
 * requests are answered from memory (nothing blocks a Netty thread), and only these files can ever be
 * served, whatever a requested name contains.
 */
@Component
class ContractDocuments {

    static final String ASYNCAPI = "asyncapi.yaml";

    private final byte[] asyncApi;
    private final Map<String, byte[]> schemas = new TreeMap<>();

    ContractDocuments() {
        URL document = EventTypes.class.getClassLoader().getResource(ASYNCAPI);
        if (document == null) {
            throw new IllegalStateException(ASYNCAPI + " is missing from the course-contracts jar");
        }
        String contractsRoot = document.toString().substring(0, document.toString().length() - ASYNCAPI.length());
        try {
            asyncApi = document.openStream().readAllBytes();
            for (Resource schema : new PathMatchingResourcePatternResolver().getResources(contractsRoot + "schemas/*.schema.json")) {
                schemas.put(schema.getFilename(), schema.getContentAsByteArray());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the event contract documents", e);
        }
    }

    byte[] asyncApi() {
        return asyncApi;
    }

    /** The schema file of this name ({@code CourseOutlined.schema.json}), if course-contracts has one. */
    Optional<byte[]> schema(String fileName) {
        return Optional.ofNullable(schemas.get(fileName));
    }

    Iterable<String> schemaNames() {
        return schemas.keySet();
    }
}
