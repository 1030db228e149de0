package io.coursegen.content;

import io.coursegen.llm.LlmCalls;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationView;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records when each model call ran and under which observation, as a trace would show it. */
class ModelCallTimeline implements ObservationHandler<Observation.Context> {

    record Call(long startedNanos, long stoppedNanos, String parent) {
    }

    private record Started(long nanos) {
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();

    @Override
    public boolean supportsContext(Observation.Context context) {
        return LlmCalls.OBSERVATION.equals(context.getName());
    }

    @Override
    public void onStart(Observation.Context context) {
        context.put(Started.class, new Started(System.nanoTime()));
    }

    @Override
    public void onStop(Observation.Context context) {
        ObservationView parent = context.getParentObservation();
        Started started = context.getRequired(Started.class);
        calls.add(new Call(started.nanos(), System.nanoTime(), parent == null ? null : parent.getContextView().getName()));
    }

    List<Call> inOrder() {
        return calls.stream().sorted(Comparator.comparingLong(Call::startedNanos)).toList();
    }
}
