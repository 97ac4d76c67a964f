package org.loftmail.server.cli;

import java.nio.file.Path;
import org.loftmail.server.config.LoftConfig;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/** {@code --config FILE}, shared by every command; without it the embedded default is used. */
final class ConfigOption {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "loft.conf (Dovecot 2.3 syntax); "
            + "default: the embedded single-node configuration, data under ./var")
    Path file;

    LoftConfig load() {
        if (file == null) {
            return LoftConfig.embeddedDefault();
        }
        return LoftConfig.load(file, LoggerFactory.getLogger("config")::info);
    }
}
