package io.tinykube.runtime.logs;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;

/**
 * A container stream handing out one line per read, running {@code beforeEach} (a clock step) first:
 * deterministic input for the writer's pump.
 */
final class LineSource extends InputStream {
    private final Iterator<String> lines;
    private final Runnable beforeEach;

    LineSource(List<String> lines, Runnable beforeEach) {
        this.lines = lines.iterator();
        this.beforeEach = beforeEach;
    }

    @Override
    public int read() {
        throw new UnsupportedOperationException("the pump reads in chunks");
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (!lines.hasNext()) {
            return -1;
        }
        beforeEach.run();
        byte[] line = (lines.next() + "\n").getBytes(StandardCharsets.UTF_8);
        if (line.length > length) {
            throw new IllegalStateException("line longer than the pump's buffer");
        }
        System.arraycopy(line, 0, buffer, offset, line.length);
        return line.length;
    }
}
