package io.dispatch.client.keys;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * The API's bearer keys in the OpenAPI document: the security scheme (Swagger UI's Authorize
 * button), required by every operation, and the {@code 401} every operation can answer.
 */
@Component
class ApiSecurityDocumentation implements OpenApiCustomizer {

    private static final String SCHEME = "apiKey";

    @Override
    public void customise(OpenAPI openApi) {
        openApi.getComponents().addSecuritySchemes(SCHEME, new SecurityScheme()
                .type(SecurityScheme.Type.HTTP)
                .scheme("bearer")
                .bearerFormat("dsp_…")
                .description("A client's API key (POST /api/v1/clients makes one), or an operator's admin key."));
        openApi.addSecurityItem(new SecurityRequirement().addList(SCHEME));
        ApiResponse unauthorized = new ApiResponse()
                .description("No key, a malformed or unknown one, or a revoked one; WWW-Authenticate: Bearer")
                .content(new Content().addMediaType("application/problem+json", new MediaType()));
        openApi.getPaths().values().forEach(path -> path.readOperations()
                .forEach(operation -> operation.getResponses().addApiResponse("401", unauthorized)));
    }
}
