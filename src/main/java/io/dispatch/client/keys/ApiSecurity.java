package io.dispatch.client.keys;

import io.dispatch.client.Caller;
import io.dispatch.system.ProblemResponses;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The API's filter chain: stateless, every call with {@code Authorization: Bearer <key>}. It is
 * Spring Security's opaque-token resource server with {@link KeyIntrospector} as the introspector,
 * so the bearer parsing, the {@code 401} and the context are Spring's; only the key lookup is
 * ours. Refusals are problems written by the same handler as every other error.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurity {

    @Bean
    SecurityFilterChain apiFilterChain(HttpSecurity http, KeyIntrospector introspector, KeyGuessing guessing,
            ProblemResponses problems) {
        http.securityMatcher("/api/**")
                .authorizeHttpRequests(requests -> requests
                        // Work always belongs to a client, so an operator cannot submit.
                        .requestMatchers(HttpMethod.POST, "/api/v1/tasks/**").hasRole(Caller.CLIENT)
                        // What a client may do with its own entry; the controller scopes it to the caller.
                        .requestMatchers(HttpMethod.GET, "/api/v1/clients/*", "/api/v1/clients/*/webhook-secrets",
                                "/api/v1/clients/*/limits")
                        .authenticated()
                        .requestMatchers(HttpMethod.POST, "/api/v1/clients/*/webhook-secrets").authenticated()
                        .requestMatchers("/api/v1/clients", "/api/v1/clients/**").hasRole(Caller.ADMIN)
                        .anyRequest().authenticated())
                .oauth2ResourceServer(server -> server
                        .opaqueToken(token -> token.introspector(introspector))
                        .authenticationEntryPoint((request, response, failure) -> {
                            if (failure instanceof InvalidBearerTokenException) {
                                guessing.failed(request, failure);
                            }
                            problems.commence(request, response, failure);
                        })
                        .accessDeniedHandler(problems))
                .addFilterBefore(new KeyGuessingFilter(guessing, problems), BearerTokenAuthenticationFilter.class)
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // Bearer keys are not sent by browsers on their own, so there is no cross-site request to forge.
                .csrf(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable);
        return http.build();
    }

    /**
     * No observations of Spring Security's own: it would wrap each filter of every request in one,
     * a large part of a submission's cost.
     * The HTTP server observation still times and traces every request.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }
}
