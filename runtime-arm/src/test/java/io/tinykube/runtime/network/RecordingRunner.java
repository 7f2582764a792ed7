package io.tinykube.runtime.network;

import java.util.ArrayList;
import java.util.List;

/** A {@link CommandRunner} that runs nothing: it records each command and answers with empty output. */
final class RecordingRunner implements CommandRunner {
    final List<List<String>> commands = new ArrayList<>();

    @Override
    public String run(List<String> command, String stdin) {
        commands.add(List.copyOf(command));
        return "";
    }
}
