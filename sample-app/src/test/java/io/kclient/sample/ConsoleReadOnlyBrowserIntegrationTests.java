package io.kclient.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The console for someone who may look but not act (here Actuator's read-only access to the
 * endpoint; a Spring Security rule refusing its POSTs has the same effect): it shows everything, says
 * it is read-only, and offers no button that would change anything.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"management.endpoint.kclient.access=read-only"})
class ConsoleReadOnlyBrowserIntegrationTests {

    @DynamicPropertySource
    static void sharedKafka(DynamicPropertyRegistry registry) {
        OnSharedKafka.register(registry, "console-read-only");
    }

    @LocalServerPort
    int port;

    private HeadlessChromium chromium;

    @AfterEach
    void close() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void aUserWhoMayNotActSeesEverythingAndCanPressNothing() {
        chromium = HeadlessChromium.start();
        assertThat(new Http(port).post("/api/messages/console-read-only.dogs", "{\"name\":\"Nameless\",\"age\":3}").statusCode()).isEqualTo(202);
        chromium.driver().get("http://localhost:" + port + "/actuator/kclient/console");

        WebDriverWait wait = new WebDriverWait(chromium.driver(), Duration.ofSeconds(60));
        wait.until(driver -> driver.findElement(By.id("access")).isDisplayed());
        WebElement dogs = wait.until(driver -> driver.findElement(By.cssSelector("[data-handler='dogs']")));
        wait.until(driver -> dogs.findElement(By.cssSelector(".state")).getText().equals("RUNNING"));
        List<WebElement> letters = wait.until(driver -> {
            List<WebElement> rows = dogs.findElements(By.cssSelector("tr.dead-letter"));
            return rows.isEmpty() ? null : rows;
        });

        assertThat(chromium.driver().findElement(By.id("access")).getText()).isEqualTo("read-only");
        assertThat(chromium.driver().findElements(By.cssSelector(".actions button"))).isNotEmpty()
                .allSatisfy(button -> assertThat(button.isEnabled()).as(button.getText()).isFalse());
        assertThat(letters).allSatisfy(row -> assertThat(row.findElement(By.cssSelector("button.redrive")).isEnabled()).isFalse());
    }
}
