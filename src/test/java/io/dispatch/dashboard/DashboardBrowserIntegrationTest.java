package io.dispatch.dashboard;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.dispatch.CallbackReceiver;
import io.dispatch.IntegrationTest;
import io.dispatch.TestClients;
import io.dispatch.TestClients.TestClient;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard in a real browser (headless Chromium) against the whole service on real
 * PostgreSQL, RabbitMQ and an HTTP receiver: what a client team and an operator do with it.
 */
@IntegrationTest
class DashboardBrowserIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    Browser browser;
    ChromeDriver driver;
    CallbackReceiver.Endpoint receiver;

    @BeforeEach
    void openBrowser() {
        browser = Browser.start();
        driver = browser.driver();
        receiver = CallbackReceiver.shared().endpoint();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void aClientTeamFollowsItsTicketFromSubmissionToRedeliveryAndSeesNoOtherClients() {
        TestClient helpdesk = TestClients.create(port);
        TestClient magazine = TestClients.create(port);
        signIn(helpdesk.key());
        assertThat(driver.getCurrentUrl()).endsWith("/dashboard").doesNotContain(helpdesk.key());
        assertThat(driver.getPageSource()).doesNotContain(helpdesk.key());
        driver.executeScript("window.notReloaded = true;");
        long deliveredBefore = count("count-delivered");

        String requestId = "req-" + UUID.randomUUID();
        String ticketId = helpdesk.api().submit("echo-test", Map.of("request-id", requestId, "email",
                "test@example.com", "name", "Jan", "surname", "Kowalski", "callbackUrl", receiver.url()))
                .json().get("ticketId").asString();

        await("the overview counts the delivery without a reload").atMost(PATIENCE).ignoreExceptions()
                .until(() -> count("count-delivered") > deliveredBefore);
        assertThat(driver.executeScript("return window.notReloaded === true;")).isEqualTo(true);
        browser.screenshot("overview", 1280, 1000, false);
        browser.screenshot("overview-dark", 1280, 1000, true);
        browser.screenshot("overview-phone", 390, 1400, false);

        driver.get(url("/dashboard/tickets"));
        driver.findElement(By.cssSelector("input[name=status][value=COMPLETED]")).click();
        driver.findElement(By.id("apply-filters")).click();
        awaitUrl("status=COMPLETED");
        assertThat(ticketLinks()).contains(ticketId);
        browser.screenshot("tickets", 1280, 900, false);

        driver.findElement(By.linkText(ticketId)).click();
        awaitUrl("/dashboard/tickets/" + ticketId);
        assertThat(driver.findElement(By.id("ticket-status")).getText()).isEqualTo("COMPLETED");
        assertThat(driver.findElement(By.id("delivery-status")).getText()).isEqualTo("DELIVERED");
        assertThat(attemptRows()).isEqualTo(1);
        driver.findElement(By.id("redeliver")).click();
        await("the redelivery is confirmed in place").atMost(PATIENCE).ignoreExceptions()
                .until(() -> driver.findElement(By.id("redeliver-message")).getText().contains("Redelivery scheduled"));
        await("the redelivery's attempt appears").atMost(PATIENCE).ignoreExceptions()
                .until(() -> attemptRows() == 2
                        && driver.findElement(By.id("delivery-status")).getText().equals("DELIVERED"));
        assertThat(receiver.received()).hasSize(2);
        browser.screenshot("ticket", 1280, 1100, false);
        browser.screenshot("ticket-phone", 390, 1600, true);

        signOut();
        signIn(magazine.key());
        driver.get(url("/dashboard/tickets/" + ticketId));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Ticket not found");
        driver.get(url("/dashboard/tickets"));
        assertThat(driver.getPageSource()).doesNotContain(ticketId);
        driver.findElement(By.name("q")).sendKeys(ticketId + "\n");
        awaitUrl("requestId=" + ticketId);
        assertThat(driver.findElements(By.id("no-tickets"))).hasSize(1);
        driver.get(url("/dashboard/clients"));
        assertThat(driver.getPageSource()).doesNotContain(helpdesk.name());
    }

    @Test
    void anOperatorSeesEachClientsFiguresAndAPhoneReadsTheTicketList() {
        TestClient magazine = TestClients.create(port);
        TestClients.admin(port).put("/api/v1/clients/" + magazine.clientId() + "/limits",
                "{\"submissionsPerSecond\": 1, \"submissionBurst\": 50}");
        // Fifty and then some, until the bucket is empty and one is refused.
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(1)).until(() -> magazine.api().submit("echo-test",
                Map.of("request-id", "req-" + UUID.randomUUID(), "email", "a@example.com", "name", "A", "surname", "B",
                        "callbackUrl", receiver.url())).status() == 429);
        signIn(TestClients.ADMIN_KEY);

        By line = By.cssSelector("#client-figures tr[data-client='" + magazine.name() + "']");
        await("the refusal reaches the overview").atMost(PATIENCE).ignoreExceptions()
                .until(() -> driver.findElement(line).findElement(By.className("rate-limited")).getText().equals("1"));
        assertThat(driver.findElement(line).findElement(By.className("open")).getText()).endsWith("of 100000");

        driver.get(url("/dashboard/clients"));
        By limitsForm = By.cssSelector("form.limits[data-client='" + magazine.name() + "']");
        driver.findElement(limitsForm).findElement(By.name("parallelCallbacks")).sendKeys("5");
        driver.findElement(limitsForm).findElement(By.cssSelector("button:not([name])")).click();
        await("the limits are set from the clients page").atMost(PATIENCE).ignoreExceptions()
                .until(() -> driver.findElement(By.className("notice")).getText().contains(magazine.name()));
        assertThat(magazine.api().get("/api/v1/clients/me/limits").json().get("parallelCallbacks").asInt()).isEqualTo(5);
        assertThat(driver.findElement(limitsForm).findElement(By.name("parallelCallbacks")).getAttribute("placeholder"))
                .isEqualTo("5");

        driver.manage().window().setSize(new Dimension(390, 900));
        driver.get(url("/dashboard/tickets?clientId=" + magazine.clientId()));
        WebElement first = driver.findElement(By.cssSelector("#ticket-list tbody tr"));
        assertThat(first.findElement(By.className("client")).getText()).isEqualTo(magazine.name());
        assertThat(first.findElement(By.className("client")).getAttribute("title")).isEqualTo(magazine.clientId());
        WebElement created = first.findElement(By.cssSelector("td.created time"));
        assertThat(created.getText()).matches("just now|\\d+ (s|min) ago");
        assertThat(created.getAttribute("title")).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
        long width = (Long) driver.executeScript("return document.documentElement.scrollWidth;");
        long height = (Long) driver.executeScript("return document.documentElement.scrollHeight;");
        System.out.printf("dashboard: 50 tickets at 390 px wide: %d px tall, %d px wide%n", height, width);
        browser.screenshot("tickets-phone", 390, 1400, false);
        assertThat(width).isLessThanOrEqualTo(390);
        // Seven columns squeezed into 390 px made the page about 8,900 px tall.
        assertThat(height).isLessThan(5500);
    }

    @Test
    void anOperatorMakesAClientWhoseKeyWorksAndSignsOut() {
        signIn(TestClients.ADMIN_KEY);
        driver.get(url("/dashboard/clients"));
        String name = "browser-" + UUID.randomUUID().toString().substring(0, 8);

        driver.findElement(By.id("client-name")).sendKeys(name);
        driver.findElement(By.id("make-client")).click();
        await().atMost(PATIENCE).ignoreExceptions().until(() -> driver.findElement(By.id("created-key")).isDisplayed());

        String key = driver.findElement(By.id("created-key")).getText();
        assertThat(key).startsWith("dsp_");
        assertThat(driver.findElement(By.id("created-secret")).getText()).startsWith("whsec_");
        assertThat(TestClients.admin(port).withKey(key).get("/api/v1/clients/me").json().get("name").asString())
                .isEqualTo(name);
        browser.screenshot("clients", 1280, 1000, false);

        signOut();
        assertThat(driver.getCurrentUrl()).contains("/dashboard/sign-in");
        browser.screenshot("sign-in", 1280, 700, false);
        driver.get(url("/dashboard"));
        assertThat(driver.getCurrentUrl()).contains("/dashboard/sign-in");
        assertThat(driver.findElements(By.id("key"))).hasSize(1);
    }

    @Test
    void endsTheSessionOfAKeyThatIsRevoked() {
        TestClient client = TestClients.create(port);
        signIn(client.key());
        assertThat(driver.findElements(By.id("live"))).hasSize(1);

        assertThat(TestClients.admin(port).delete("/api/v1/clients/" + client.clientId() + "/keys/" + client.keyId())
                .status()).isEqualTo(204);

        driver.get(url("/dashboard/tickets"));
        awaitUrl("/dashboard/sign-in");
        assertThat(driver.findElements(By.id("key"))).hasSize(1);
    }

    @Test
    void refusesAKeyThatIsNotOne() {
        signIn("dsp_this_is_not_a_key_at_all_0000000000000000000000000000000");

        assertThat(driver.getCurrentUrl()).contains("/dashboard/sign-in?error");
        assertThat(driver.getCurrentUrl()).doesNotContain("dsp_");
        assertThat(driver.getPageSource()).contains("That key was not accepted").doesNotContain("dsp_this_is_not");
    }

    private void signIn(String key) {
        driver.get(url("/dashboard/sign-in"));
        WebElement field = driver.findElement(By.id("key"));
        assertThat(field.getAttribute("type")).isEqualTo("password");
        field.sendKeys(key);
        driver.findElement(By.id("sign-in")).click();
        await("signed in, or refused").atMost(PATIENCE).until(() -> driver.getCurrentUrl().endsWith("/dashboard")
                || driver.getCurrentUrl().contains("?error"));
    }

    private void signOut() {
        driver.findElement(By.id("sign-out")).click();
        await().atMost(PATIENCE).until(() -> driver.getCurrentUrl().contains("/dashboard/sign-in"));
    }

    private void awaitUrl(String part) {
        await("the browser at " + part).atMost(PATIENCE).until(() -> driver.getCurrentUrl().contains(part));
    }

    private long count(String id) {
        return Long.parseLong(driver.findElement(By.id(id)).getText().trim());
    }

    private int attemptRows() {
        return driver.findElements(By.cssSelector("#attempts tbody tr")).size();
    }

    private java.util.List<String> ticketLinks() {
        return driver.findElements(By.cssSelector("a.ticket-link")).stream().map(WebElement::getText).toList();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }
}
