package dev.querybench.app.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * {@code /proc/self/status} read into one buffer that is reused, for a sampler that reads it every
 * 10 ms: {@code Files.readAllLines} there allocated about 3 MB a second (a reader, its buffers and
 * some 60 strings per read), a fifth of all the comparison benchmark's gestures allocated, in the
 * process whose memory the benchmark measures. Not thread-safe: one per sampling thread.
 */
final class ProcStatus {

    private static final Path STATUS = Path.of("/proc/self/status");
    private final ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);

    /** Reads the file again. */
    void read() throws IOException {
        buffer.clear();
        try (FileChannel channel = FileChannel.open(STATUS, StandardOpenOption.READ)) {
            while (buffer.hasRemaining() && channel.read(buffer) > 0) {
                // until the end of the file (or of the buffer, far beyond the fields read)
            }
        }
        buffer.flip();
    }

    /** The number on the line that starts with {@code name} (such as {@code "VmRSS:"}, in kB), or -1. */
    long field(String name) {
        byte[] key = name.getBytes(StandardCharsets.US_ASCII);
        int end = buffer.limit();
        for (int line = 0; line < end; line = next(line, end)) {
            if (startsWith(line, end, key)) {
                long value = -1;
                for (int i = line + key.length; i < end && buffer.get(i) != '\n'; i++) {
                    byte b = buffer.get(i);
                    if (b >= '0' && b <= '9') {
                        value = (value < 0 ? 0 : value * 10) + (b - '0');
                    }
                }
                return value;
            }
        }
        return -1;
    }

    private boolean startsWith(int at, int end, byte[] key) {
        if (at + key.length > end) {
            return false;
        }
        for (int i = 0; i < key.length; i++) {
            if (buffer.get(at + i) != key[i]) {
                return false;
            }
        }
        return true;
    }

    private int next(int line, int end) {
        int i = line;
        while (i < end && buffer.get(i) != '\n') {
            i++;
        }
        return i + 1;
    }
}
