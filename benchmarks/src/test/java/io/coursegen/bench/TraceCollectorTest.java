package io.coursegen.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Spans exported by the OpenTelemetry SDK's own OTLP/HTTP exporter, as the services send them. */
class TraceCollectorTest {

    @Test
    void aCoursesTraceIsPrintedAsATreeWithServiceOffsetDurationAndKeyAttributes() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        TraceCollector collector = new TraceCollector(TraceCollector.Options.parse(new String[] {"--port", "0", "--quiet", "0"}),
                new PrintStream(printed, true, StandardCharsets.UTF_8));
        HttpServer server = collector.serve();
        try {
            export(server.getAddress().getPort());
            collector.printQuietTraces();
        } finally {
            server.stop(0);
        }

        String tree = printed.toString(StandardCharsets.UTF_8);
        assertThat(tree).contains("course c-42, 3 spans")
                .containsPattern("\\+0\\.\\d\\d +\\S+ +gateway-service +http post /api/v1/courses")
                .containsPattern("outline-service +    llm chat  \\[")
                .contains("gen_ai.request.model=gpt-4o-mini", "gen_ai.usage.output_tokens=512")
                .contains("ERROR: rate limited");
        assertThat(tree.indexOf("course.requested send")).isLessThan(tree.indexOf("llm chat"));
    }

    @Test
    void tracesAboutNoCourseAreDroppedUnprinted() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        TraceCollector collector = new TraceCollector(TraceCollector.Options.parse(new String[] {"--port", "0", "--quiet", "0"}),
                new PrintStream(printed, true, StandardCharsets.UTF_8));
        HttpServer server = collector.serve();
        try (SdkTracerProvider provider = provider(server.getAddress().getPort(), "storage-service")) {
            provider.get("test").spanBuilder("tasks.scheduled").startSpan().end();
            provider.forceFlush().join(10, TimeUnit.SECONDS);
            collector.printQuietTraces();
        } finally {
            server.stop(0);
        }

        assertThat(printed.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    private static void export(int port) {
        try (SdkTracerProvider gateway = provider(port, "gateway-service");
                SdkTracerProvider outline = provider(port, "outline-service")) {
            Tracer gatewayTracer = gateway.get("test");
            Span http = gatewayTracer.spanBuilder("http post /api/v1/courses").startSpan();
            try (Scope ignored = http.makeCurrent()) {
                Span send = gatewayTracer.spanBuilder("course.requested send")
                        .setAttribute(TraceCollector.COURSE_ATTRIBUTE, "c-42").startSpan();
                try (Scope sending = send.makeCurrent()) {
                    Span chat = outline.get("test").spanBuilder("llm chat")
                            .setAllAttributes(Attributes.of(AttributeKey.stringKey("gen_ai.request.model"), "gpt-4o-mini",
                                    AttributeKey.longKey("gen_ai.usage.output_tokens"), 512L))
                            .startSpan();
                    chat.setStatus(StatusCode.ERROR, "rate limited");
                    chat.end();
                }
                send.end();
            }
            http.end();
            gateway.forceFlush().join(10, TimeUnit.SECONDS);
            outline.forceFlush().join(10, TimeUnit.SECONDS);
        }
    }

    private static SdkTracerProvider provider(int port, String service) {
        return SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(
                        Attributes.of(AttributeKey.stringKey("service.name"), service))))
                .addSpanProcessor(SimpleSpanProcessor.create(OtlpHttpSpanExporter.builder()
                        .setEndpoint("http://127.0.0.1:" + port + "/v1/traces").build()))
                .build();
    }
}
