package io.dispatch.callback;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** The W3C {@code traceparent} of the current span, to carry a trace into callbacks sent later. */
@Component
class CurrentTrace {

    private final @Nullable Tracer tracer;

    CurrentTrace(ObjectProvider<Tracer> tracer) {
        this.tracer = tracer.getIfAvailable();
    }

    @Nullable
    String traceparent() {
        Span span = tracer == null ? null : tracer.currentSpan();
        if (span == null) {
            return null;
        }
        TraceContext context = span.context();
        return "00-" + context.traceId() + "-" + context.spanId() + "-"
                + (Boolean.TRUE.equals(context.sampled()) ? "01" : "00");
    }
}
