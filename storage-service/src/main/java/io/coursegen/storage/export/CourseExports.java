package io.coursegen.storage.export;

import io.coursegen.contracts.CourseStatus;
import io.coursegen.storage.course.StoredCourse;
import io.coursegen.storage.slots.TenantSlots;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Turns a stored course into a download: refuses unknown formats (400) and courses that are not completed (409),
 * checks the pictures can be read before anything is answered (503 otherwise), then streams the file while it is
 * written. Writing runs on a thread of the exports' own bounded pool and blocks there when the client reads slowly, so
 * memory holds one picture and one chunk at a time, however large the export, and slow readers hold export threads
 * only; a tenant may stream {@code coursegen.exports.per-tenant} exports at once across all storage instances (429
 * beyond), each holding one of the tenant's {@link TenantSlots slots} from before its pictures are checked until its
 * body ends.
 */
@Component
public class CourseExports {

    private static final Logger log = LoggerFactory.getLogger(CourseExports.class);
    private static final int CHUNK_BYTES = 64 * 1024;
    private static final String SLOTS = "exports";

    private final ExportFormats formats;
    private final PictureSource pictures;
    /** Exports only: a slow reader blocks one of these, never a thread of the shared pool course reads use. */
    private final Scheduler scheduler;
    private final ExportProperties properties;
    private final TenantSlots slots;

    CourseExports(ExportFormats formats, PictureSource pictures, ExportProperties properties, TenantSlots slots) {
        this.formats = formats;
        this.pictures = pictures;
        this.scheduler = Schedulers.newBoundedElastic(properties.threads(), properties.threads() * 16, "course-export",
                60, true);
        this.properties = properties;
        this.slots = slots;
    }

    /**
     * @param format the {@code format} query parameter as given; checked before {@code course} is read
     * @param course the caller's course, already checked to be theirs
     */
    public Mono<Export> export(String format, Mono<StoredCourse> course) {
        return Mono.fromCallable(() -> formats.get(format))
                .flatMap(exporter -> course
                        .map(CourseExports::exportable)
                        .flatMap(exported -> prepare(exporter, exported)));
    }

    private static ExportedCourse exportable(StoredCourse course) {
        if (course.status() != CourseStatus.COMPLETED) {
            throw new CourseNotExportableException(course.status());
        }
        return ExportedCourse.of(course);
    }

    private Mono<Export> prepare(CourseExporter exporter, ExportedCourse course) {
        int perTenant = properties.perTenant();
        Mono<Void> picturesReadable = !exporter.includesPictures() ? Mono.empty()
                : Mono.<Void>fromRunnable(() -> checkPictures(course)).subscribeOn(scheduler);
        return slots.take(SLOTS, course.source().tenantId(), perTenant, properties.lease())
                .switchIfEmpty(Mono.error(() -> new TooManyExportsException(perTenant)))
                .flatMap(slot -> {
                    AtomicBoolean handedOver = new AtomicBoolean();
                    return picturesReadable
                            .then(Mono.fromSupplier(() -> {
                                log.info("Exporting course {} as {}", course.courseId(), exporter.format());
                                handedOver.set(true);
                                // renewed while it streams; a prepared export whose body is never read holds its
                                // slot for one lease at most
                                return new Export(exporter.fileName(course.slug()), exporter.contentType(),
                                        slot.hold(body(exporter, course)));
                            }))
                            .doOnError(error -> slot.release())
                            // a Mono is cancelled after its value too (block(), next()): the body owns the slot then
                            .doOnCancel(() -> {
                                if (!handedOver.get()) {
                                    slot.release();
                                }
                            });
                });
    }

    private void checkPictures(ExportedCourse course) {
        try {
            pictures.checkReadable(course.pictures());
        } catch (IOException e) {
            log.warn("Cannot export course {}: {}", course.courseId(), e.getMessage());
            throw new MediaUnavailableException(e);
        }
    }

    /**
     * Once the first chunk is sent the answer is a 200; a failure after that can only cut the download short,
     * which the client sees as an incomplete transfer.
     */
    private Flux<DataBuffer> body(CourseExporter exporter, ExportedCourse course) {
        return Flux.from(DataBufferUtils.outputStreamPublisher(out -> {
                    try {
                        exporter.write(course, pictures, out);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }, DefaultDataBufferFactory.sharedInstance, scheduler::schedule, CHUNK_BYTES))
                .doOnError(e -> log.warn("Export of course {} as {} broke off: {}", course.courseId(),
                        exporter.format(), e.toString()));
    }
}
