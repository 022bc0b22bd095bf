package io.dispatch.client.keys;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.dispatch.system.ApiException;
import io.dispatch.system.ProblemResponses;
import io.dispatch.system.ProblemType;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/** Refuses an API call with a key from an address that has presented too many wrong ones lately. */
class KeyGuessingFilter extends OncePerRequestFilter {

    private final KeyGuessing guessing;
    private final ProblemResponses problems;

    KeyGuessingFilter(KeyGuessing guessing, ProblemResponses problems) {
        this.guessing = guessing;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Long> wait = request.getHeader(HttpHeaders.AUTHORIZATION) == null ? Optional.empty()
                : guessing.blocked(request).map(KeyGuessing::seconds);
        if (wait.isPresent()) {
            problems.refuse(request, response, new ApiException(ProblemType.TOO_MANY_FAILED_KEYS,
                    "Too many wrong keys came from this address; try again in " + wait.get() + " s.",
                    Map.of(HttpHeaders.RETRY_AFTER, Long.toString(wait.get()))));
            return;
        }
        chain.doFilter(request, response);
    }
}
