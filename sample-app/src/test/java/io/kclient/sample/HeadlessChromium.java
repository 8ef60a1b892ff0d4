package io.kclient.sample;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium, headless, driven through its chromedriver; tests that need it are skipped
 * (a JUnit assumption) where either is missing. {@code CHROMIUM} and {@code CHROMEDRIVER} name
 * other executables. The flags keep it off the network (no updates, sync, or first-run pages) and
 * let it run as root in a container, each run with a profile of its own.
 */
final class HeadlessChromium implements AutoCloseable {

    private final ChromeDriver driver;
    private final Path profile;

    private HeadlessChromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** A new browser; the calling test is skipped where Chromium or chromedriver is not installed. */
    static HeadlessChromium start() {
        Optional<File> browser = executable("CHROMIUM", "chromium", "chromium-browser", "google-chrome");
        Optional<File> driver = executable("CHROMEDRIVER", "chromedriver");
        assumeTrue(browser.isPresent() && driver.isPresent(),
                "No Chromium and chromedriver here (apt-get install chromium chromium-driver): browser tests skipped");
        try {
            Path profile = Files.createTempDirectory("kclient-chromium-");
            ChromeOptions options = new ChromeOptions().setBinary(browser.get())
                    .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                            "--disable-background-networking", "--disable-component-update", "--disable-sync",
                            "--no-first-run", "--window-size=1440,1100", "--user-data-dir=" + profile);
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.get())
                    .usingAnyFreePort().build();
            return new HeadlessChromium(new ChromeDriver(service, options), profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ChromeDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        driver.quit();
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            // a profile left in the temporary directory harms nothing
        }
    }

    /** The executable named by the environment variable, else the first of {@code names} on the PATH or in /usr/bin. */
    private static Optional<File> executable(String variable, String... names) {
        String named = System.getenv(variable);
        if (named != null && !named.isBlank()) {
            return Optional.of(new File(named)).filter(File::canExecute);
        }
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("") + File.pathSeparator + "/usr/bin";
        return Arrays.stream(names).flatMap(name -> Arrays.stream(path.split(File.pathSeparator)).map(dir -> new File(dir, name)))
                .filter(File::canExecute).findFirst();
    }
}
