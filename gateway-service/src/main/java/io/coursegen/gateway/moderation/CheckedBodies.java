package io.coursegen.gateway.moderation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A JSON body the gateway forwards as sent, after the texts in it passed the {@link ContentPolicy}: read whole (at most
 * {@value #MAX_BODY} bytes, a 413 beyond), checked, then passed on byte for byte. A body that is not JSON is passed on
 * unchecked: storage-service refuses it (400) and nothing is generated. With the policy off the body streams through.
 */
@Component
public class CheckedBodies {

    public static final int MAX_BODY = 64 * 1024;

    private final ContentPolicy policy;
    private final JsonMapper json;

    CheckedBodies(ContentPolicy policy, JsonMapper json) {
        this.policy = policy;
        this.json = json;
    }

    /** The body once every string in it (or only those {@code fields} names, at the top level) passed. */
    public Mono<Flux<DataBuffer>> checked(ServerHttpRequest request, List<String> fields) {
        if (!policy.enabled()) {
            return Mono.just(request.getBody());
        }
        return DataBufferUtils.join(request.getBody(), MAX_BODY)
                .map(joined -> {
                    byte[] bytes = new byte[joined.readableByteCount()];
                    joined.read(bytes);
                    DataBufferUtils.release(joined);
                    return bytes;
                })
                .onErrorMap(DataBufferLimitException.class, tooLarge -> new ResponseStatusException(
                        HttpStatus.CONTENT_TOO_LARGE, "The body is larger than " + MAX_BODY + " bytes"))
                .defaultIfEmpty(new byte[0])
                .flatMap(bytes -> policy.check(texts(bytes, fields)).thenReturn(bytes))
                .map(bytes -> bytes.length == 0 ? Flux.<DataBuffer>empty()
                        : Flux.<DataBuffer>just(DefaultDataBufferFactory.sharedInstance.wrap(bytes)));
    }

    private List<ContentPolicy.Field> texts(byte[] body, List<String> fields) {
        if (body.length == 0) {
            return List.of();
        }
        try {
            JsonNode tree = json.readTree(body);
            if (fields.isEmpty()) {
                return strings(tree);
            }
            List<ContentPolicy.Field> texts = new ArrayList<>();
            fields.forEach(field -> collect(tree.path(field), field, texts));
            return texts;
        } catch (JacksonException unreadable) {
            return List.of();
        }
    }

    /** Every string in a JSON document, named by its path ({@code modules[0].lessons[1].title}). */
    public static List<ContentPolicy.Field> strings(JsonNode document) {
        List<ContentPolicy.Field> texts = new ArrayList<>();
        collect(document, "", texts);
        return texts;
    }

    private static void collect(JsonNode node, String path, List<ContentPolicy.Field> texts) {
        if (node.isString()) {
            texts.add(new ContentPolicy.Field(path.isEmpty() ? "body" : path, node.asString()));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), path + "[" + i + "]", texts);
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                collect(property.getValue(), path.isEmpty() ? property.getKey() : path + "." + property.getKey(), texts);
            }
        }
    }
}
