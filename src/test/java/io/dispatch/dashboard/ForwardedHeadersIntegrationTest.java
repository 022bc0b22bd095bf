package io.dispatch.dashboard;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.dispatch.IntegrationTest;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Behind a TLS-terminating proxy (here: a request from loopback, which Tomcat counts as an
 * internal proxy, saying X-Forwarded-Proto: https), the dashboard's session cookie is Secure and
 * HSTS is sent; over plain HTTP without the proxy's word, neither.
 */
@IntegrationTest
class ForwardedHeadersIntegrationTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    @Test
    void theSessionCookieIsSecureAndHstsIsSentWhenTheProxySaysTls() throws Exception {
        HttpResponse<String> proxied = signInPage("https");

        assertThat(proxied.headers().firstValue("Strict-Transport-Security")).hasValueSatisfying(
                hsts -> assertThat(hsts).contains("max-age="));
        assertThat(proxied.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("DISPATCH_SESSION=").contains("Secure", "HttpOnly", "SameSite=Strict"));
    }

    @Test
    void neitherOverPlainHttp() throws Exception {
        HttpResponse<String> plain = signInPage(null);

        assertThat(plain.headers().firstValue("Strict-Transport-Security")).isEmpty();
        assertThat(plain.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("DISPATCH_SESSION=").doesNotContain("Secure"));
    }

    private HttpResponse<String> signInPage(String forwardedProto) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/dashboard/sign-in"));
        if (forwardedProto != null) {
            request.header("X-Forwarded-Proto", forwardedProto);
        }
        return HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
