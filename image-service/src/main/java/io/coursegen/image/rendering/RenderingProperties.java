package io.coursegen.image.rendering;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The image model itself (model, size, timeout) is configured under {@code coursegen.llm.*}.
 *
 * @param maxDownloadSize largest picture accepted when the image model answers with a URL
 * @param offline         size of the offline provider's placeholder pictures
 */
@ConfigurationProperties("coursegen.image")
record RenderingProperties(@DefaultValue("20MB") DataSize maxDownloadSize, @DefaultValue Offline offline) {

    record Offline(@DefaultValue("512") int width, @DefaultValue("512") int height) {
    }
}
