package io.coursegen.image.rendering;

import dev.langchain4j.data.image.Image;
import dev.langchain4j.model.image.ImageModel;
import dev.langchain4j.model.openai.OpenAiImageModel;
import io.coursegen.image.planning.PicturePlan;
import io.coursegen.llm.LlmProperties;
import io.coursegen.llm.LlmResilience;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.util.unit.DataSize;

/**
 * Calls the OpenAI image endpoint ({@code POST /images/generations}) through LangChain4j. gpt-image-1
 * answers with the picture inline (base64); dall-e-3 and many compatible servers answer with a URL,
 * which is downloaded with a size limit. The client's own retries are off (they ignore
 * {@code Retry-After}): {@link LlmResilience} retries transient failures and guards the provider.
 */
class OpenAiPictureRenderer implements PictureRenderer {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Set<String> DOWNLOADABLE_SCHEMES = Set.of("http", "https");

    private final ImageModel model;
    private final String modelName;
    private final Duration timeout;
    private final long maxDownloadBytes;
    private final HttpClient downloads;

    OpenAiPictureRenderer(LlmProperties properties, DataSize maxDownloadSize, LlmResilience resilience) {
        OpenAiImageModel.OpenAiImageModelBuilder builder = OpenAiImageModel.builder()
                .httpClientBuilder(LlmResilience.httpClientBuilder())
                .baseUrl(properties.baseUrl())
                .apiKey(properties.apiKey())
                .modelName(properties.imageModel())
                .timeout(properties.imageTimeout())
                .maxRetries(0);
        if (properties.imageSize() != null && !properties.imageSize().isBlank()) {
            builder.size(properties.imageSize());
        }
        this.model = resilience.protect(builder.build(), properties.imageModel());
        this.modelName = properties.imageModel();
        this.timeout = properties.imageTimeout();
        this.maxDownloadBytes = maxDownloadSize.toBytes();
        this.downloads = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    @Override
    public RenderedPicture render(PicturePlan plan, String imageStyle, String imageId) {
        Image image = model.generate(plan.promptInStyle(imageStyle)).content();
        if (image != null && image.base64Data() != null && !image.base64Data().isBlank()) {
            return RenderedPicture.from(decode(image.base64Data()));
        }
        if (image != null && image.url() != null) {
            return RenderedPicture.from(download(image.url()));
        }
        throw new UnreadablePictureException("The image model answered without a picture (neither b64_json nor url)");
    }

    @Override
    public String model() {
        return modelName;
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new UnreadablePictureException("The image model's b64_json is not valid base64: " + e.getMessage(), e);
        }
    }

    private byte[] download(URI url) {
        if (url.getScheme() == null || !DOWNLOADABLE_SCHEMES.contains(url.getScheme().toLowerCase(Locale.ROOT))) {
            throw new UnreadablePictureException("The image model answered with a URL that cannot be downloaded: "
                    + url.getScheme() + " scheme");
        }
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).GET().build();
        // the request timeout ends when the headers arrive; waiting on the future also bounds the body
        CompletableFuture<HttpResponse<byte[]>> pending = downloads.sendAsync(request,
                info -> info.statusCode() / 100 == 2 ? new LimitedBody(maxDownloadBytes)
                        : HttpResponse.BodySubscribers.replacing(new byte[0]));
        try {
            HttpResponse<byte[]> response = pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (response.statusCode() / 100 != 2) {
                throw new UnreadablePictureException("Downloading the picture from " + url.getHost()
                        + " failed with HTTP " + response.statusCode());
            }
            return response.body();
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new UnreadablePictureException("Downloading the picture from " + url.getHost()
                    + " took longer than " + timeout + " (coursegen.llm.image-timeout)", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnreadablePictureException unreadable) {
                throw unreadable;
            }
            throw new UncheckedIOException("Downloading the picture from " + url.getHost() + " failed: "
                    + e.getCause().getMessage(), e.getCause() instanceof IOException io ? io : new IOException(e.getCause()));
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while downloading the picture", e);
        }
    }
}
