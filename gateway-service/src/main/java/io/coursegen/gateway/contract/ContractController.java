package io.coursegen.gateway.contract;

import java.time.Duration;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code GET /asyncapi.yaml} and {@code GET /schemas/{name}.schema.json}. The document refers to the
 * schemas relatively ({@code schemas/CourseOutlined.schema.json}), so a tool that loads it from here
 * finds them too.
 */
@RestController
class ContractController {

    static final MediaType YAML = MediaType.parseMediaType("application/yaml");
    static final MediaType SCHEMA_JSON = MediaType.parseMediaType("application/schema+json");

    /** Documents change only with a deployment; a few minutes of caching spares repeated downloads. */
    private static final CacheControl CACHING = CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic();

    private final ContractDocuments documents;

    ContractController(ContractDocuments documents) {
        this.documents = documents;
    }

    @GetMapping("/" + ContractDocuments.ASYNCAPI)
    ResponseEntity<byte[]> asyncApi() {
        return ResponseEntity.ok().contentType(YAML).cacheControl(CACHING).body(documents.asyncApi());
    }

    /** Only names of files in course-contracts are answered, so no path can reach anything else. */
    @GetMapping("/schemas/{fileName}")
    ResponseEntity<byte[]> schema(@PathVariable String fileName) {
        return documents.schema(fileName)
                .map(schema -> ResponseEntity.ok().contentType(SCHEMA_JSON).cacheControl(CACHING).body(schema))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                        "There is no such schema; the event schemas are " + String.join(", ", documents.schemaNames())));
    }
}
