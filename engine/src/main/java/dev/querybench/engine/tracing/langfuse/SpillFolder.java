package dev.querybench.engine.tracing.langfuse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.querybench.engine.secrets.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Requests waiting on disk for Langfuse to be reachable: one JSON file per segment, named so that
 * names sort in the order segments were written. A segment is written to a temporary name and
 * moved into place, so a crash leaves whole segments only. Thread-safe.
 */
final class SpillFolder {

    private static final String SUFFIX = ".json";

    private final Path folder;
    private final long maxBytes;
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicLong sequence = new AtomicLong();
    private long knownBytes = -1;
    private long knownSegments = -1;

    SpillFolder(Path folder, long maxBytes) {
        this.folder = folder;
        this.maxBytes = maxBytes;
    }

    Path folder() {
        return folder;
    }

    /**
     * Writes a segment after the others. When the folder would go over its size limit, the oldest
     * segments are deleted to make room (the newest events matter most to a user looking at
     * Langfuse); a segment larger than the whole limit is not written.
     *
     * @return how many entries were dropped to keep the limit: older ones, or these
     */
    synchronized long write(List<Outgoing> entries) {
        if (entries.isEmpty()) {
            return 0;
        }
        ArrayNode array = json.createArrayNode();
        for (Outgoing o : entries) {
            ObjectNode node = array.addObject();
            node.put("path", o.path());
            node.put("attempts", o.attempts());
            node.set("body", o.body());
        }
        try {
            byte[] bytes = json.writeValueAsBytes(array);
            PrivateFiles.folder(folder);
            if (bytes.length > maxBytes) {
                return entries.size();
            }
            long dropped = 0;
            while (bytes() + bytes.length > maxBytes) {
                Optional<Path> oldest = segments().stream().findFirst();
                if (oldest.isEmpty()) {
                    break;
                }
                List<Outgoing> lost = read(oldest.get());
                dropped += lost.size();
                delete(oldest.get());
                knownBytes = -1;
            }
            knownBytes += bytes.length;
            if (knownSegments >= 0) {
                knownSegments++;
            }
            String name = String.format("%013d-%09d", System.currentTimeMillis(), sequence.incrementAndGet());
            Path tmp = folder.resolve(name + ".tmp");
            PrivateFiles.file(tmp);
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, folder.resolve(name + SUFFIX), StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, folder.resolve(name + SUFFIX), StandardCopyOption.REPLACE_EXISTING);
            }
            return dropped;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep Langfuse events in " + folder, e);
        }
    }

    /** The oldest segment, if any. */
    synchronized Optional<Path> oldest() {
        return segments().stream().findFirst();
    }

    synchronized boolean isEmpty() {
        if (knownSegments < 0) {
            knownSegments = segments().size();
        }
        return knownSegments == 0;
    }

    synchronized List<Outgoing> read(Path segment) {
        try {
            JsonNode array = json.readTree(Files.readAllBytes(segment));
            List<Outgoing> entries = new ArrayList<>();
            for (JsonNode node : array) {
                if (node.path("body").isObject()) {
                    entries.add(new Outgoing(node.path("path").asText(), (ObjectNode) node.get("body"),
                            node.path("attempts").asInt()));
                }
            }
            return entries;
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            // An unreadable segment cannot be sent; set it aside so it does not block the others.
            knownSegments = -1;
            try {
                Files.move(segment, segment.resolveSibling(segment.getFileName() + ".unreadable"),
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException ignored) {
                // nothing more can be done with it
            }
            return List.of();
        }
    }

    /** Replaces a segment by what is left of it, keeping its place in the order; deletes it when nothing is. */
    synchronized void replace(Path segment, List<Outgoing> left) {
        if (left.isEmpty()) {
            delete(segment);
            return;
        }
        ArrayNode array = json.createArrayNode();
        for (Outgoing o : left) {
            ObjectNode node = array.addObject();
            node.put("path", o.path());
            node.put("attempts", o.attempts());
            node.set("body", o.body());
        }
        try {
            Path tmp = segment.resolveSibling(segment.getFileName() + ".tmp");
            PrivateFiles.file(tmp);
            Files.write(tmp, json.writeValueAsBytes(array));
            knownBytes = -1;
            Files.move(tmp, segment, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update waiting Langfuse events " + segment, e);
        }
    }

    synchronized void delete(Path segment) {
        try {
            if (knownBytes >= 0 && Files.exists(segment)) {
                knownBytes = Math.max(0, knownBytes - Files.size(segment));
            }
            if (Files.deleteIfExists(segment) && knownSegments > 0) {
                knownSegments--;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove sent Langfuse events " + segment, e);
        }
    }

    /** Events (and other requests) waiting on disk. */
    synchronized long count() {
        long n = 0;
        for (Path segment : segments()) {
            try {
                n += json.readTree(Files.readAllBytes(segment)).size();
            } catch (IOException e) {
                // counted as nothing; read() sets it aside
            }
        }
        return n;
    }

    private long bytes() throws IOException {
        if (knownBytes < 0) {
            long total = 0;
            for (Path segment : segments()) {
                total += Files.size(segment);
            }
            knownBytes = total;
        }
        return knownBytes;
    }

    private List<Path> segments() {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
