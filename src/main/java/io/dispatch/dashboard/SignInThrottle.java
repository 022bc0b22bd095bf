package io.dispatch.dashboard;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.dispatch.client.keys.KeyGuessing;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The sign-in form's share of {@link KeyGuessing}: a wrong key counts against the address, and an
 * address with none left is sent back to the form without its key being looked at.
 */
class SignInThrottle extends OncePerRequestFilter implements AuthenticationFailureHandler {

    private final KeyGuessing guessing;

    SignInThrottle(KeyGuessing guessing) {
        this.guessing = guessing;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if ("POST".equals(request.getMethod())
                && request.getRequestURI().equals(request.getContextPath() + DashboardSecurity.SIGN_IN)
                && guessing.blocked(request).isPresent()) {
            response.sendRedirect(request.getContextPath() + DashboardSecurity.SIGN_IN + "?throttled");
            return;
        }
        chain.doFilter(request, response);
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException failure) throws IOException {
        if (failure instanceof BadCredentialsException) {
            guessing.failed(request, failure);
        }
        response.sendRedirect(request.getContextPath() + DashboardSecurity.SIGN_IN + "?error");
    }
}
