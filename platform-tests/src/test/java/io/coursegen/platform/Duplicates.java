package io.coursegen.platform;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What reveals a part made or kept twice. The stored maps are keyed by part, so a second result for a part would
 * overwrite its own entry and counting entries shows nothing; what does show it is a revision beyond the first or
 * a kept version (the second result applied as a new generation), and a second, different result for the same part
 * on its result topic (the work done twice). An identical copy of a record is one result delivered twice, which
 * every consumer absorbs: that is not counted.
 */
final class Duplicates {

    private Duplicates() {
    }

    /** The parts a stored course holds more than once, each described. */
    static List<String> inStoredCourse(Document stored, int lessonCount) {
        List<String> found = new ArrayList<>();
        Map<?, ?> lessons = map(stored.get("lessons"));
        Map<?, ?> images = map(stored.get("images"));
        if (lessons.size() > lessonCount) {
            found.add((lessons.size() - lessonCount) + " lessons beyond the " + lessonCount + " planned");
        }
        if (images.size() > lessonCount + 1) {
            found.add((images.size() - lessonCount - 1) + " pictures beyond the " + (lessonCount + 1) + " planned");
        }
        lessons.forEach((id, lesson) -> {
            Document entry = (Document) lesson;
            if (beyondFirst(entry.get("revision"))) {
                found.add("lesson " + id + " is at revision " + entry.get("revision"));
            }
            if (!list(entry.get("versions")).isEmpty()) {
                found.add("lesson " + id + " keeps " + list(entry.get("versions")).size() + " earlier versions");
            }
        });
        images.forEach((id, image) -> {
            if (beyondFirst(((Document) image).get("revision"))) {
                found.add("picture " + id + " is at revision " + ((Document) image).get("revision"));
            }
        });
        map(stored.get("imageVersions")).forEach((id, versions) -> {
            if (!list(versions).isEmpty()) {
                found.add("picture " + id + " keeps " + list(versions).size() + " earlier versions");
            }
        });
        return found;
    }

    /**
     * Parts of these courses with more than one different result on {@code lesson.generated} or {@code image.generated}
     * (records of both topics, in any order), each described.
     */
    static List<String> inResults(List<ConsumerRecord<String, String>> results, JsonMapper json, Set<String> courseIds) {
        Map<String, Set<String>> distinctResultsByPart = new HashMap<>();
        for (ConsumerRecord<String, String> record : results) {
            JsonNode value;
            try {
                value = json.readTree(record.value());
            } catch (RuntimeException notJson) {
                continue;
            }
            String courseId = value.path("courseId").asString("");
            if (!courseIds.contains(courseId)) {
                continue;
            }
            String part = record.topic().startsWith("lesson") ? value.path("lessonId").asString() : value.path("imageId").asString();
            String key = record.topic() + " " + courseId + "/" + part + " revision " + value.path("revision").asInt(1);
            distinctResultsByPart.computeIfAbsent(key, k -> new HashSet<>()).add(record.value());
        }
        return distinctResultsByPart.entrySet().stream().filter(entry -> entry.getValue().size() > 1)
                .map(entry -> entry.getKey() + " published " + entry.getValue().size() + " different results")
                .sorted().toList();
    }

    private static boolean beyondFirst(Object revision) {
        return revision instanceof Number number && number.intValue() > 1;
    }

    private static Map<?, ?> map(Object value) {
        return value instanceof Map<?, ?> map ? map : Map.of();
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> list ? list : List.of();
    }
}
