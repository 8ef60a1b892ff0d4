package io.kclient.embedded.testing;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Makes every Awaitility wait of a test JVM check its condition at once and then soon: by default
 * a wait first sleeps 100 ms and then checks every 100 ms, so even a condition that already holds
 * costs a tenth of a second, hundreds of times a build. Here the checks come after 0, 5, 10, 20,
 * 40, 80 ms and then every 100 ms, so a slow condition (an HTTP call, a topic read) is not asked
 * more often than before. Registered for the JUnit Platform in this test-jar's
 * {@code META-INF/services}, so every module whose tests use the test-jar gets it; a JVM without
 * Awaitility is left alone.
 */
public final class QuickAwaits implements LauncherSessionListener {

    private static final Duration FIRST = Duration.ofMillis(5);
    private static final Duration LONGEST = Duration.ofMillis(100);

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        try {
            Class.forName("org.awaitility.Awaitility", false, QuickAwaits.class.getClassLoader());
        } catch (ClassNotFoundException noAwaitility) {
            return;
        }
        Defaults.apply();
    }

    /** Apart, so that Awaitility's classes are needed only once it is known to be there. */
    private static final class Defaults {

        static void apply() {
            Awaitility.setDefaultPollDelay(Duration.ZERO);
            Awaitility.setDefaultPollInterval((pollCount, previous) -> pollCount <= 1 ? FIRST
                    : previous.multipliedBy(2).compareTo(LONGEST) > 0 ? LONGEST : previous.multipliedBy(2));
        }
    }
}
