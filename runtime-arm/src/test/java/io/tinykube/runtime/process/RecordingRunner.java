package io.tinykube.runtime.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A {@link CommandRunner} that runs nothing: it records each command and answers with empty output. */
public final class RecordingRunner implements CommandRunner {
    public final List<List<String>> commands = new ArrayList<>();

    @Override
    public String run(Path directory, List<String> command, String stdin) {
        commands.add(List.copyOf(command));
        return "";
    }
}
