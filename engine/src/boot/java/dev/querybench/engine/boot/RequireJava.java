package dev.querybench.engine.boot;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The {@code Main-Class} of both jars, compiled for Java 8 (see the engine's pom) so that an older
 * {@code java -jar} can load it: it checks the running Java before any class that needs Java 25
 * is touched, and says in one line what to install instead of an
 * {@code UnsupportedClassVersionError}. On Java 25 it hands over to the jar's real entry point,
 * named by the manifest attribute {@value #MAIN_ATTRIBUTE} (the command line when absent).
 *
 * <p>Written in Java 8 on purpose: no {@code var}, records or newer APIs in this file.
 */
public final class RequireJava {

    /** The Java feature release QueryBench is compiled for. */
    public static final int REQUIRED = 25;

    /** The manifest attribute naming the class to hand over to. */
    public static final String MAIN_ATTRIBUTE = "QueryBench-Main-Class";

    static final String DEFAULT_MAIN = "dev.querybench.engine.cli.QueryBenchCli";

    /** Exit code: the machine lacks what QueryBench needs (as for an unusable endpoint). */
    static final int ENVIRONMENT = 4;

    private RequireJava() {
    }

    public static void main(String[] args) throws Throwable {
        String problem = problem(System.getProperty("java.specification.version"), System.getProperty("java.home"));
        if (problem != null) {
            System.err.println(problem);
            System.exit(ENVIRONMENT);
            return;
        }
        try {
            Class.forName(mainClass(System.getProperty("java.class.path")))
                    .getMethod("main", String[].class)
                    .invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** The one-line sentence for a Java older than {@link #REQUIRED}, or null when it is new enough. */
    static String problem(String specificationVersion, String javaHome) {
        int feature = feature(specificationVersion);
        if (feature >= REQUIRED) {
            return null;
        }
        return sentence(specificationVersion, javaHome);
    }

    /**
     * The sentence the launcher scripts print too (installers/launchers): what runs and what to install.
     */
    static String sentence(String version, String javaHome) {
        return "QueryBench needs Java " + REQUIRED + " or newer, but this is Java " + version
                + " (" + javaHome + "): install a JDK " + REQUIRED
                + " (for example Eclipse Temurin 25) and set JAVA_HOME to it.";
    }

    /** The feature number of a {@code java.specification.version}: "1.8" is 8, "17" is 17, "25.0" is 25. */
    static int feature(String specificationVersion) {
        if (specificationVersion == null) {
            return 0;
        }
        String version = specificationVersion.startsWith("1.") ? specificationVersion.substring(2) : specificationVersion;
        int end = 0;
        while (end < version.length() && Character.isDigit(version.charAt(end))) {
            end++;
        }
        return end == 0 ? 0 : Integer.parseInt(version.substring(0, end));
    }

    /**
     * The class to hand over to: under {@code java -jar} the class path is that one jar, whose
     * manifest names it; otherwise (or without the attribute) the command line.
     */
    static String mainClass(String classPath) {
        if (classPath == null || classPath.isEmpty() || classPath.indexOf(File.pathSeparatorChar) >= 0
                || !classPath.endsWith(".jar")) {
            return DEFAULT_MAIN;
        }
        try (JarFile jar = new JarFile(classPath)) {
            Manifest manifest = jar.getManifest();
            String named = manifest == null ? null : manifest.getMainAttributes().getValue(MAIN_ATTRIBUTE);
            return named == null || named.trim().isEmpty() ? DEFAULT_MAIN : named.trim();
        } catch (IOException e) {
            return DEFAULT_MAIN;
        }
    }
}
