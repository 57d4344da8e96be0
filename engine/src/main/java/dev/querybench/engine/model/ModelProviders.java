package dev.querybench.engine.model;

import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The {@link ModelProvider}s registered as services, loaded once on first use (an immutable list
 * of stateless providers). Thread-safe. Looking them up is cheap: the workbench asks for a
 * provider on the FX thread for every item it shows (its price, its profile).
 */
public final class ModelProviders {

    private ModelProviders() {}

    /** Every registered provider, in registration order. */
    public static List<ModelProvider> all() {
        return Registered.PROVIDERS;
    }

    private static final class Registered {
        static final List<ModelProvider> PROVIDERS = ServiceLoader.load(ModelProvider.class,
                ModelProvider.class.getClassLoader()).stream().map(ServiceLoader.Provider::get).toList();
    }

    /** The provider with this id (lower case), if one is registered. */
    public static Optional<ModelProvider> find(String id) {
        return all().stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** The ids of the registered providers, sorted. */
    public static SortedSet<String> ids() {
        TreeSet<String> ids = new TreeSet<>();
        all().forEach(p -> ids.add(p.id()));
        return Collections.unmodifiableSortedSet(ids);
    }
}
