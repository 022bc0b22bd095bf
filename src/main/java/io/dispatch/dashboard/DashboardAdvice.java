package io.dispatch.dashboard;

import jakarta.servlet.http.HttpServletResponse;

import io.dispatch.client.Caller;
import io.dispatch.system.ApiException;

import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every dashboard page knows of who is signed in, and how its errors look: a page with the
 * problem's title and detail (a person reads it), where the API answers problem JSON.
 */
@ControllerAdvice(basePackageClasses = DashboardAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class DashboardAdvice {

    @ModelAttribute
    void signedIn(@AuthenticationPrincipal @Nullable Caller caller, Model model) {
        if (caller != null) {
            model.addAttribute("operator", caller.isOperator());
            model.addAttribute("signedInAs", caller.isOperator() ? "operator" : "client key " + caller.keyId());
        }
    }

    @ExceptionHandler(ApiException.class)
    String problem(ApiException ex, Model model, HttpServletResponse response) {
        response.setStatus(ex.type().status().value());
        model.addAttribute("title", ex.type().title());
        model.addAttribute("detail", ex.getMessage());
        return "dashboard/problem";
    }
}
