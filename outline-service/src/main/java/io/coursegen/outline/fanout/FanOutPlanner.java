package io.coursegen.outline.fanout;

import io.coursegen.contracts.CourseOutlined;
import io.coursegen.contracts.PartRequests;
import io.coursegen.contracts.CourseRequested;
import io.coursegen.outline.generation.WrittenOutline;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Numbers the lessons ({@link io.coursegen.contracts.OutlineDraft#numbered}); which requests the numbered outline
 * implies is {@link PartRequests}' to say, since storage-service derives a regenerated lesson's and an approved
 * outline's requests from it too. Pure: same input, same fan-out.
 */
@Component
public class FanOutPlanner {

    public FanOut plan(CourseRequested request, WrittenOutline written, Instant outlinedAt) {
        CourseOutlined outlined = new CourseOutlined(request.courseId(), request.tenantId(),
                written.outline().draft().numbered(), written.usage(), outlinedAt);
        return request.spec().reviewsOutline() ? FanOut.forReview(outlined) : fanOut(request, outlined);
    }

    /**
     * The requests for an outline already published (the same ones {@link #plan} derived from it then); none for a
     * course whose outline waits for review: storage-service requests the approved outline's parts.
     */
    public FanOut fanOut(CourseRequested request, CourseOutlined outlined) {
        return request.spec().reviewsOutline() ? FanOut.forReview(outlined) : new FanOut(outlined,
                PartRequests.of(request.courseId(), request.tenantId(), request.spec(), outlined.outline()));
    }
}
