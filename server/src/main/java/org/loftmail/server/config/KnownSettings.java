package org.loftmail.server.config;

import java.util.Set;

/**
 * The three kinds of names in {@code loft.conf}: settings Loft implements, Dovecot settings Loft
 * will implement in a later release (accepted, logged as not implemented yet), and Dovecot
 * settings Loft does not need (accepted, logged once as ignored). Anything else is a typo.
 */
final class KnownSettings {
    /** Settings that change Loft's behaviour today. */
    static final Set<String> IMPLEMENTED = Set.of("mail_location", "mdbox_rotate_size", "mail_fsync",
            "protocols", "listen", "ssl", "ssl_cert", "ssl_key", "ssl_min_protocol", "disable_plaintext_auth",
            "login_trusted_networks", "auth_failure_delay", "auth_cache_size", "auth_cache_ttl",
            "auth_cache_negative_ttl", "mail_max_userip_connections", "auth_mechanisms", "auth_master_user_separator", "base_dir",
            "recipient_delimiter", "lmtp_save_to_detail_mailbox", "lmtp_user_concurrency_limit", "lmtp_add_received_header",
            "hostname", "lmtp_max_mail_size", "pop3_uidl_format", "pop3_lock_session");

    /** Dovecot settings whose meaning Loft will take on; accepted now so Dovecot configs start. */
    static final Set<String> LATER = Set.of(
            "ssl_ca", "ssl_key_password", "ssl_cipher_list", "ssl_ciphersuites", "ssl_prefer_server_ciphers", "ssl_dh", "ssl_curve_list",
            "ssl_client_require_valid_cert", "ssl_verify_client_cert", "ssl_require_crl", "ssl_cert_username_field",
            "auth_username_format", "auth_username_chars",
            "auth_username_translation", "auth_realms", "auth_default_realm",
            "auth_verbose", "auth_verbose_passwords", "auth_debug", "auth_debug_passwords", "auth_allow_cleartext",
            "login_greeting", "login_log_format_elements", "login_log_format",
            "mail_home", "mail_uid", "mail_gid", "mail_plugins",
            "postmaster_address", "lmtp_rcpt_check_quota",
            "lda_mailbox_autocreate", "lda_mailbox_autosubscribe", "lda_original_recipient_header",
            "imap_idle_notify_interval", "imap_max_line_length", "imap_capability", "imap_client_workarounds",
            "imap_id_send", "imap_id_log", "imap_logout_format", "pop3_client_workarounds",
            "pop3_logout_format", "pop3_no_flag_updates", "quota_full_tempfail",
            "managesieve_notify_capability", "managesieve_sieve_capability", "mail_attachment_dir",
            "mailbox_list_index", "mail_always_cache_fields", "mail_cache_fields", "mail_never_cache_fields",
            "mdbox_preallocate_space", "mail_attribute_dict", "first_valid_uid", "last_valid_uid",
            "first_valid_gid", "last_valid_gid", "submission_host", "sendmail_path", "rejection_reason",
            "rejection_subject", "quota_exceeded_message", "lmtp_proxy", "director_servers",
            "director_mail_servers", "director_user_expire", "replication_full_sync_interval",
            "replication_max_conns", "doveadm_port", "doveadm_password", "mail_server_admin",
            "mail_server_comment", "lmtp_hdr_delivery_address", "imap_metadata",
            "mail_max_lock_timeout", "auth_policy_server_url", "auth_policy_server_api_header",
            "auth_policy_hash_nonce", "auth_policy_request_attributes", "auth_ssl_require_client_cert",
            "auth_ssl_username_from_cert", "ssl_alt_cert", "ssl_alt_key", "imap_hibernate_timeout",
            "imap_urlauth_host", "imap_literal_minus", "imap_fetch_failure", "mail_attachment_min_size",
            "mail_attachment_hash", "mail_attachment_fs", "auth_proxy_self", "auth_stats", "login_proxy_max_disconnect_delay",
            "mail_shared_explicit_inbox", "quota_grace", "mailbox_list_index_very_dirty_syncs",
            "pop3_fast_size_lookups", "pop3_reuse_xuidl", "pop3_save_uidl", "pop3_uidl_duplicates",
            "pop3_deleted_flag", "pop3_delete_type", "submission_relay_host", "submission_relay_port",
            "haproxy_trusted_networks", "ssl_server_require_crl", "auth_anonymous_username");

    /** Dovecot settings that have no meaning for Loft. */
    static final Set<String> NOT_NEEDED = Set.of(
            "state_dir", "instance_name", "mail_privileged_group", "mail_access_groups",
            "mail_chroot", "valid_chroot_dirs", "log_path", "info_log_path", "debug_log_path", "syslog_facility",
            "log_timestamp", "log_core_filter", "log_debug", "mail_debug", "mail_log_prefix", "mmap_disable",
            "mail_nfs_storage", "mail_nfs_index", "lock_method", "dotlock_use_excl", "verbose_proctitle",
            "shutdown_clients", "default_vsz_limit", "default_process_limit", "default_client_limit",
            "default_idle_kill", "default_login_user", "default_internal_user", "default_internal_group",
            "import_environment", "maildir_very_dirty_syncs", "maildir_copy_with_hardlinks", "maildir_stat_dirs",
            "mbox_read_locks", "mbox_write_locks", "mbox_lock_timeout", "mbox_dirty_syncs", "mbox_lazy_writes",
            "mail_temp_dir", "mail_full_filesystem_access", "auth_socket_path", "auth_worker_max_count",
            "dict_db_config", "version_ignore", "config_cache_size", "login_access_sockets", "login_plugin_dir",
            "login_plugins", "mail_plugin_dir", "stats_writer_socket_path", "ssl_options", "ssl_crypto_device",
            "ssl_client_ca_dir", "ssl_client_ca_file", "mail_temp_scan_interval", "mail_vsize_bg_after_count",
            "mail_sort_max_read_count", "dovecot_config_version", "protocol_imap", "mail_save_crlf",
            "mail_prefetch_count", "mail_cache_min_mail_count", "mailbox_idle_check_interval");

    static final Set<String> SERVICE = Set.of("executable", "user", "group", "privileged_group", "extra_groups",
            "chroot", "drop_priv_before_exec", "process_min_avail", "process_limit", "client_limit",
            "service_count", "idle_kill", "vsz_limit", "protocol", "type");

    static final Set<String> LISTENER = Set.of("address", "port", "ssl", "haproxy", "reuse_port", "mode", "user", "type",
            "group", "path");

    static final Set<String> AUTH_DB = Set.of("driver", "args", "default_fields", "override_fields", "deny",
            "pass", "master", "result_success", "result_failure", "result_internalfail", "skip", "auth_verbose",
            "name", "mechanisms", "username_filter");

    static final Set<String> NAMESPACE = Set.of("type", "separator", "prefix", "location", "inbox", "hidden",
            "list", "subscriptions", "ignore_on_failure", "disabled", "alias_for", "order");

    static final Set<String> MAILBOX = Set.of("auto", "special_use", "autoexpunge", "autoexpunge_max_mails",
            "comment", "driver");

    private KnownSettings() {
    }

    static boolean isRootSetting(String key) {
        return IMPLEMENTED.contains(key) || LATER.contains(key) || NOT_NEEDED.contains(key);
    }
}
