package io.coursegen.storage.export;

import io.coursegen.contracts.CourseSpec;
import io.coursegen.contracts.CourseStatus;
import io.coursegen.contracts.Lesson;
import io.coursegen.contracts.Outline;
import io.coursegen.contracts.Usage;
import io.coursegen.storage.course.StoredCourse;
import io.coursegen.storage.course.StoredCourse.StoredImage;
import io.coursegen.storage.course.StoredCourse.StoredLesson;
import io.coursegen.storage.course.StoredCourse.StoredOutline;
import io.coursegen.testkit.TestImages;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A completed course held in memory, with real PNG pictures, and text that tries to inject markup where users and
 * models can put text: lesson Markdown, a caption, alt text, a quiz.
 */
final class ExportFixtures {

    static final String COURSE_ID = "course-7f3a";
    static final String TITLE = "Quantum computing, gently";
    static final String MARKDOWN_SCRIPT = "<script>alert('markdown')</script>";
    static final String CAPTION_SCRIPT = "<script>alert('caption')</script>";
    static final Instant CREATED = Instant.parse("2026-11-28T09:00:00Z");
    static final Instant COMPLETED = Instant.parse("2026-11-28T09:04:30Z");

    /** Picture bytes by object key; each picture has its own size, so its own bytes. */
    final Map<String, byte[]> bytesByKey = new LinkedHashMap<>();
    final StoredCourse course;

    ExportFixtures(String language, String title) {
        Map<String, StoredLesson> lessons = new LinkedHashMap<>();
        Map<String, StoredImage> images = new LinkedHashMap<>();
        images.put("cover", image("cover", null, 64, 48, "A friendly cat in a box", "A cat sits in an open box"));
        // stored in arrival order, not position order: exports must sort
        lessons.put("lesson-02", lesson(2, "Superposition & measurement", """
                ## What superposition means

                A qubit can be in a blend of 0 and 1.

                ### Measuring

                Measuring gives **one** answer.
                """, List.of(question("What does measuring a qubit give?", List.of("Both", "One answer", "None"), 1,
                "A measurement always yields a single outcome."))));
        images.put("lesson-02", image("lesson-02", "lesson-02", 40, 30,
                "A cat that is " + CAPTION_SCRIPT + " both asleep and awake",
                "Schrödinger's \"cat\" in a box <b>bold</b>"));
        lessons.put("lesson-01", lesson(1, "What is a qubit?", """
                ## Why it matters

                Plain text with %s inside and a [link](javascript:alert(1)).

                <div onclick="alert('block')">raw block</div>

                #### A heading that skips a level

                | Term | Meaning |
                |---|---|
                | qubit | a two-state system |
                """.formatted(MARKDOWN_SCRIPT),
                List.of(question("Which is a qubit?", List.of("A bit", "A two-state quantum system", "A byte",
                                "A <script>alert('option')</script> trick"), 1, "It is a two-state system."),
                        question("How many states can a classical bit be in at once?", List.of("One", "Two"), 0,
                                "Exactly one of 0 or 1."))));
        images.put("lesson-01", image("lesson-01", "lesson-01", 32, 24, "A coin spinning in the air",
                "A coin in mid-air, neither heads nor tails"));
        lessons.put("lesson-03", lesson(3, "Entanglement", "## Two qubits\n\nThey share one state.\n", List.of()));
        images.put("lesson-03", image("lesson-03", "lesson-03", 48, 36, "Two linked dice", "Two dice joined by a thread"));
        this.course = new StoredCourse(COURSE_ID, "acme", CourseStatus.COMPLETED,
                new CourseSpec("Quantum computing", "product managers", "beginner", language, 3, true, "flat"),
                new StoredOutline(title, "A short course for busy people & their teams.", "product managers",
                        List.of("Curiosity"), List.of("Explain a qubit", "Explain superposition")),
                lessons, images, new Usage("openai", "gpt-test", 1, 300, 400, 0), Map.of(), 12, 8, 8, null,
                CREATED, COMPLETED, COMPLETED);
    }

    ExportFixtures() {
        this("en", TITLE);
    }

    PictureSource pictures() {
        return new PictureSource() {
            @Override
            public void checkReadable(List<ExportedCourse.Picture> pictures) throws IOException {
                for (ExportedCourse.Picture picture : pictures) {
                    bytes(picture);
                }
            }

            @Override
            public byte[] bytes(ExportedCourse.Picture picture) throws IOException {
                byte[] bytes = bytesByKey.get(picture.objectKey());
                if (bytes == null) {
                    throw new IOException("No object " + picture.objectKey());
                }
                return bytes;
            }
        };
    }

    byte[] pictureOf(String imageId) {
        return bytesByKey.get(course.images().get(imageId).objectKey());
    }

    byte[] export(CourseExporter exporter) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            exporter.write(ExportedCourse.of(course), pictures(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static StoredLesson lesson(int position, String title, String markdown, List<Lesson.QuizQuestion> quiz) {
        String id = "lesson-%02d".formatted(position);
        return new StoredLesson(id,
                new Outline.OutlineLesson(id, position, title, "Summary of " + title, List.of("objective"),
                        List.of("concept"), 10),
                new Lesson(title, markdown, List.of("Takeaway one of " + title, "Takeaway two"), quiz),
                new Usage("openai", "gpt-test", 1, 100, 200, 0), COMPLETED);
    }

    private static Lesson.QuizQuestion question(String text, List<String> options, int correct, String explanation) {
        return new Lesson.QuizQuestion(text, options, correct, explanation);
    }

    private StoredImage image(String imageId, String lessonId, int width, int height, String caption, String alt) {
        byte[] png = TestImages.png(width, height);
        String sha256 = sha256(png);
        String key = "images/" + sha256 + ".png";
        bytesByKey.put(key, png);
        return new StoredImage(imageId, lessonId, key, "image/png", width, height, png.length, sha256,
                "a visual concept", caption, alt, "a prompt", new Usage("openai", "gpt-image-test", 2, 50, 20, 1));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
