package io.coursegen.contracts;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The breaking changes between a released JSON Schema and its current version, compared node by node
 * along {@code properties}, {@code items} and {@code $defs}: a property (or definition) removed, a
 * property newly required, or a type (or referenced definition) changed. Everything else, above all a
 * new optional property, is compatible within a version.
 */
final class SchemaCompatibility {

    private SchemaCompatibility() {
    }

    static List<String> breakingChanges(JsonNode released, JsonNode current) {
        List<String> problems = new ArrayList<>();
        compare("", released, current, problems);
        return problems;
    }

    private static void compare(String path, JsonNode released, JsonNode current, List<String> problems) {
        Set<String> releasedTypes = types(released);
        Set<String> currentTypes = types(current);
        if (!releasedTypes.equals(currentTypes)) {
            problems.add("changed type at " + at(path) + ": " + releasedTypes + " -> " + currentTypes);
        }
        String releasedRef = released.path("$ref").asString();
        String currentRef = current.path("$ref").asString();
        if (!releasedRef.equals(currentRef)) {
            problems.add("changed type at " + at(path) + ": $ref " + releasedRef + " -> " + currentRef);
        }

        Set<String> releasedRequired = strings(released.path("required"));
        for (String required : strings(current.path("required"))) {
            if (!releasedRequired.contains(required)) {
                problems.add("newly required property " + at(path + "/" + required));
            }
        }
        for (String name : released.path("properties").propertyNames()) {
            JsonNode now = current.path("properties").get(name);
            if (now == null) {
                problems.add("removed property " + at(path + "/" + name));
            } else {
                compare(path + "/" + name, released.path("properties").get(name), now, problems);
            }
        }
        if (released.has("items") && current.has("items")) {
            compare(path + "[]", released.get("items"), current.get("items"), problems);
        }
        for (String name : released.path("$defs").propertyNames()) {
            JsonNode now = current.path("$defs").get(name);
            if (now == null) {
                problems.add("removed definition $defs/" + name);
            } else {
                compare("$defs/" + name, released.path("$defs").get(name), now, problems);
            }
        }
    }

    /** The declared {@code type}: one name or an array of names (none for an {@code enum} or a {@code $ref}). */
    private static Set<String> types(JsonNode schema) {
        JsonNode type = schema.path("type");
        Set<String> types = type.isArray() ? strings(type) : new HashSet<>();
        if (type.isString()) {
            types.add(type.asString());
        }
        return types;
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> values = new HashSet<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }

    private static String at(String path) {
        return path.isEmpty() ? "the root" : path;
    }
}
