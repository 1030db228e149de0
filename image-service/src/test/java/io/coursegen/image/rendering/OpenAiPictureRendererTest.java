package io.coursegen.image.rendering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.coursegen.image.planning.PicturePlan;
import io.coursegen.llm.LlmProperties;
import io.coursegen.llm.LlmResilience;
import io.coursegen.llm.LlmResilienceProperties;
import io.coursegen.testkit.FakeOpenAiServer;
import io.coursegen.testkit.TestImages;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class OpenAiPictureRendererTest {

    /** One try per call, so each test sees exactly what the server answered. */
    private static final LlmResilience ONE_TRY = new LlmResilience("openai", new LlmResilienceProperties(1,
            Duration.ofMillis(10), 2.0, Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(30),
            new LlmResilienceProperties.CircuitBreaker(50, 20, 10, Duration.ofSeconds(30))));

    private static final PicturePlan PLAN = new PicturePlan("Schrödinger's cat in a box", "caption", "alt text",
            "A cat in a half-open box.");

    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void decodesAnInlinePictureAndSendsTheConfiguredModelSizeKeyAndStyledPrompt() {
        byte[] png = TestImages.png(40, 30);
        try (FakeOpenAiServer openAi = new FakeOpenAiServer("key", request -> "{}", png)) {
            OpenAiPictureRenderer renderer = new OpenAiPictureRenderer(properties(openAi.baseUrl(), "gpt-image-1"),
                    DataSize.ofMegabytes(20), ONE_TRY);

            RenderedPicture picture = renderer.render(PLAN, "warm watercolour", "cover");

            assertThat(picture.bytes()).isEqualTo(png);
            assertThat(picture.width()).isEqualTo(40);
            assertThat(picture.height()).isEqualTo(30);
            FakeOpenAiServer.Received request = openAi.received("/v1/images/generations").get(0);
            assertThat(request.authorization()).isEqualTo("Bearer key");
            assertThat(request.body().path("model").asString()).isEqualTo("gpt-image-1");
            assertThat(request.body().path("size").asString()).isEqualTo("1024x1024");
            assertThat(request.body().path("prompt").asString()).isEqualTo("A cat in a half-open box. " + PicturePlan.STYLE_LEAD + "\"warm watercolour\"");
            assertThat(renderer.model()).isEqualTo("gpt-image-1");
        }
    }

    @Test
    void downloadsThePictureWhenTheModelAnswersWithAUrl() {
        byte[] png = TestImages.png(50, 20);
        String baseUrl = serve(Map.of("/picture.png", png));

        RenderedPicture picture = new OpenAiPictureRenderer(properties(baseUrl, "dall-e-3"), DataSize.ofMegabytes(20), ONE_TRY)
                .render(PLAN, "flat", "lesson-01");

        assertThat(picture.bytes()).isEqualTo(png);
        assertThat(picture.width()).isEqualTo(50);
    }

    @Test
    void refusesADownloadLargerThanTheLimit() {
        byte[] png = TestImages.png(200, 200);
        String baseUrl = serve(Map.of("/picture.png", png));

        assertThatThrownBy(() -> new OpenAiPictureRenderer(properties(baseUrl, "dall-e-3"), DataSize.ofBytes(png.length - 1), ONE_TRY)
                .render(PLAN, "flat", "lesson-01"))
                .isInstanceOf(UnreadablePictureException.class)
                .hasMessageContaining("coursegen.image.max-download-size");
    }

    @Test
    void refusesADownloadThatIsNotAPicture() {
        String baseUrl = serve(Map.of("/picture.png", "<html>gone</html>".getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> new OpenAiPictureRenderer(properties(baseUrl, "dall-e-3"), DataSize.ofMegabytes(20), ONE_TRY)
                .render(PLAN, "flat", "lesson-01"))
                .isInstanceOf(UnreadablePictureException.class)
                .hasMessageContaining("not a PNG, JPEG or WebP picture");
    }

    @Test
    void refusesAFailedDownload() {
        String baseUrl = serve(Map.of());

        assertThatThrownBy(() -> new OpenAiPictureRenderer(properties(baseUrl, "dall-e-3"), DataSize.ofMegabytes(20), ONE_TRY)
                .render(PLAN, "flat", "lesson-01"))
                .isInstanceOf(UnreadablePictureException.class)
                .hasMessageContaining("HTTP 404");
    }

    /**
     * A dall-e-3 style server: the generation answers with a URL on the same server, where the picture
     * (or whatever {@code files} holds) is served; unknown paths get 404.
     */
    private String serve(Map<String, byte[]> files) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        String root = "http://127.0.0.1:" + server.getAddress().getPort();
        Map<String, byte[]> content = new ConcurrentHashMap<>(files);
        content.put("/v1/images/generations",
                ("{\"created\":1,\"data\":[{\"url\":\"" + root + "/picture.png\",\"revised_prompt\":\"a cat\"}]}")
                        .getBytes(StandardCharsets.UTF_8));
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = content.get(exchange.getRequestURI().getPath());
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
        return root + "/v1";
    }

    private static LlmProperties properties(String baseUrl, String imageModel) {
        return new LlmProperties("openai", "key", baseUrl, "gpt-4o-mini", imageModel, "1024x1024", 0.7, 4000,
                Duration.ofSeconds(5), Duration.ofSeconds(5), new LlmProperties.Offline(Duration.ZERO, Duration.ZERO));
    }
}
