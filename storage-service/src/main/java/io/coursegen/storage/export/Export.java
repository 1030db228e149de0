package io.coursegen.storage.export;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;
import reactor.core.publisher.Flux;

/**
 * A download ready to be answered: its headers are known, its body is written as the client reads it.
 *
 * @param fileName ASCII only (a slug and an extension), so a plain {@code filename} parameter is enough
 */
public record Export(String fileName, MediaType contentType, Flux<DataBuffer> body) {

    public ContentDisposition contentDisposition() {
        return ContentDisposition.attachment().filename(fileName).build();
    }
}
