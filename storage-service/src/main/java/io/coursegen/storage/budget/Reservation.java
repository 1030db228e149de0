package io.coursegen.storage.budget;

import io.coursegen.storage.course.Estimate;
import io.coursegen.storage.quota.Refusal;
import org.bson.Document;

/**
 * A submission's claim on its tenant's monthly budget.
 *
 * @param refusal  why nothing was reserved (over budget); null when it was
 * @param estimate what the course is expected to cost and when it should be done
 * @param account  the course document's {@code budget} field: the month and the micro-USD reserved
 */
public record Reservation(Refusal refusal, Estimate estimate, Document account) {

    public boolean refused() {
        return refusal != null;
    }
}
