package io.dispatch.dashboard;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page: a password field for the key; Spring Security's form login takes the post. */
@Controller
@ConditionalOnBooleanProperty(name = "dispatch.dashboard.enabled", matchIfMissing = true)
class SignInPage {

    @GetMapping(DashboardSecurity.SIGN_IN)
    String signIn() {
        return "dashboard/sign-in";
    }
}
