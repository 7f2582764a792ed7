package io.tinykube.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The config file uses the flags' own names as keys (as k3s does): {@code data-dir: /srv/tk} is
 * {@code --data-dir=/srv/tk}. Its entries are placed before the command line's flags, so a flag
 * given on the command line wins.
 */
final class ConfigFile {
    static final Path DEFAULT = Path.of("/etc/tinykube/config.yaml");
    private static final String CONFIG_OPTION = "--config";

    private ConfigFile() {
    }

    static String[] withConfigFileArguments(CommandLine root, String[] args) {
        if (args.length == 0) {
            return args;
        }
        CommandLine subcommand = root.getSubcommands().get(args[0]);
        if (subcommand == null || subcommand.getCommandSpec().findOption(CONFIG_OPTION) == null) {
            return args;
        }
        Path file = explicitConfig(args);
        if (file == null) {
            if (!Files.exists(DEFAULT)) {
                return args;
            }
            file = DEFAULT;
        }
        List<String> expanded = new ArrayList<>();
        expanded.add(args[0]);
        expanded.addAll(toArguments(subcommand.getCommandSpec(), file));
        expanded.addAll(List.of(args).subList(1, args.length));
        return expanded.toArray(String[]::new);
    }

    private static Path explicitConfig(String[] args) {
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals(CONFIG_OPTION)) {
                if (i + 1 >= args.length) {
                    throw new CommandLine.ParameterException(new CommandLine(new Object()), "--config needs a file");
                }
                return Path.of(args[i + 1]);
            }
            if (args[i].startsWith(CONFIG_OPTION + "=")) {
                return Path.of(args[i].substring(CONFIG_OPTION.length() + 1));
            }
        }
        return null;
    }

    static List<String> toArguments(CommandSpec spec, Path file) {
        Map<?, ?> entries;
        try {
            Object parsed = new ObjectMapper(new YAMLFactory()).readValue(file.toFile(), Object.class);
            if (parsed == null) {
                return List.of();
            }
            if (!(parsed instanceof Map<?, ?> map)) {
                throw new UserError("config file " + file + " must be a map of flag names to values");
            }
            entries = map;
        } catch (IOException e) {
            throw new UserError("cannot read config file " + file + ": " + e.getMessage().lines().findFirst().orElse(""));
        }
        List<String> arguments = new ArrayList<>();
        for (Map.Entry<?, ?> entry : entries.entrySet()) {
            String key = String.valueOf(entry.getKey());
            String flag = "--" + key;
            if (flag.equals(CONFIG_OPTION) || spec.findOption(flag) == null) {
                throw new UserError("unknown key '" + key + "' in config file " + file);
            }
            Object value = entry.getValue();
            Collection<?> values = value instanceof Collection<?> list ? list : List.of(String.valueOf(value));
            for (Object item : values) {
                arguments.add(flag + "=" + item);
            }
        }
        return arguments;
    }
}
