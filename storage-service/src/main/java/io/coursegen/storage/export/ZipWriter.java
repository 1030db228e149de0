package io.coursegen.storage.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a zip entry by entry to a stream. Text is deflated; pictures are stored as they are (PNG and JPEG are
 * compressed already), which also lets an unzipper copy them without inflating. Every entry gets the same time
 * (when the course was completed), so exporting a course twice gives the same bytes.
 */
final class ZipWriter {

    private final ZipOutputStream zip;
    private final long time;
    private final Set<String> names = new HashSet<>();

    ZipWriter(OutputStream out, Instant time) {
        this.zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        this.time = (time == null ? Instant.EPOCH : time).toEpochMilli();
    }

    void text(String name, String content) throws IOException {
        ZipEntry entry = entry(name);
        entry.setMethod(ZipEntry.DEFLATED);
        zip.putNextEntry(entry);
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    void bytes(String name, byte[] content) throws IOException {
        ZipEntry entry = entry(name);
        CRC32 crc = new CRC32();
        crc.update(content);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(content.length);
        entry.setCompressedSize(content.length);
        entry.setCrc(crc.getValue());
        zip.putNextEntry(entry);
        zip.write(content);
        zip.closeEntry();
    }

    /** Writes the central directory; the underlying stream stays open. */
    void finish() throws IOException {
        zip.finish();
        zip.flush();
    }

    private ZipEntry entry(String name) {
        if (!names.add(name)) {
            throw new IllegalStateException("Two zip entries named " + name);
        }
        ZipEntry entry = new ZipEntry(name);
        entry.setTime(time);
        return entry;
    }
}
