package io.kclient.it;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts an application of these tests (a class with a {@code main}) in a JVM of its own, as a
 * crash test kills one, with the test class path and its output to {@code log}. Started for speed
 * (the C1 compiler alone, the serial collector): it lives seconds, several times a test.
 */
final class TestApps {

    private TestApps() {
    }

    static Process launch(Class<?> main, Path log, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                main.getName()));
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
