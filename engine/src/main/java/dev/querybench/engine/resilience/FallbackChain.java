package dev.querybench.engine.resilience;

import java.util.List;

/**
 * A model profile and the profiles that stand in for it, in order: primary → secondary → …
 *
 * @param name the evaluated profile's name (the primary's)
 * @param members the primary first, then its fallbacks
 */
public record FallbackChain(String name, List<Endpoint> members) {

    public FallbackChain {
        members = List.copyOf(members);
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a fallback chain needs at least its primary");
        }
    }

    public Endpoint primary() {
        return members.getFirst();
    }
}
