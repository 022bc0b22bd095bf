package io.dispatch.dashboard;

import io.dispatch.client.keys.KeyGuessing;
import io.dispatch.client.keys.KeySignIn;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;

/**
 * The dashboard's own filter chain, apart from the API's stateless one: a person signs in by
 * pasting a key into a password field (checked exactly like an API key), and stays signed in by a
 * session cookie ({@code HttpOnly}, {@code SameSite=Strict}, {@code Secure} behind TLS). Every form
 * carries a CSRF token; the clients pages are for operators only. A session whose key is revoked ends.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "dispatch.dashboard.enabled", matchIfMissing = true)
class DashboardSecurity {

    static final String SIGN_IN = "/dashboard/sign-in";

    @Bean
    SecurityFilterChain dashboardFilterChain(HttpSecurity http, KeySignIn keys, KeyGuessing guessing) {
        SignInThrottle throttle = new SignInThrottle(guessing);
        http.securityMatcher("/dashboard", "/dashboard/**")
                .authenticationProvider(keys)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(SIGN_IN, "/dashboard/assets/**").permitAll()
                        .requestMatchers("/dashboard/clients", "/dashboard/clients/**").hasRole("ADMIN")
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage(SIGN_IN).loginProcessingUrl(SIGN_IN)
                        .passwordParameter("key")
                        .defaultSuccessUrl("/dashboard", true)
                        .failureHandler(throttle))
                .addFilterBefore(throttle, UsernamePasswordAuthenticationFilter.class)
                .logout(logout -> logout.logoutUrl("/dashboard/sign-out")
                        .logoutSuccessUrl(SIGN_IN + "?signedOut"))
                .addFilterBefore(new RevokedKeySignOut(keys), AuthorizationFilter.class)
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; "
                                + "object-src 'none'")));
        return http.build();
    }
}
