package org.loftmail.server.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A section ({@code service imap-login { … }}) or the root. Later settings with the same key
 * replace earlier ones, as in Dovecot.
 */
public final class ConfigSection {
    private final String type;
    private final String name;
    private final Origin origin;
    private final Map<String, Setting> settings = new LinkedHashMap<>();
    private final List<ConfigSection> sections = new ArrayList<>();

    ConfigSection(String type, String name, Origin origin) {
        this.type = type;
        this.name = name;
        this.origin = origin;
    }

    public String type() {
        return type;
    }

    /** The section's name, empty for unnamed sections such as {@code plugin { }}. */
    public String name() {
        return name;
    }

    public Origin origin() {
        return origin;
    }

    public Map<String, Setting> settings() {
        return settings;
    }

    public List<ConfigSection> sections() {
        return sections;
    }

    public Optional<Setting> setting(String key) {
        return Optional.ofNullable(settings.get(key));
    }

    public List<ConfigSection> sections(String ofType) {
        return sections.stream().filter(s -> s.type.equals(ofType)).toList();
    }

    void put(Setting s) {
        settings.put(s.key(), s);
    }

    void add(ConfigSection s) {
        sections.add(s);
    }
}
