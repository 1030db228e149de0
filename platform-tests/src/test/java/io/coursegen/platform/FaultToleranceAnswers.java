package io.coursegen.platform;

import io.coursegen.testkit.FakeOpenAiServer.Received;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the local model server answers in the fault scenarios: a valid outline with as many lessons as the prompt
 * asks for (one or two), a valid lesson and a valid picture plan, whatever the topic.
 */
final class FaultToleranceAnswers {

    private static final Pattern LESSON_COUNT = Pattern.compile("exactly (\\d+) lessons");

    private FaultToleranceAnswers() {
    }

    static String answer(Received request) {
        return switch (request.schemaName()) {
            case "GeneratedOutline" -> outline(request.prompt());
            case "GeneratedLesson" -> """
                    {"markdown": "## Introduction\\nRetries help.\\n## Summary\\nBack off.",
                     "keyTakeaways": ["Retry transient failures", "Back off with jitter", "Stop when it cannot help"],
                     "quiz": [
                       {"question": "Retry a 400?", "options": ["Yes", "No", "Always", "Twice"], "correctOption": 1, "explanation": "It will not change."},
                       {"question": "Retry a 503?", "options": ["No", "Yes, later", "Never", "Only once"], "correctOption": 1, "explanation": "It may pass."},
                       {"question": "Why jitter?", "options": ["Style", "Spread load", "Speed", "None"], "correctOption": 1, "explanation": "Avoid herds."}]}
                    """;
            case "PicturePlan" -> """
                    {"visualConcept": "A bridge with a spare cable", "caption": "Redundancy keeps the bridge up.",
                     "altText": "A suspension bridge with one spare cable, illustrating redundancy.",
                     "imagePrompt": "A suspension bridge with a spare cable, flat illustration"}
                    """;
            default -> throw new IllegalArgumentException("Unexpected schema " + request.schemaName());
        };
    }

    private static String outline(String prompt) {
        Matcher count = LESSON_COUNT.matcher(prompt);
        int lessons = count.find() ? Integer.parseInt(count.group(1)) : 1;
        String retries = """
                {"title": "Retries", "summary": "Trying again, carefully.", "objectives": ["Explain retries"],
                 "keyConcepts": ["retry", "back-off"], "estimatedMinutes": 8}""";
        String breakers = """
                {"title": "Circuit breakers", "summary": "Stopping before it hurts.", "objectives": ["Describe circuit breakers"],
                 "keyConcepts": ["circuit breaker", "half-open"], "estimatedMinutes": 9}""";
        return """
                {"title": "Fault tolerance", "description": "Staying up when parts fail.", "audience": "engineers",
                 "prerequisites": [], "learningObjectives": ["Explain retries", "Describe circuit breakers", "Apply back-off"],
                 "modules": [{"title": "Basics", "lessons": [%s]}]}
                """.formatted(lessons == 1 ? retries : retries + ", " + breakers);
    }
}
