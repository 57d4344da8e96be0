package dev.querybench.engine.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Secret Service for tests: a private D-Bus session bus ({@code dbus-daemon}) with
 * GNOME Keyring's secrets component unlocked by a test password, its keyrings in a temporary
 * folder. dbus-java reads the bus address from the {@code DBUS_SESSION_BUS_ADDRESS} system
 * property before the environment, so the test JVM talks to this bus and nobody's real keyring.
 *
 * <p>{@link #start} returns null when the programs are missing or the service does not come up;
 * {@link #required()} says whether that must fail the test (CI sets
 * {@code QUERYBENCH_REQUIRE_KEYRING=true}; {@code .ci/run} installs gnome-keyring).
 */
public final class SecretServiceSession implements AutoCloseable {

    private static final String ADDRESS_PROPERTY = "DBUS_SESSION_BUS_ADDRESS";

    private final Process bus;
    private final Process keyring;
    private final String previousAddress;
    private final String address;

    private SecretServiceSession(Process bus, Process keyring, String address) {
        this.bus = bus;
        this.keyring = keyring;
        this.address = address;
        this.previousAddress = System.getProperty(ADDRESS_PROPERTY);
        System.setProperty(ADDRESS_PROPERTY, address);
    }

    /** True when a missing Secret Service must fail the test rather than skip it. */
    public static boolean required() {
        return "true".equalsIgnoreCase(System.getenv("QUERYBENCH_REQUIRE_KEYRING"));
    }

    /**
     * Starts the bus and the keyring under {@code folder}.
     *
     * @return the running session, or null with the reason printed when it cannot start here
     */
    public static SecretServiceSession start(Path folder) throws IOException, InterruptedException {
        Path runtime = Files.createDirectories(folder.resolve("run"));
        Files.setPosixFilePermissions(runtime, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        Process bus;
        try {
            bus = new ProcessBuilder("dbus-daemon", "--session", "--nofork", "--print-address=1", "--nopidfile")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            System.err.println("no dbus-daemon here: " + e.getMessage());
            return null;
        }
        String address = new BufferedReader(new InputStreamReader(bus.getInputStream(), StandardCharsets.UTF_8))
                .readLine();
        if (address == null || address.isBlank()) {
            bus.destroy();
            System.err.println("dbus-daemon printed no address");
            return null;
        }
        ProcessBuilder keyringBuilder = new ProcessBuilder("gnome-keyring-daemon", "--foreground", "--unlock",
                "--components=secrets")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> env = keyringBuilder.environment();
        env.put("DBUS_SESSION_BUS_ADDRESS", address.strip());
        env.put("HOME", folder.toString());
        env.put("XDG_DATA_HOME", folder.resolve("data").toString());
        env.put("XDG_RUNTIME_DIR", runtime.toString());
        Process keyring;
        try {
            keyring = keyringBuilder.start();
        } catch (IOException e) {
            bus.destroy();
            System.err.println("no gnome-keyring-daemon here: " + e.getMessage());
            return null;
        }
        try (OutputStream in = keyring.getOutputStream()) {
            in.write("querybench-test-password".getBytes(StandardCharsets.UTF_8));
        }
        if (!waitForService(address.strip())) {
            keyring.destroy();
            bus.destroy();
            System.err.println("gnome-keyring-daemon did not register org.freedesktop.secrets on the bus");
            return null;
        }
        return new SecretServiceSession(bus, keyring, address.strip());
    }

    private static boolean waitForService(String address) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            Process probe = new ProcessBuilder("dbus-send", "--bus=" + address, "--print-reply", "--dest=org.freedesktop.DBus",
                    "/org/freedesktop/DBus", "org.freedesktop.DBus.NameHasOwner", "string:org.freedesktop.secrets")
                    .redirectErrorStream(true).start();
            String reply = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            probe.waitFor(5, TimeUnit.SECONDS);
            if (reply.contains("boolean true")) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    public String address() {
        return address;
    }

    @Override
    public void close() {
        if (previousAddress == null) {
            System.clearProperty(ADDRESS_PROPERTY);
        } else {
            System.setProperty(ADDRESS_PROPERTY, previousAddress);
        }
        keyring.destroy();
        bus.destroy();
        try {
            keyring.waitFor(5, TimeUnit.SECONDS);
            bus.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
