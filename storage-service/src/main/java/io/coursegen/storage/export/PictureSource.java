package io.coursegen.storage.export;

import java.io.IOException;
import java.util.List;

/** Where exporters get picture bytes. Blocking: callers are on a bounded-elastic thread, never on Netty's. */
interface PictureSource {

    /** Fails before any byte of an export is sent if a picture cannot be read, so the client gets a problem. */
    void checkReadable(List<ExportedCourse.Picture> pictures) throws IOException;

    byte[] bytes(ExportedCourse.Picture picture) throws IOException;
}
