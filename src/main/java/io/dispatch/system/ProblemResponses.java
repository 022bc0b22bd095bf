package io.dispatch.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Hands the security filters' refusals to Spring MVC's exception handling, so that a {@code 401}
 * or {@code 403} is written by {@link ProblemHandler} like every other problem.
 */
@Component
public class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final HandlerExceptionResolver resolver;

    ProblemResponses(@Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure) {
        resolver.resolveException(request, response, null, failure);
    }

    /** Answers from a filter with a problem of our own. */
    public void refuse(HttpServletRequest request, HttpServletResponse response, ApiException problem) {
        resolver.resolveException(request, response, null, problem);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied) {
        resolver.resolveException(request, response, null, denied);
    }
}
