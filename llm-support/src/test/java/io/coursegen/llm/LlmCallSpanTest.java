package io.coursegen.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.coursegen.testkit.FakeOpenAiServer;
import io.coursegen.testkit.TestImages;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a trace shows of a model call, through the same Micrometer-to-OpenTelemetry bridge Spring Boot sets up. */
class LlmCallSpanTest {

    private final FakeOpenAiServer openAi = new FakeOpenAiServer("key", request -> "{\"ok\":true}", TestImages.png(4, 4));
    private final List<SpanData> exported = new CopyOnWriteArrayList<>();
    private final SdkTracerProvider tracing = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(new SpanExporter() {
                @Override
                public CompletableResultCode export(Collection<SpanData> spans) {
                    exported.addAll(spans);
                    return CompletableResultCode.ofSuccess();
                }

                @Override
                public CompletableResultCode flush() {
                    return CompletableResultCode.ofSuccess();
                }

                @Override
                public CompletableResultCode shutdown() {
                    return CompletableResultCode.ofSuccess();
                }
            }))
            .build();

    @AfterEach
    void stop() {
        openAi.close();
        tracing.close();
    }

    @Test
    void anOpenAiChatCallIsAGenAiSpanWithModelAndTokensInsideTheListenersSpan() {
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(new DefaultTracingObservationHandler(
                new OtelTracer(tracing.get("test"), new OtelCurrentTraceContext(), event -> { })));
        LlmResilience resilience = new LlmResilience("openai", new LlmResilienceProperties(1, Duration.ofMillis(10), 2.0,
                Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(30),
                new LlmResilienceProperties.CircuitBreaker(50, 4, 4, Duration.ofMinutes(1))), new SimpleMeterRegistry(),
                new LlmCalls(LlmProvider.OPENAI, LlmCapacity.unlimited(LlmProvider.OPENAI), observations));
        ChatModel model = resilience.protect(OpenAiChatModel.builder()
                .httpClientBuilder(LlmResilience.httpClientBuilder())
                .baseUrl(openAi.baseUrl()).apiKey("key").modelName("gpt-4o-mini")
                .timeout(Duration.ofSeconds(10)).maxRetries(0).build(), "gpt-4o-mini");

        Observation listener = Observation.createNotStarted("spring.kafka.listener", observations)
                .contextualName("lesson.requested receive").start();
        try (Observation.Scope scope = listener.openScope()) {
            model.chat("hello");
        }
        listener.stop();

        SpanData receive = span("lesson.requested receive");
        SpanData chat = span("chat gpt-4o-mini");
        assertThat(chat.getParentSpanId()).isEqualTo(receive.getSpanId());
        assertThat(chat.getTraceId()).isEqualTo(receive.getTraceId());
        assertThat(chat.getAttributes().get(AttributeKey.stringKey("gen_ai.operation.name"))).isEqualTo("chat");
        assertThat(chat.getAttributes().get(AttributeKey.stringKey("gen_ai.provider.name"))).isEqualTo("openai");
        assertThat(chat.getAttributes().get(AttributeKey.stringKey("gen_ai.request.model"))).isEqualTo("gpt-4o-mini");
        assertThat(chat.getAttributes().get(AttributeKey.stringKey("gen_ai.usage.output_tokens"))).isEqualTo("100");
        assertThat(chat.getAttributes().get(AttributeKey.stringKey("gen_ai.usage.input_tokens"))).isNotBlank();
    }

    private SpanData span(String name) {
        return exported.stream().filter(span -> span.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no span " + name + " in " + exported));
    }
}
