package io.dispatch.system;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One cap on every request body, {@code dispatch.api.max-body-size}, before anything reads it:
 * a body that says it is larger gets {@code 413} at once, and one sent without a length fails with
 * the same problem when a reader passes the cap, so that no endpoint (an admin call, a dashboard
 * form) reads an unbounded body into memory.
 */
class RequestBodyLimit extends OncePerRequestFilter {

    private final ApiProperties properties;
    private final ProblemResponses problems;

    RequestBodyLimit(ApiProperties properties, ProblemResponses problems) {
        this.properties = properties;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > properties.maxBodySize().toBytes()) {
            problems.refuse(request, response, properties.bodyTooLarge());
            return;
        }
        chain.doFilter(request.getContentLengthLong() < 0 ? new Capped(request, properties) : request, response);
    }

    /** A request without a length whose body ends in an error at the cap. */
    private static final class Capped extends HttpServletRequestWrapper {

        private final ApiProperties properties;
        private @Nullable ServletInputStream capped;

        Capped(HttpServletRequest request, ApiProperties properties) {
            super(request);
            this.properties = properties;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (capped == null) {
                capped = new CappedStream(super.getInputStream(), properties);
            }
            return capped;
        }
    }

    private static final class CappedStream extends ServletInputStream {

        private final ServletInputStream in;
        private final ApiProperties properties;
        private long read;

        CappedStream(ServletInputStream in, ApiProperties properties) {
            this.in = in;
            this.properties = properties;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            count(Math.max(n, 0));
            return n;
        }

        /** Throws the problem itself: readers pass it on as it is, where they would wrap an I/O error. */
        private void count(int n) {
            read += n;
            if (read > properties.maxBodySize().toBytes()) {
                throw properties.bodyTooLarge();
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
