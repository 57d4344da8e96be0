package dev.querybench.engine.secrets;

import com.github.javakeyring.BackendNotSupportedException;
import com.github.javakeyring.Keyring;
import com.github.javakeyring.PasswordAccessException;
import dev.querybench.engine.errors.ErrorCategory;
import dev.querybench.engine.errors.ErrorResponse;
import dev.querybench.engine.errors.QueryBenchException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The OS keyring through java-keyring: the Secret Service on Linux (GNOME Keyring, KWallet's
 * Secret Service, KeePassXC), the Keychain on macOS and the Credential Manager on Windows. A name
 * {@code NAME} is the entry with service {@code querybench} and account {@code NAME}; a name
 * {@code service/account} is that entry, so secrets stored by other tools can be used (on Linux
 * {@code secret-tool lookup service querybench account NAME} finds QueryBench's).
 *
 * <p>The keyring cannot list entries, so the names stored through QueryBench are kept in a file
 * in QueryBench's home ({@code keyring-names}, names only, never values). Each call opens the
 * keyring and closes it again, so nothing stays connected across workspaces. Thread-safe.
 */
public final class OsKeyring implements SecretStore {

    /** The keyring service of entries named without a {@code service/} part. */
    public static final String SERVICE = "querybench";
    /** The file in QueryBench's home listing the names stored through QueryBench. */
    public static final String NAMES_FILE = "keyring-names";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._@-]+)?");
    private static final Pattern NOT_FOUND = Pattern.compile(
            "(?i).*(no stored credentials|not found|could not be found|element not found|no such).*");

    private final Path namesFile;

    /** @param home QueryBench's home folder, where the list of names is kept */
    public OsKeyring(Path home) {
        this.namesFile = home.resolve(NAMES_FILE);
    }

    /**
     * Checks a keyring name: letters, digits, {@code . _ -}, optionally {@code service/account}.
     *
     * @throws IllegalArgumentException naming the fix
     */
    public static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a keyring name: use letters, digits, '.', '_'"
                    + " and '-', such as OPENAI_API_KEY, or service/account for an entry another tool stored");
        }
        return name;
    }

    @Override
    public Optional<String> get(String name) {
        Entry entry = Entry.of(name);
        try (Keyring keyring = open()) {
            return Optional.ofNullable(keyring.getPassword(entry.service(), entry.account())).filter(v -> !v.isEmpty());
        } catch (PasswordAccessException e) {
            if (e.getMessage() != null && NOT_FOUND.matcher(e.getMessage()).matches()) {
                return Optional.empty();
            }
            throw new KeyringUnavailableException("reading '" + name + "' failed: " + e.getMessage(), e);
        } catch (QueryBenchException e) {
            throw e;
        } catch (Exception e) {
            throw new KeyringUnavailableException("reading '" + name + "' failed: " + e, e);
        }
    }

    @Override
    public synchronized void set(String name, String value) {
        Entry entry = Entry.of(name);
        if (value == null || value.isEmpty()) {
            throw new QueryBenchException(ErrorResponse.of(ErrorCategory.INVALID_INPUT,
                    "no value was given for the keyring entry '" + name + "'", "type or paste the secret"));
        }
        try (Keyring keyring = open()) {
            keyring.setPassword(entry.service(), entry.account(), value);
        } catch (QueryBenchException e) {
            throw e;
        } catch (Exception e) {
            throw new KeyringUnavailableException("storing '" + name + "' failed: " + e.getMessage(), e);
        }
        TreeSet<String> names = new TreeSet<>(names());
        names.add(name);
        writeNames(names);
    }

    @Override
    public synchronized boolean delete(String name) {
        Entry entry = Entry.of(name);
        boolean existed;
        try (Keyring keyring = open()) {
            keyring.deletePassword(entry.service(), entry.account());
            existed = true;
        } catch (PasswordAccessException e) {
            if (e.getMessage() == null || !NOT_FOUND.matcher(e.getMessage()).matches()) {
                throw new KeyringUnavailableException("deleting '" + name + "' failed: " + e.getMessage(), e);
            }
            existed = false;
        } catch (QueryBenchException e) {
            throw e;
        } catch (Exception e) {
            throw new KeyringUnavailableException("deleting '" + name + "' failed: " + e.getMessage(), e);
        }
        TreeSet<String> names = new TreeSet<>(names());
        if (names.remove(name)) {
            writeNames(names);
        }
        return existed;
    }

    @Override
    public synchronized List<String> names() {
        if (!Files.isRegularFile(namesFile)) {
            return List.of();
        }
        try {
            return new ArrayList<>(new TreeSet<>(Files.readAllLines(namesFile).stream().map(String::strip)
                    .filter(n -> !n.isEmpty() && NAME.matcher(n).matches()).toList()));
        } catch (IOException e) {
            throw new QueryBenchException(ErrorResponse.of(ErrorCategory.CONFIGURATION,
                    "cannot read the list of keyring names in " + namesFile + ": " + e.getMessage(),
                    "check that the file is readable, or delete it (the secrets stay in the keyring)"), e);
        }
    }

    private void writeNames(TreeSet<String> names) {
        try {
            PrivateFiles.folder(namesFile.getParent());
            Path temporary = Files.createTempFile(namesFile.getParent(), ".keyring-names-", ".tmp");
            Files.write(temporary, names);
            Files.move(temporary, namesFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new QueryBenchException(ErrorResponse.of(ErrorCategory.CONFIGURATION,
                    "the secret is in the keyring, but the list of names in " + namesFile + " could not be written: "
                            + e.getMessage(), "check that QueryBench's home folder is writable"), e);
        }
    }

    private static Keyring open() {
        try {
            return Keyring.create();
        } catch (BackendNotSupportedException e) {
            throw new KeyringUnavailableException("no keyring service answered (" + e.getMessage()
                    + (e.getCause() == null ? "" : ": " + e.getCause().getMessage()) + ")", e);
        } catch (RuntimeException | LinkageError e) {
            throw new KeyringUnavailableException("no keyring service answered (" + e + ")", e);
        }
    }

    /** A name split into the keyring's service and account. */
    private record Entry(String service, String account) {
        static Entry of(String name) {
            checkName(name);
            int slash = name.indexOf('/');
            return slash < 0 ? new Entry(SERVICE, name) : new Entry(name.substring(0, slash), name.substring(slash + 1));
        }
    }
}
