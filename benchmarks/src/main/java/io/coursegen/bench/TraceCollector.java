package io.coursegen.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

/**
 * A trace receiver for the local run, where no Jaeger or Tempo is at hand: it listens for OTLP/HTTP
 * ({@code POST /v1/traces}, protobuf, as the services export when
 * {@code MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT=http://localhost:4318/v1/traces}) and, once a trace
 * that names a course ({@code coursegen.course.id} on its Kafka spans) has been quiet for a few seconds, prints it
 * as an indented span tree: start offset, duration, service, span name and the attributes worth reading (model,
 * tokens, outcome). Only the JDK, so it also runs as a source file without a build:
 * <pre>java benchmarks/src/main/java/io/coursegen/bench/TraceCollector.java [--course ID] [--once] [--markdown]</pre>
 * Options: {@code --port} (4318), {@code --course} (only this course's trace), {@code --once} (exit after printing
 * that course's trace), {@code --quiet} seconds without new spans before a trace is printed (8; the services
 * export every 5 s), {@code --markdown} (a table instead of the tree), {@code --all-attributes}.
 */
public final class TraceCollector {

    static final String COURSE_ATTRIBUTE = "coursegen.course.id";
    /** What is worth a glance in a span list; the rest (thread names, client ids, offsets) is noise here. */
    private static final Pattern KEY_ATTRIBUTES = Pattern.compile(
            "(?i).*(model|token|call|outcome|error|exception|status|uri|url|method|image).*");

    private final Map<String, Trace> traces = new ConcurrentHashMap<>();
    private final Set<String> printed = ConcurrentHashMap.newKeySet();
    private final Options options;
    private final PrintStream out;
    private final CountDownLatch done = new CountDownLatch(1);

    TraceCollector(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        TraceCollector collector = new TraceCollector(options, System.out);
        HttpServer server = collector.serve();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        ticker.scheduleWithFixedDelay(collector::printQuietTraces, 1, 1, TimeUnit.SECONDS);
        System.err.printf("Collecting OTLP/HTTP traces on http://127.0.0.1:%d/v1/traces%s%n", server.getAddress().getPort(),
                options.course() == null ? "" : " for course " + options.course());
        collector.done.await();
        server.stop(0);
        ticker.shutdownNow();
    }

    /** Listens on the loopback interface only: spans name courses and tenants. */
    HttpServer serve() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", options.port()), 0);
        server.createContext("/", this::handle);
        server.start();
        return server;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            answer(exchange);
        } catch (RuntimeException e) {
            // the server would close the connection without a word; say what was wrong with the request
            System.err.println("Could not read an export: " + e);
            throw e;
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        {
            byte[] body = readBody(exchange);
            String path = exchange.getRequestURI().getPath();
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            if (path.endsWith("/v1/traces")) {
                String type = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
                if (!type.startsWith("application/x-protobuf")) {
                    exchange.sendResponseHeaders(415, -1);
                    return;
                }
                accept(OtlpTraces.decode(body));
            }
            // an empty ExportTraceServiceResponse (and metrics or logs, should they come, are acknowledged unread)
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
        }
    }

    private static byte[] readBody(HttpExchange exchange) throws IOException {
        InputStream in = exchange.getRequestBody();
        if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
            in = new GZIPInputStream(in);
        }
        return in.readAllBytes();
    }

    void accept(List<Span> spans) {
        long now = System.nanoTime();
        for (Span span : spans) {
            traces.computeIfAbsent(span.traceId(), id -> new Trace()).add(span, now);
        }
    }

    /** Prints every trace about a course (or the one course asked for) that received no span for a while. */
    void printQuietTraces() {
        long quietNanos = TimeUnit.SECONDS.toNanos(options.quietSeconds());
        long now = System.nanoTime();
        for (Map.Entry<String, Trace> entry : traces.entrySet()) {
            Trace trace = entry.getValue();
            if (now - trace.lastUpdate() < quietNanos) {
                continue;
            }
            String course = trace.course();
            boolean wanted = course != null && (options.course() == null || options.course().equals(course));
            if (!wanted) {
                traces.remove(entry.getKey());
                continue;
            }
            if (printed.add(entry.getKey() + "/" + trace.size())) {
                out.print(options.markdown() ? markdown(trace, course) : tree(trace, course));
                out.flush();
                if (options.once()) {
                    done.countDown();
                }
            }
        }
    }

    String tree(Trace trace, String course) {
        List<Span> spans = trace.spans();
        long origin = spans.stream().mapToLong(Span::start).min().orElse(0);
        long end = spans.stream().mapToLong(Span::end).max().orElse(0);
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "%nTrace %s: course %s, %d spans, %.1f ms%n%9s %10s  %-16s %s%n", spans.get(0).traceId(), course,
                spans.size(), millis(end - origin), "start", "duration", "service", "span"));
        walk(spans, (span, depth) -> text.append(String.format(Locale.ROOT, "%9s %10s  %-16s %s%s%s%n",
                "+" + format(millis(span.start() - origin)), format(millis(span.end() - span.start())),
                span.service(), "  ".repeat(depth), span.name(), attributes(span))));
        return text.toString();
    }

    String markdown(Trace trace, String course) {
        List<Span> spans = trace.spans();
        long origin = spans.stream().mapToLong(Span::start).min().orElse(0);
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "%nTrace `%s` of course `%s`:%n%n| service | span | start (ms) | duration (ms) | attributes |%n"
                        + "|---|---|---:|---:|---|%n", spans.get(0).traceId(), course));
        walk(spans, (span, depth) -> text.append(String.format(Locale.ROOT, "| %s | %s%s | %s | %s | %s |%n",
                span.service(), "· ".repeat(depth), span.name(), format(millis(span.start() - origin)),
                format(millis(span.end() - span.start())), attributes(span).strip())));
        return text.toString();
    }

    /** Depth-first from the roots (spans whose parent is not in the trace), children in start order. */
    private static void walk(List<Span> spans, SpanVisitor visitor) {
        Set<String> ids = spans.stream().map(Span::spanId).collect(Collectors.toSet());
        Map<String, List<Span>> children = new LinkedHashMap<>();
        List<Span> roots = new ArrayList<>();
        spans.stream().sorted(Comparator.comparingLong(Span::start)).forEach(span -> {
            if (span.parentId().isEmpty() || !ids.contains(span.parentId())) {
                roots.add(span);
            } else {
                children.computeIfAbsent(span.parentId(), id -> new ArrayList<>()).add(span);
            }
        });
        roots.forEach(root -> visit(root, 0, children, visitor));
    }

    private static void visit(Span span, int depth, Map<String, List<Span>> children, SpanVisitor visitor) {
        visitor.visit(span, depth);
        children.getOrDefault(span.spanId(), List.of()).forEach(child -> visit(child, depth + 1, children, visitor));
    }

    private String attributes(Span span) {
        String shown = span.attributes().entrySet().stream()
                .filter(e -> options.allAttributes() || KEY_ATTRIBUTES.matcher(e.getKey()).matches())
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
        String status = span.error() ? "ERROR" + (span.statusMessage().isEmpty() ? "" : ": " + span.statusMessage()) : "";
        String all = status.isEmpty() ? shown : shown.isEmpty() ? status : status + ", " + shown;
        return all.isEmpty() ? "" : "  [" + all + "]";
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }

    private static String format(double millis) {
        return String.format(Locale.ROOT, millis < 10 ? "%.2f" : millis < 1000 ? "%.1f" : "%.0f", millis);
    }

    @FunctionalInterface
    private interface SpanVisitor {
        void visit(Span span, int depth);
    }

    /** One finished span as OTLP describes it; times in Unix nanoseconds. */
    record Span(String traceId, String spanId, String parentId, String name, long start, long end, String service,
            Map<String, String> attributes, boolean error, String statusMessage) {
    }

    /** The spans of one trace received so far. */
    static final class Trace {
        private final List<Span> spans = new ArrayList<>();
        private long lastUpdate;

        synchronized void add(Span span, long now) {
            spans.add(span);
            lastUpdate = now;
        }

        synchronized List<Span> spans() {
            return List.copyOf(spans);
        }

        synchronized int size() {
            return spans.size();
        }

        synchronized long lastUpdate() {
            return lastUpdate;
        }

        synchronized String course() {
            return spans.stream().map(span -> span.attributes().get(COURSE_ATTRIBUTE))
                    .filter(id -> id != null && !id.isBlank()).findFirst().orElse(null);
        }
    }

    record Options(int port, String course, boolean once, int quietSeconds, boolean markdown, boolean allAttributes) {

        static Options parse(String[] args) {
            int port = 4318;
            String course = null;
            boolean once = false;
            int quiet = 8;
            boolean markdown = false;
            boolean all = false;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--port" -> port = Integer.parseInt(args[++i]);
                    case "--course" -> course = args[++i];
                    case "--once" -> once = true;
                    case "--quiet" -> quiet = Integer.parseInt(args[++i]);
                    case "--markdown" -> markdown = true;
                    case "--all-attributes" -> all = true;
                    default -> throw new IllegalArgumentException("Unknown option " + args[i]
                            + "; known: --port N, --course ID, --once, --quiet SECONDS, --markdown, --all-attributes");
                }
            }
            if (once && course == null) {
                throw new IllegalArgumentException("--once needs --course: which trace would end it?");
            }
            return new Options(port, course, once, quiet, markdown, all);
        }
    }

    /**
     * Reads an OTLP {@code ExportTraceServiceRequest} straight from the protobuf wire format: the handful of
     * fields a span list needs, so the tool needs no generated classes. Field numbers from
     * {@code opentelemetry/proto/trace/v1/trace.proto} and {@code common/v1/common.proto}.
     */
    static final class OtlpTraces {

        private OtlpTraces() {
        }

        static List<Span> decode(byte[] request) {
            List<Span> spans = new ArrayList<>();
            Wire wire = new Wire(request);
            while (wire.more()) {
                int tag = wire.tag();
                if (tag >>> 3 == 1) { // resource_spans
                    resourceSpans(new Wire(wire.bytes()), spans);
                } else {
                    wire.skip(tag);
                }
            }
            return spans;
        }

        private static void resourceSpans(Wire wire, List<Span> spans) {
            String service = "?";
            List<byte[]> scopeSpans = new ArrayList<>();
            while (wire.more()) {
                int tag = wire.tag();
                switch (tag >>> 3) {
                    case 1 -> service = attributesOf(new Wire(wire.bytes()), 1).getOrDefault("service.name", "?");
                    case 2 -> scopeSpans.add(wire.bytes());
                    default -> wire.skip(tag);
                }
            }
            for (byte[] scope : scopeSpans) {
                Wire scopeWire = new Wire(scope);
                while (scopeWire.more()) {
                    int tag = scopeWire.tag();
                    if (tag >>> 3 == 2) {
                        spans.add(span(new Wire(scopeWire.bytes()), service));
                    } else {
                        scopeWire.skip(tag);
                    }
                }
            }
        }

        private static Span span(Wire wire, String service) {
            String traceId = "";
            String spanId = "";
            String parentId = "";
            String name = "";
            long start = 0;
            long end = 0;
            Map<String, String> attributes = new LinkedHashMap<>();
            boolean error = false;
            String statusMessage = "";
            while (wire.more()) {
                int tag = wire.tag();
                switch (tag >>> 3) {
                    case 1 -> traceId = HexFormat.of().formatHex(wire.bytes());
                    case 2 -> spanId = HexFormat.of().formatHex(wire.bytes());
                    case 4 -> parentId = HexFormat.of().formatHex(wire.bytes());
                    case 5 -> name = wire.string();
                    case 7 -> start = wire.fixed64();
                    case 8 -> end = wire.fixed64();
                    case 9 -> keyValue(new Wire(wire.bytes()), attributes);
                    case 15 -> {
                        Wire status = new Wire(wire.bytes());
                        while (status.more()) {
                            int statusTag = status.tag();
                            switch (statusTag >>> 3) {
                                case 2 -> statusMessage = status.string();
                                case 3 -> error = status.varint() == 2;
                                default -> status.skip(statusTag);
                            }
                        }
                    }
                    default -> wire.skip(tag);
                }
            }
            return new Span(traceId, spanId, parentId, name, start, end, service, attributes, error, statusMessage);
        }

        /** The KeyValues in field {@code field} of a message (Resource.attributes is field 1). */
        private static Map<String, String> attributesOf(Wire wire, int field) {
            Map<String, String> attributes = new LinkedHashMap<>();
            while (wire.more()) {
                int tag = wire.tag();
                if (tag >>> 3 == field) {
                    keyValue(new Wire(wire.bytes()), attributes);
                } else {
                    wire.skip(tag);
                }
            }
            return attributes;
        }

        private static void keyValue(Wire wire, Map<String, String> into) {
            String key = "";
            String value = "";
            while (wire.more()) {
                int tag = wire.tag();
                switch (tag >>> 3) {
                    case 1 -> key = wire.string();
                    case 2 -> value = anyValue(new Wire(wire.bytes()));
                    default -> wire.skip(tag);
                }
            }
            into.put(key, value);
        }

        private static String anyValue(Wire wire) {
            List<String> values = new ArrayList<>();
            while (wire.more()) {
                int tag = wire.tag();
                switch (tag >>> 3) {
                    case 1 -> values.add(wire.string());
                    case 2 -> values.add(String.valueOf(wire.varint() != 0));
                    case 3 -> values.add(String.valueOf(wire.varint()));
                    case 4 -> values.add(String.valueOf(Double.longBitsToDouble(wire.fixed64())));
                    case 5 -> { // ArrayValue: repeated AnyValue values = 1
                        Wire array = new Wire(wire.bytes());
                        List<String> items = new ArrayList<>();
                        while (array.more()) {
                            int itemTag = array.tag();
                            if (itemTag >>> 3 == 1) {
                                items.add(anyValue(new Wire(array.bytes())));
                            } else {
                                array.skip(itemTag);
                            }
                        }
                        values.add(items.toString());
                    }
                    default -> wire.skip(tag);
                }
            }
            return String.join(",", values);
        }
    }

    /** Protobuf wire format: varints, fixed64 and length-delimited fields; enough to read and skip OTLP. */
    static final class Wire {
        private final byte[] data;
        private int position;

        Wire(byte[] data) {
            this.data = data;
        }

        boolean more() {
            return position < data.length;
        }

        int tag() {
            return (int) varint();
        }

        long varint() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                byte b = data[position++];
                value |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new IllegalArgumentException("Malformed varint");
        }

        long fixed64() {
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value |= (long) (data[position++] & 0xFF) << (8 * i);
            }
            return value;
        }

        byte[] bytes() {
            int length = (int) varint();
            byte[] bytes = new byte[length];
            System.arraycopy(data, position, bytes, 0, length);
            position += length;
            return bytes;
        }

        String string() {
            return new String(bytes(), StandardCharsets.UTF_8);
        }

        void skip(int tag) {
            switch (tag & 7) {
                case 0 -> varint();
                case 1 -> position += 8;
                case 2 -> {
                    int length = (int) varint(); // read before position: "position += varint()" would add to the old one
                    position += length;
                }
                case 5 -> position += 4;
                default -> throw new IllegalArgumentException("Unsupported wire type " + (tag & 7));
            }
        }
    }
}
