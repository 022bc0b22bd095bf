package io.dispatch.system;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    @Bean
    OpenAPI dispatchApi(ObjectProvider<BuildProperties> build) {
        BuildProperties properties = build.getIfAvailable();
        return new OpenAPI().info(new Info()
                .title("Dispatch")
                .version(properties != null ? properties.getVersion() : "dev")
                .description("""
                        Turns slow work into a ticket: submit JSON, get 202 and a ticket id at once; the work runs \
                        on workers and its result is POSTed, signed, to your callbackUrl. Errors are RFC 9457 \
                        problems (application/problem+json) with stable type URIs.""")
                .license(new License().name("Apache-2.0")));
    }
}
