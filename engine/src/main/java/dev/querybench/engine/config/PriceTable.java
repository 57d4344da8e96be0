package dev.querybench.engine.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.querybench.engine.model.ModelSpec;
import dev.querybench.engine.model.Usage;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What models cost, in US dollars per million input and output tokens. QueryBench ships
 * defaults for current models ({@code prices.yaml} beside this class); a workspace's own
 * {@code prices.yaml} overrides and extends them. A dated snapshot takes the price of the
 * longest spec it starts with ({@code claude-sonnet-4-5-20250929} is priced as
 * {@code claude-sonnet-4-5}); {@code provider:*} prices a whole provider ({@code ollama:*} is
 * free). Models without a price have no cost rather than a cost of zero. Immutable and
 * thread-safe.
 */
public final class PriceTable {

    private static final String SHIPPED = "prices.yaml";
    private static final int MONEY_SCALE = 8;
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    /**
     * A model's price.
     *
     * @param input dollars per million input (prompt) tokens
     * @param output dollars per million output tokens
     */
    public record Price(BigDecimal input, BigDecimal output) {

        public Price {
            if (input == null || output == null || input.signum() < 0 || output.signum() < 0) {
                throw new IllegalArgumentException("a price needs non-negative input and output prices");
            }
        }

        /** What {@code usage} costs at this price, in dollars. */
        public BigDecimal cost(Usage usage) {
            return input.multiply(BigDecimal.valueOf(usage.inputTokens()))
                    .add(output.multiply(BigDecimal.valueOf(usage.outputTokens())))
                    .divide(MILLION, MONEY_SCALE, RoundingMode.HALF_UP);
        }

        /** Input plus output price, to rank models by cost. */
        public BigDecimal blended() {
            return input.add(output);
        }
    }

    /** The YAML shape of a price file. */
    private record PriceFile(String asOf, String currency, Map<String, Price> prices) {}

    private final Map<String, Price> prices;
    private final String asOf;

    private PriceTable(Map<String, Price> prices, String asOf) {
        this.prices = Collections.unmodifiableMap(new LinkedHashMap<>(prices));
        this.asOf = asOf;
    }

    /** The prices QueryBench ships. */
    public static PriceTable shipped() {
        try (InputStream in = PriceTable.class.getResourceAsStream(SHIPPED)) {
            if (in == null) {
                throw new IllegalStateException("the shipped price table is missing from the class path");
            }
            PriceFile file = yaml().readValue(in, PriceFile.class);
            return new PriceTable(file.prices(), file.asOf());
        } catch (IOException e) {
            throw new IllegalStateException("the shipped price table cannot be read", e);
        }
    }

    /** No prices at all: every cost is unknown. */
    public static PriceTable empty() {
        return new PriceTable(Map.of(), "");
    }

    /**
     * These prices with a price file's entries on top; a missing file changes nothing.
     *
     * @throws ConfigException naming the file and the fix when it cannot be read
     */
    public PriceTable overriddenBy(Path file) {
        if (!Files.isRegularFile(file)) {
            return this;
        }
        PriceFile overrides;
        try {
            overrides = yaml().readValue(Files.readString(file), PriceFile.class);
        } catch (JsonProcessingException e) {
            throw new ConfigException(file.getFileName() + ": " + e.getOriginalMessage(), "write prices as"
                    + " \"provider:model\": {input: <dollars per million>, output: <dollars per million>}", e);
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage(), "check the file's permissions", e);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file.getFileName() + ": " + e.getMessage(), "prices cannot be negative", e);
        }
        if (overrides == null || overrides.prices() == null) {
            return this;
        }
        Map<String, Price> merged = new LinkedHashMap<>(prices);
        merged.putAll(overrides.prices());
        return new PriceTable(merged, overrides.asOf() == null ? asOf : overrides.asOf());
    }

    /** These prices with {@code spec} priced at {@code price}. */
    public PriceTable with(String spec, Price price) {
        Map<String, Price> merged = new LinkedHashMap<>(prices);
        merged.put(spec, price);
        return new PriceTable(merged, asOf);
    }

    /** When the prices were last checked, as the file says. */
    public String asOf() {
        return asOf;
    }

    /** Every entry, by spec key. */
    public Map<String, Price> entries() {
        return prices;
    }

    /** The price of a model written as a spec ({@code provider:model}). */
    public Optional<Price> price(String spec) {
        if (spec == null || spec.isBlank()) {
            return Optional.empty();
        }
        ModelSpec parsed;
        try {
            parsed = ModelSpec.parse(spec);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return price(parsed);
    }

    public Optional<Price> price(ModelSpec spec) {
        String key = spec.toString();
        Price exact = prices.get(key);
        if (exact != null) {
            return Optional.of(exact);
        }
        String best = null;
        for (String candidate : prices.keySet()) {
            if (key.startsWith(candidate + "-") && (best == null || candidate.length() > best.length())) {
                best = candidate;
            }
        }
        if (best != null) {
            return Optional.of(prices.get(best));
        }
        return Optional.ofNullable(prices.get(spec.provider() + ":*"));
    }

    /** What {@code usage} on {@code spec} cost, or empty when the model has no price. */
    public Optional<BigDecimal> cost(String spec, Usage usage) {
        return price(spec).map(p -> p.cost(usage));
    }

    private static ObjectMapper yaml() {
        return new ObjectMapper(new YAMLFactory());
    }
}
