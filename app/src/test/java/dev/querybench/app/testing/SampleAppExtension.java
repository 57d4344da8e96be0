package dev.querybench.app.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;

/**
 * The one fixture of the workbench's FX tests: opens a {@link SampleApp} under a fresh home folder
 * before a test class and closes it (and deletes the folder) after it, and puts it into the
 * class's fields of type {@code SampleApp} — static ones before the class, instance ones in every
 * test instance, so TestFX's {@code @Start} method (which must be the test class's own, with only
 * the {@code Stage} as parameter) can show it. Register it before TestFX's extension:
 *
 * <pre>{@code
 * @ExtendWith({SampleAppExtension.class, ApplicationExtension.class})
 * class SomeFxTest {
 *     private SampleApp app;
 *
 *     @Start
 *     void start(Stage stage) {
 *         scene = SampleApp.showMainWindow(app, stage, 1360, 860);
 *     }
 * }
 * }</pre>
 *
 * <p>The app is {@link SampleApp#sample} unless the class has a static method annotated
 * {@link Opens} that takes the home folder and returns the app (a stub model, a script, another
 * configuration). A class using this extension without a {@code SampleApp} field fails, as does
 * one with a per-class test instance (created before the app is opened).
 */
public final class SampleAppExtension implements BeforeAllCallback, AfterAllCallback, TestInstancePostProcessor {

    /** Marks {@code static SampleApp open(Path home)}: how a test class opens its app. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    public @interface Opens {}

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SampleAppExtension.class);

    private record Opened(SampleApp app, Path home) {}

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Class<?> testClass = context.getRequiredTestClass();
        if (fields(testClass).isEmpty()) {
            throw new IllegalStateException(testClass.getName() + " uses SampleAppExtension but has no SampleApp field");
        }
        Path home = Files.createTempDirectory("querybench-fx-");
        SampleApp app;
        try {
            app = open(testClass, home);
        } catch (RuntimeException | Error e) {
            delete(home);
            throw e;
        }
        context.getStore(NAMESPACE).put(testClass, new Opened(app, home));
        for (Field field : fields(testClass)) {
            if (Modifier.isStatic(field.getModifiers())) {
                field.set(null, app);
            }
        }
    }

    @Override
    public void postProcessTestInstance(Object testInstance, ExtensionContext context) throws Exception {
        Opened opened = context.getStore(NAMESPACE).get(testInstance.getClass(), Opened.class);
        if (opened == null) {
            throw new IllegalStateException("SampleAppExtension opens the app before the class; "
                    + testInstance.getClass().getName() + " must keep JUnit's per-method test instances");
        }
        for (Field field : fields(testInstance.getClass())) {
            if (!Modifier.isStatic(field.getModifiers())) {
                field.set(testInstance, opened.app());
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        Class<?> testClass = context.getRequiredTestClass();
        Opened opened = context.getStore(NAMESPACE).remove(testClass, Opened.class);
        if (opened == null) {
            return;
        }
        try {
            opened.app().close();
        } finally {
            for (Field field : fields(testClass)) {
                if (Modifier.isStatic(field.getModifiers())) {
                    field.set(null, null);
                }
            }
            delete(opened.home());
        }
    }

    private static SampleApp open(Class<?> testClass, Path home) throws IllegalAccessException {
        for (Method method : testClass.getDeclaredMethods()) {
            if (method.isAnnotationPresent(Opens.class)) {
                if (!Modifier.isStatic(method.getModifiers()) || method.getReturnType() != SampleApp.class
                        || method.getParameterCount() != 1 || method.getParameterTypes()[0] != Path.class) {
                    throw new IllegalStateException("@Opens method " + method + " must be static SampleApp m(Path home)");
                }
                method.setAccessible(true);
                try {
                    return (SampleApp) method.invoke(null, home);
                } catch (InvocationTargetException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
        }
        return SampleApp.sample(home);
    }

    private static List<Field> fields(Class<?> testClass) {
        List<Field> found = new ArrayList<>();
        for (Class<?> c = testClass; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (field.getType() == SampleApp.class) {
                    field.setAccessible(true);
                    found.add(field);
                }
            }
        }
        return found;
    }

    private static void delete(Path home) {
        try (Stream<Path> files = Files.walk(home)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete the test home " + home, e);
        }
    }
}
