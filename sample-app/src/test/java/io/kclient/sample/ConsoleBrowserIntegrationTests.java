package io.kclient.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The operations console in a real browser, as an operator uses it: dogs posted to the sample make
 * the counts and charts move, a pause and a resume change the handler's state, and a dead letter's
 * redrive button sends it back (the dog fails again and returns counted). Skipped where no Chromium
 * is installed. With {@code -Dconsole.screenshot=<file>} it also saves what the console shows at
 * the end (the docs' docs/images/console.png comes from there).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsoleBrowserIntegrationTests {

    @DynamicPropertySource
    static void sharedKafka(DynamicPropertyRegistry registry) {
        OnSharedKafka.register(registry, "console");
    }

    private static final Duration WAIT = Duration.ofSeconds(60);

    @LocalServerPort
    int port;

    private HeadlessChromium chromium;
    private WebDriver browser;
    private Http http;

    @BeforeEach
    void openTheConsole() {
        chromium = HeadlessChromium.start();
        browser = chromium.driver();
        http = new Http(port);
        browser.get("http://localhost:" + port + "/actuator/kclient/console");
    }

    @AfterEach
    void close() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void anOperatorSeesTheCountsMovePausesAndResumesAHandlerAndRedrivesADeadLetter() throws Exception {
        WebElement dogs = until(() -> browser.findElements(By.cssSelector("[data-handler='dogs']")).stream().findFirst().orElse(null));
        until(() -> "RUNNING".equals(text(dogs, ".state")));
        assertThat(browser.findElement(By.id("access")).isDisplayed()).as("an operator may act").isFalse();
        WebElement cats = browser.findElement(By.cssSelector("[data-handler='cats']"));
        long before = number(dogs, ".completed");

        for (int i = 0; i < 30; i++) {
            postDog("{\"id\":\"console-" + i + "\",\"name\":\"Rex\",\"age\":3}");
        }
        until(() -> number(dogs, ".completed") >= before + 30 && number(cats, ".completed") >= 30);
        until(() -> !dogs.findElement(By.cssSelector(".chart.rate polyline")).getAttribute("points").isEmpty());

        dogs.findElement(By.cssSelector("[data-action='pause']")).click();
        until(() -> "PAUSED".equals(text(dogs, ".state")));
        assertThat(dogs.findElement(By.cssSelector("[data-action='pause']")).isEnabled()).isFalse();
        dogs.findElement(By.cssSelector("[data-action='resume']")).click();
        until(() -> "RUNNING".equals(text(dogs, ".state")));

        String name = "Nameless-" + System.nanoTime();
        postDog("{\"name\":\"" + name + "\",\"age\":3}");
        WebElement letter = until(() -> deadLetter(dogs, name, "0"));
        assertThat(letter.findElement(By.cssSelector(".exception")).getText()).contains("IllegalArgumentException: a dog needs an id");
        letter.findElement(By.cssSelector("button.redrive")).click();
        until(() -> text(dogs, ".message").startsWith("Redrove 1 dead letters"));
        until(() -> deadLetter(dogs, name, "1") != null);
        until(() -> "Redriven".equals(deadLetter(dogs, name, "0").findElement(By.cssSelector("button.redrive")).getText()));

        String screenshot = System.getProperty("console.screenshot");
        if (screenshot != null) {
            takeScreenshot(Path.of(screenshot));
        }
    }

    /** Waves of dogs over half a minute, so the charts have a shape, then the picture. */
    private void takeScreenshot(Path file) throws Exception {
        for (int wave = 0; wave < 8; wave++) {
            for (int i = 0; i < 10 + 15 * (wave % 3); i++) {
                postDog("{\"id\":\"wave-" + wave + "-" + i + "\",\"name\":\"Rex\",\"age\":3}");
            }
            if (wave == 4) {
                postDog("{\"name\":\"Nameless\",\"age\":3}");
            }
            Thread.sleep(4000);
        }
        // the window's height, browser frame included, that shows the page to its end
        Object height = chromium.driver().executeScript("return Math.ceil(document.querySelector('main').getBoundingClientRect().bottom)"
                + " + window.outerHeight - window.innerHeight + 16");
        browser.manage().window().setSize(new Dimension(1440, ((Number) height).intValue()));
        Files.write(file, chromium.driver().getScreenshotAs(OutputType.BYTES));
    }

    private void postDog(String json) {
        assertThat(http.post("/api/messages/console.dogs", json).statusCode()).isEqualTo(202);
    }

    /** The row of the dead letter of the dog named {@code name} redriven {@code redrives} times before, or {@code null}. */
    private static WebElement deadLetter(WebElement card, String name, String redrives) {
        List<WebElement> rows = card.findElements(By.cssSelector("tr.dead-letter"));
        return rows.stream().filter(row -> row.findElement(By.cssSelector(".payload")).getText().contains(name)
                && row.findElement(By.cssSelector(".redrive-count")).getText().equals(redrives)).findFirst().orElse(null);
    }

    private static String text(WebElement card, String selector) {
        return card.findElement(By.cssSelector(selector)).getText();
    }

    private static long number(WebElement card, String selector) {
        String text = text(card, selector);
        return text.matches("\\d+") ? Long.parseLong(text) : -1;
    }

    private <T> T until(java.util.function.Supplier<T> condition) {
        return new WebDriverWait(browser, WAIT).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(driver -> {
                    T value = condition.get();
                    return Boolean.FALSE.equals(value) ? null : value;
                });
    }
}
