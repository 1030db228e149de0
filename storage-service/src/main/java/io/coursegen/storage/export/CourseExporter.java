package io.coursegen.storage.export;

import java.io.IOException;
import java.io.OutputStream;
import org.springframework.http.MediaType;

/** One export format. Implementations write synchronously to a stream; they are called off the event loop. */
interface CourseExporter {

    /** The value of the {@code format} query parameter that selects it. */
    String format();

    MediaType contentType();

    /** The download's file name for a course whose slug is given, e.g. {@code quantum-computing.json}. */
    String fileName(String slug);

    /** Whether {@link #write} reads picture bytes (and so needs them checked before the answer starts). */
    boolean includesPictures();

    /** Writes the whole export; does not close {@code out}. */
    void write(ExportedCourse course, PictureSource pictures, OutputStream out) throws IOException;
}
